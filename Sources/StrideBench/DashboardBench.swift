import CNN
import Explorer
import Foundation
import Terminal

/// The dashboard's cost on training: the seed model trained on the same MNIST images,
/// headless (`fit` alone) and through `TrainingRun` with a UI thread that drains the inbox and
/// renders the dashboard at 80×24 ten times a second (as the run loop does), alternated, best
/// of two rounds each.
enum DashboardBench {
    static func run(images: Int = 30_000, rounds: Int = 3) {
        print("== Dashboard cost on training (seed model, \(groupThousands(images)) images, batch 64, 2 threads, best of \(rounds)) ==")
        guard let (train, test) = try? EngineBench.locator.load(.mnist, trainLimit: images, testLimit: 2000) else {
            print("  skipped: MNIST not found (\(EngineBench.locator.dataDirectory ?? "?"))")
            return
        }
        var headless: [Double] = [], dashboard: [Double] = [], frames = 0, uiSeconds = 0.0, runSeconds = 0.0
        for _ in 0..<rounds {
            headless.append(headlessRate(train: train, test: test))
            let (rate, drawn, ui) = dashboardRate(train: train, test: test)
            dashboard.append(rate)
            frames = drawn
            uiSeconds += ui
            runSeconds += Double(train.count) / rate
        }
        let h = headless.max()!, d = dashboard.max()!
        print("  headless  : \(fmt(h, 0)) samples/s   (runs: \(headless.map { fmt($0, 0) }.joined(separator: ", ")))")
        print("  dashboard : \(fmt(d, 0)) samples/s   (runs: \(dashboard.map { fmt($0, 0) }.joined(separator: ", ")); \(frames) frames drawn)")
        print("  cost      : \(fmt((1 - d / h) * 100, 1)) % slower with the dashboard (limit 5 %); the UI thread drew "
              + "\(fmt(1000 * uiSeconds / Double(max(1, frames * rounds)), 2)) ms per frame, "
              + "\(fmt(100 * uiSeconds / runSeconds / 2, 1)) % of the 2 cores' time")
    }

    static func headlessRate(train: Dataset, test: Dataset) -> Double {
        let net = try! Sequential(spec: EngineBench.seed, seed: 0)
        net.threads = 2
        let start = Date()
        _ = try! net.fit(train: (train.pixels, train.labels), test: (test.pixels, test.labels), epochs: 1, batchSize: 64,
                         optimizer: OptimizerKind.rmsprop.make(learningRate: nil), seed: 0)
        return Double(train.count) / Date().timeIntervalSince(start)
    }

    /// The training rate with the dashboard drawn, the frames drawn and the seconds the UI thread spent drawing them.
    static func dashboardRate(train: Dataset, test: Dataset) -> (Double, Int, Double) {
        let net = try! Sequential(spec: EngineBench.seed, seed: 0)
        net.threads = 2
        let run = TrainingRun(session: try! TrainingSession(model: net, optimizer: OptimizerKind.rmsprop.make(learningRate: nil),
                                                            train: train, test: test, configuration: .init(epochs: 1, batchSize: 64)))
        let info = DashboardInfo(model: "seed", layers: (try? EngineBench.seed.layerInfos()) ?? [], parameters: net.parameterCount,
                                 dataset: "MNIST", classNames: train.classNames, trainCount: train.count, testCount: test.count,
                                 optimizer: "rmsprop", batchSize: 64, epochs: 1)
        var app = ExplorerApp(screens: [DashboardScreen(info: info, handle: run)])
        var frames = 0, ui: UInt64 = 0
        let start = Date()
        run.start()
        while true {
            let ended = run.wait(seconds: 0.1)
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = drive(&app, events: [.wake], size: (80, 24))
            ui += DispatchTime.now().uptimeNanoseconds - t0
            frames += 1
            if ended { break }
        }
        return (Double(train.count) / Date().timeIntervalSince(start), frames, Double(ui) / 1e9)
    }
}
