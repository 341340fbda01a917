import CNN
import Foundation

/// glibc's `malloc_trim` (not in the Glibc module map): returns freed heap memory to the OS.
@_silgen_name("malloc_trim") func mallocTrim(_ pad: Int) -> Int32

/// Engine figures: the machine's FLOP limit (square sgemm) and what it means for the seed
/// model, sgemm on the seed's shapes, where a real training step's time goes, training
/// samples/s of the seed model (batch 64, RMSprop) on real MNIST, peak RSS.
enum EngineBench {
    static let seed = ModelFile.builtin("seed")!
    static let locator = DataLocator(dataDirectory: mnistDirectory.path)

    static func run(quick: Bool) {
        print("== Engine ==")
        let limit = limitSection()
        sgemmSection()
        kernelSection()
        for threads in [1, 2] { convSection(threads: threads) }
        breakdownSection(limit: limit)
        trainingSection(quick: quick)
    }

    /// The machine's limit: OpenBLAS sgemm 2048³ on 1 and 2 threads (best of 6), and the seed
    /// model's samples/s at that rate. Returns the 2-thread GFLOP/s.
    @discardableResult
    static func limitSection() -> Double {
        let one = Bench.squareSGEMMGFLOPs(threads: 1), two = Bench.squareSGEMMGFLOPs(threads: 2)
        let flops = Bench.flopsPerSample(spec: seed)
        print("machine limit: sgemm 2048³ (OpenBLAS) \(fmt(one)) GFLOP/s on 1 thread, \(fmt(two)) on 2")
        print("seed model: \(fmt(flops.training / 1e6, 2)) MFLOP per training sample (forward \(fmt(flops.forward / 1e6, 2)))"
              + " → limit \(fmt(two * 1e9 / flops.training, 0)) samples/s on 2 threads")
        return two
    }

    /// One JSON line for scripts (`--limit`): the 2-thread limit in GFLOP/s and the seed model's
    /// FLOPs per training sample.
    static func limitJSON() {
        let two = Bench.squareSGEMMGFLOPs(threads: 2)
        print("{\"sgemm_gflops_2_threads\": \(fmt(two, 2)), \"seed_training_flops\": \(fmt(Bench.flopsPerSample(spec: seed).training, 0))}")
    }

    static func sgemmSection() {
        print("sgemm (OpenBLAS, 1 thread), GFLOP/s:")
        let shapes: [(Int, Int, Int, Bool, Bool, String)] = [
            (1024, 1024, 1024, false, false, "1024³"),
            (43264, 9, 32, false, false, "conv1 forward"), (9, 43264, 32, true, false, "conv1 dW"),
            (7744, 288, 64, false, false, "conv2 forward"), (288, 7744, 64, true, false, "conv2 dW"),
            (7744, 64, 288, false, true, "conv2 dcol"), (576, 576, 64, false, false, "conv3 forward"),
        ]
        for (m, k, n, ta, tb, label) in shapes {
            let gf = Engine.withThreads(1) { Bench.sgemmGFLOPs(m: m, k: k, n: n, transA: ta, transB: tb) }
            print("  \(label.padding(toLength: 14, withPad: " ", startingAt: 0)) \(m)×\(k)×\(n): \(fmt(gf))")
        }
    }

    /// The AVX2 kernels alone (1 thread, 32 samples: one shard of a batch of 64).
    static func kernelSection() {
        print("AVX2 conv kernels alone, 1 thread, 32 samples, GFLOP/s forward / dW / dx:")
        for (index, layer) in seed.layers.enumerated() {
            guard case .conv2d = layer else { continue }
            guard let r = Bench.kernelGFLOPs(spec: seed, layer: index, batch: 32) else {
                print("  \(seed.layerNames[index]): kernels do not apply here")
                continue
            }
            print("  \(seed.layerNames[index].padding(toLength: 9, withPad: " ", startingAt: 0)) \(fmt(r.forward))  \(fmt(r.weights))  "
                  + (r.input.map { fmt($0) } ?? "–"))
        }
    }

    static func convSection(threads: Int) {
        print("seed conv layers on their own, batch 64, \(threads) thread\(threads == 1 ? "" : "s"), GFLOP/s forward / backward:")
        for r in Engine.withThreads(threads, { Bench.convLayers(spec: seed, batch: 64) }) {
            print("  \(r.name.padding(toLength: 9, withPad: " ", startingAt: 0)) forward \(fmt(r.forward))  backward \(fmt(r.backward))")
        }
    }

    /// Where the time of a real training step goes (`Sequential.profiling`): the seed model,
    /// batch 64, 2 shards, 100 steps after 20 warm-up steps.
    static func breakdownSection(limit: Double) {
        guard let (train, _) = try? locator.load(.mnist, trainLimit: 8000, testLimit: 1) else {
            print("training step breakdown: MNIST not found; skipped")
            return
        }
        let report = Bench.profileTraining(spec: seed, train: (train.pixels, train.labels), batches: 100, threads: 2)
        StepBreakdown(report: report, spec: seed, limitGFLOPs: limit).print()
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
            let model = try! Sequential(spec: seed, seed: 1)
            model.threads = threads
            // As the Keras reference script: timed after 20 warm-up batches.
            var start: UInt64 = 0, startSeen = 0, end: UInt64 = 0, endSeen = 0
            try! model.fit(train: few, epochs: 1, batchSize: 64, optimizer: RMSprop(), shuffle: true, seed: 1) { event in
                guard case .batchEnd(_, let batch, _, _, _, let seen) = event else { return }
                if batch == 20 { (start, startSeen) = (DispatchTime.now().uptimeNanoseconds, seen) }
                (end, endSeen) = (DispatchTime.now().uptimeNanoseconds, seen)
            }
            let rate = Double(endSeen - startSeen) / (Double(end - start) / 1e9)
            print("training seed model, batch 64, RMSprop, 100 batches (timed after 20), \(threads) thread\(threads == 1 ? "" : "s"): \(fmt(rate, 0)) samples/s")
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
        let model = try! Sequential(spec: seed, seed: 1)
        model.threads = 2
        let s = try! model.fit(train: train, test: test, epochs: 1, batchSize: 64, optimizer: RMSprop(), seed: 1)
        print("full epoch (60,000 images, 2 threads): \(fmt(s.trainSeconds)) s, \(fmt(s.samplesPerSecond, 0)) samples/s, "
              + "test accuracy \(fmt(100 * (s.testAccuracy ?? 0), 2)) %")
        print("peak RSS: \(fmt(loadPeak, 0)) MB while loading; \(fmt(before, 0)) MB after loading (the 70,000 images "
              + "as bytes are 55 MB); \(peakRSSMegabytes().map { fmt($0, 0) } ?? "?") MB peak during the epoch")
    }
}
