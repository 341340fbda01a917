import CNN
import Foundation

/// What the screens run on one image, timed: `predict` of one 28×28 image (`stride draw` after
/// each stroke, the dashboard's predictions) and `activations` (every layer's output: the
/// dashboard's feature maps), for the built-in seed and small models at the default thread
/// count. The first call (which allocates the workspaces) is printed on its own; then the
/// median and 90th percentile of `runs` calls. Target: ≤ 2 ms per forward pass.
enum InferenceBench {
    static func run(runs: Int = 400) {
        print("== Inference, one image, \(Engine.defaultThreads) thread\(Engine.defaultThreads == 1 ? "" : "s") (first call; then median / p90 of \(runs) calls) ==")
        // A fixed image; the time does not depend on the pixels.
        let image = (0..<784).map { Float(($0 * 37) % 256) / 255 }
        for name in ["seed", "small"] {
            guard let spec = ModelFile.builtin(name), let model = try? Sequential(spec: spec, seed: 1) else { continue }
            let first = milliseconds { _ = try? model.predict(images: image) }
            let predict = percentiles(runs) { _ = try? model.predict(images: image) }
            let maps = percentiles(runs) { _ = try? model.activations(image: image) }
            let mflop = Bench.flopsPerSample(spec: spec).forward / 1e6
            print("  \(name.padding(toLength: 5, withPad: " ", startingAt: 0)) (\(fmt(mflop, 2)) MFLOP): first predict \(fmt(first, 3)) ms;"
                  + " predict \(fmt(predict.median, 3)) / \(fmt(predict.p90, 3)) ms;"
                  + " feature maps (every layer) \(fmt(maps.median, 3)) / \(fmt(maps.p90, 3)) ms")
        }
    }

    /// Milliseconds taken by one call of `body`.
    static func milliseconds(_ body: () -> Void) -> Double {
        let t0 = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
    }

    /// Median and 90th percentile, in milliseconds, of `runs` calls of `body`.
    static func percentiles(_ runs: Int, _ body: () -> Void) -> (median: Double, p90: Double) {
        let sorted = (0..<max(runs, 1)).map { _ in milliseconds(body) }.sorted()
        return (sorted[sorted.count / 2], sorted[(sorted.count - 1) * 9 / 10])
    }
}
