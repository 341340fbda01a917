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
        var headless: [Double] = [], dashboard: [Double] = [], frames = 0
        for _ in 0..<rounds {
            headless.append(headlessRate(train: train, test: test))
            let (rate, drawn) = dashboardRate(train: train, test: test)
            dashboard.append(rate)
            frames = drawn
        }
        let h = headless.max()!, d = dashboard.max()!
        print("  headless  : \(fmt(h, 0)) samples/s   (runs: \(headless.map { fmt($0, 0) }.joined(separator: ", ")))")
        print("  dashboard : \(fmt(d, 0)) samples/s   (runs: \(dashboard.map { fmt($0, 0) }.joined(separator: ", ")); \(frames) frames drawn)")
        print("  cost      : \(fmt((1 - d / h) * 100, 1)) % slower with the dashboard (limit 5 %)")
    }

    static func headlessRate(train: Dataset, test: Dataset) -> Double {
        let net = try! Sequential(spec: EngineBench.seed, seed: 0)
        net.threads = 2
        let start = Date()
        _ = try! net.fit(train: (train.pixels, train.labels), test: (test.pixels, test.labels), epochs: 1, batchSize: 64,
                         optimizer: OptimizerKind.rmsprop.make(learningRate: nil), seed: 0)
        return Double(train.count) / Date().timeIntervalSince(start)
    }

    static func dashboardRate(train: Dataset, test: Dataset) -> (Double, Int) {
        let net = try! Sequential(spec: EngineBench.seed, seed: 0)
        net.threads = 2
        let run = TrainingRun(session: try! TrainingSession(model: net, optimizer: OptimizerKind.rmsprop.make(learningRate: nil),
                                                            train: train, test: test, configuration: .init(epochs: 1, batchSize: 64)))
        let info = DashboardInfo(model: "seed", layers: (try? EngineBench.seed.layerInfos()) ?? [], parameters: net.parameterCount,
                                 dataset: "MNIST", classNames: train.classNames, trainCount: train.count, testCount: test.count,
                                 optimizer: "rmsprop", batchSize: 64, epochs: 1)
        var app = ExplorerApp(screens: [DashboardScreen(info: info, handle: run)])
        var frames = 0
        let start = Date()
        run.start()
        while true {
            let ended = run.wait(seconds: 0.1)
            _ = drive(&app, events: [.wake], size: (80, 24))
            frames += 1
            if ended { break }
        }
        return (Double(train.count) / Date().timeIntervalSince(start), frames)
    }
}
