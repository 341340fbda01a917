import CNN
import Foundation

/// glibc's `malloc_trim` (not in the Glibc module map): returns freed heap memory to the OS.
@_silgen_name("malloc_trim") func mallocTrim(_ pad: Int) -> Int32

/// Engine figures: sgemm GFLOP/s, each seed conv layer's forward/backward GFLOP/s,
/// training samples/s of the seed model (batch 64, RMSprop) on real MNIST, peak RSS.
enum EngineBench {
    static let seed = ModelFile.builtin("seed")!
    static let locator = DataLocator(dataDirectory: mnistDirectory.path)

    static func run(quick: Bool) {
        print("== Engine ==")
        Engine.configureBLAS()
        sgemmSection()
        for threads in [1, 2] { convSection(threads: threads) }
        layerSection()
        trainingSection(quick: quick)
    }

    static func sgemmSection() {
        print("sgemm (OpenBLAS, 1 thread), GFLOP/s:")
        let shapes: [(Int, Int, Int, Bool, Bool, String)] = [
            (1024, 1024, 1024, false, false, "1024³"),
            (43264, 9, 32, false, false, "conv1 forward"), (9, 43264, 32, true, false, "conv1 dW"),
            (7744, 288, 64, false, false, "conv2 forward"), (64, 288, 7744, false, false, "conv2 fwd (Wᵀ·colᵀ)"),
            (288, 7744, 64, true, false, "conv2 dW"), (7744, 64, 288, false, true, "conv2 dcol"),
            (576, 576, 64, false, false, "conv3 forward"),
        ]
        for (m, k, n, ta, tb, label) in shapes {
            let gf = Bench.sgemmGFLOPs(m: m, k: k, n: n, transA: ta, transB: tb)
            print("  \(label.padding(toLength: 20, withPad: " ", startingAt: 0)) \(m)×\(k)×\(n): \(fmt(gf))")
        }
    }

    static func convSection(threads: Int) {
        Engine.threads = threads
        print("seed conv layers, batch 64, \(threads) thread(s), GFLOP/s forward / backward:")
        for r in Bench.convLayers(spec: seed, batch: 64) {
            print("  \(r.name.padding(toLength: 9, withPad: " ", startingAt: 0)) forward \(fmt(r.forward))  backward \(fmt(r.backward))")
        }
    }

    static func layerSection() {
        print("seed model per layer, batch 64, ms forward / backward at 1 thread | 2 threads:")
        Engine.threads = 1
        let one = Bench.layerTimes(spec: seed, batch: 64)
        Engine.threads = 2
        let two = Bench.layerTimes(spec: seed, batch: 64)
        for (a, b) in zip(one, two) {
            print("  \(a.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(fmt(a.forward, 2))  \(fmt(a.backward, 2))"
                  + "  |  \(fmt(b.forward, 2))  \(fmt(b.backward, 2))")
        }
        for (threads, rows) in [(1, one), (2, two)] {
            let total = rows.reduce(0) { $0 + $1.forward + $1.backward }
            print("  \(threads) thread(s): \(fmt(total, 1)) ms per batch → at most \(fmt(64_000 / total, 0)) samples/s")
        }
    }

    static func trainingSection(quick: Bool) {
        if !quick { fullEpoch() }
        let few: Labeled<UInt8>
        do {
            let (train, _) = try locator.load(.mnist, trainLimit: 6400, testLimit: 1)
            few = (train.pixels, train.labels)
        } catch {
            print("training: \(error); skipped")
            return
        }
        for threads in [1, 2] {
            Engine.threads = threads
            let model = try! Sequential(spec: seed, seed: 1)
            // As the Keras reference script: timed after 20 warm-up batches.
            var start: UInt64 = 0, startSeen = 0, end: UInt64 = 0, endSeen = 0
            try! model.fit(train: few, epochs: 1, batchSize: 64, optimizer: RMSprop(), shuffle: true, seed: 1) { event in
                guard case .batchEnd(_, let batch, _, _, _, let seen) = event else { return }
                if batch == 20 { (start, startSeen) = (DispatchTime.now().uptimeNanoseconds, seen) }
                (end, endSeen) = (DispatchTime.now().uptimeNanoseconds, seen)
            }
            let rate = Double(endSeen - startSeen) / (Double(end - start) / 1e9)
            print("training seed model, batch 64, RMSprop, 100 batches (timed after 20), \(threads) thread(s): \(fmt(rate, 0)) samples/s")
        }
    }

    /// One 60,000-image epoch and the test set, 2 threads; prints time, accuracy and peak RSS.
    static func fullEpoch() {
        guard let (trainSet, testSet) = try? locator.load(.mnist) else { return }
        let train: Labeled<UInt8> = (trainSet.pixels, trainSet.labels), test: Labeled<UInt8> = (testSet.pixels, testSet.labels)
        let loadPeak = peakRSSMegabytes() ?? 0
        _ = mallocTrim(0)  // hand the loader's freed buffers back, then measure training alone
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        let before = currentRSSMegabytes() ?? 0
        Engine.threads = 2
        let model = try! Sequential(spec: seed, seed: 1)
        let s = try! model.fit(train: train, test: test, epochs: 1, batchSize: 64, optimizer: RMSprop(), seed: 1)
        print("full epoch (60,000 images, 2 threads): \(fmt(s.trainSeconds)) s, \(fmt(s.samplesPerSecond, 0)) samples/s, "
              + "test accuracy \(fmt(100 * (s.testAccuracy ?? 0), 2)) %")
        print("peak RSS: \(fmt(loadPeak, 0)) MB while loading; \(fmt(before, 0)) MB after loading (the 70,000 images "
              + "as bytes are 55 MB); \(peakRSSMegabytes().map { fmt($0, 0) } ?? "?") MB peak during the epoch")
    }
}
