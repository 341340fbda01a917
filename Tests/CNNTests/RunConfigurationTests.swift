import Foundation
import ModelFiles
import Testing
@testable import CNN

@Suite("Run configuration", .serialized)
struct RunConfigurationTests {
    @Test func defaultsAreDeclaredOnce() throws {
        let c = RunConfiguration()
        #expect(c.model == "seed" && c.dataset == .mnist && c.epochs == 5 && c.batchSize == 64 && c.optimizer == .rmsprop)
        #expect(c.learningRate == nil && c.limit == nil && c.seed == 0 && c.threads == 2 && c.savePath == nil && c.resumePath == nil)
        // Typed names give the same configuration.
        #expect(try RunConfiguration(dataset: "mnist", optimizer: "rmsprop") == c)
        #expect(RunConfiguration.quick(.fashion) == RunConfiguration(model: "small", dataset: .fashion, epochs: 3))
    }

    @Test(arguments: [
        (RunConfiguration(epochs: 0), "--epochs must be ≥ 1, not 0"),
        (RunConfiguration(batchSize: 0), "--batch-size must be from 1 to 4096, not 0"),
        (RunConfiguration(threads: 9), "--threads must be from 1 to 8, not 9"),
        (RunConfiguration(threads: 0), "--threads must be from 1 to 8, not 0"),
        (RunConfiguration(limit: 0), "--limit must be ≥ 1, not 0"),
        (RunConfiguration(learningRate: 0), "--learning-rate must be a finite number > 0, not 0.0"),
        (RunConfiguration(learningRate: .infinity), "--learning-rate must be a finite number > 0, not inf"),
        (RunConfiguration(model: ""), "--model must name a model (seed, small or a YAML file)"),
    ])
    func eachBadValueIsNamed(_ c: RunConfiguration, _ message: String) {
        #expect(throws: RunSettingError.self) { try c.validate() }
        do { try c.validate() } catch { #expect(error.flagMessage == message) }
    }

    @Test func unknownNamesAreNamed() {
        #expect(throws: RunSettingError(.dataset, "must be mnist or fashion, not 'cifar'")) {
            try RunConfiguration(dataset: "cifar", optimizer: "sgd")
        }
        #expect(throws: RunSettingError(.optimizer, "must be rmsprop, adam or sgd, not 'lbfgs'")) {
            try RunConfiguration(dataset: "mnist", optimizer: "lbfgs")
        }
        #expect(RunSettingError(.batchSize, "must be ≥ 1, not 0").description == "batch-size must be ≥ 1, not 0")
    }

    @Test func modelNameIsTheFileNameWithoutExtension() {
        #expect(RunConfiguration(model: "small").modelName == "small")
        #expect(RunConfiguration(model: "models/net.v2.yaml").modelName == "net.v2")
        #expect(RunConfiguration(model: "/tmp/.hidden").modelName == ".hidden")
    }

    /// Writes `Bars` as the four raw IDX files of an MNIST folder under a new scratch directory.
    static func barsFolder(train: Int, test: Int) -> String {
        let root = makeScratchDirectory("stride-run")
        let dir = root + "/mnist"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (prefix, split) in [("train", Bars.dataset(count: train, seed: 0)), ("t10k", Bars.dataset(count: test, seed: 3))] {
            writeBytes(idxBytes(dims: [split.count, 28, 28], body: split.pixels), to: "\(dir)/\(prefix)-images-idx3-ubyte")
            writeBytes(idxBytes(dims: [split.count], body: split.labels), to: "\(dir)/\(prefix)-labels-idx1-ubyte")
        }
        return root
    }

    @Test func prepareBuildsTheModelDataAndSession() throws {
        let root = Self.barsFolder(train: 200, test: 80)
        defer { removeScratch(root) }
        var c = RunConfiguration(model: "small", dataDirectory: root, epochs: 1, batchSize: 50, optimizer: .adam, learningRate: 0.01,
                                 limit: 120, seed: 4, threads: 1)
        let run = try c.prepare()
        #expect(run.train.count == 120 && run.test.count == 80, "limit caps both splits")
        #expect(run.model.threads == 1 && run.model.seed == 4 && run.optimizer.name == "adam" && run.optimizer.learningRate == 0.01)
        #expect(run.initialEpoch == 0 && run.dataFiles?.path == root + "/mnist")
        #expect(run.checkpointPolicy == CheckpointPolicy(path: run.requestPath, schedule: .onRequest))
        #expect(run.requestPath.hasSuffix("/checkpoints/small-mnist.safetensors"))
        let session = try run.session()
        #expect(session.batchesPerEpoch == 3 && session.configuration.epochs == 1 && session.configuration.batchSize == 50)
        #expect(session.configuration.confusionImages == 80 && session.configuration.seed == 4)

        // Save after the epoch, then resume from the file: the epoch count and optimizer carry over.
        let path = root + "/run.safetensors"
        c.savePath = path
        let first = try c.prepare()
        #expect(first.checkpointPolicy == CheckpointPolicy(path: path, schedule: .everyEpoch))
        let s = try first.session(views: false)
        #expect(s.configuration.confusionImages == 0 && !s.configuration.snapshots)
        let log = EventLog()
        s.events { log.append($0) }
        s.start()
        #expect(s.wait(seconds: 60))
        #expect(!log.events.contains { if case .snapshot = $0 { true } else if case .confusion = $0 { true } else { false } },
                "a run without views takes no snapshots")
        #expect(log.events.contains(.saved(path: path, epoch: 1, batch: nil, epochsTrained: 1)))
        guard case .finished? = s.finalEvent else { Issue.record("\(String(describing: s.finalEvent))"); return }
        c.resumePath = path
        c.epochs = 3
        c.learningRate = nil
        let resumed = try c.prepare()
        #expect(resumed.initialEpoch == 1 && resumed.epochs == 3 && resumed.hasWorkLeft)
        #expect(resumed.optimizer.iterations == 3 && resumed.optimizer.learningRate == 0.01)
        #expect(try resumed.session().configuration.initialEpoch == 1)
    }

    @Test func prepareSaysWhatIsWrong() throws {
        let root = Self.barsFolder(train: 20, test: 10)
        defer { removeScratch(root) }
        #expect(throws: CNNError.invalidArgument("epochs must be ≥ 1, not 0")) {
            try RunConfiguration(model: "small", dataDirectory: root, epochs: 0).prepare()
        }
        let yaml = root + "/wide.yaml"
        try "input: [32, 32, 1]\nlayers:\n  - flatten\n  - dense: {units: 10, activation: softmax}\n".write(toFile: yaml, atomically: true, encoding: .utf8)
        #expect(throws: CNNError.shapeMismatch("the model expects [32, 32, 1] inputs but mnist images are [28, 28, 1]")) {
            try RunConfiguration(model: yaml, dataDirectory: root).prepare()
        }
        #expect(throws: CNNError.self) { try RunConfiguration(model: "small", dataDirectory: root + "/nowhere").prepare() }
    }
}
