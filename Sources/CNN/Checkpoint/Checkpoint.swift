/// Saving and restoring a training state (weights, optimizer slots, step count, epoch) as a
/// safetensors file.
///
/// Tensors: every parameter by its model-wide name (`conv2d/kernel [3,3,1,32]`, `conv2d/bias`, …)
/// and every optimizer slot as `optimizer/<parameter>/<slot>` (`optimizer/conv2d/kernel/velocity`).
/// Metadata (strings): `format` = `stride-checkpoint`, `format_version`, `model` (the model
/// file's YAML), `epoch` (epochs completed), `epoch_fraction` (the share of the next epoch's
/// batches done when saved mid-epoch, in [0, 1); absent in older files = 0), `optimizer`, `optimizer.iterations`, `optimizer.<hyper-parameter>`
/// (Keras names) and `crc32`, the CRC-32 of the data section, checked on load.
///
/// Loading (`load(from:)`, which parses the `model` metadata) is in the `ModelFiles` module,
/// beside the model-file parser.
public enum Checkpoint {
    public static let format = "stride-checkpoint"
    public static let formatVersion = 1
    /// The largest checkpoint read (1 GiB: 256 M float32 values with the optimizer's; the seed
    /// model's is 1.1 MB). The file's size is checked before it is read; its model must then
    /// pass `Sequential`'s memory budget before any weight is allocated.
    public static let maxFileBytes = 1 << 30
    /// The most optimizer steps a checkpoint may record (10¹², far beyond any real run): the
    /// count goes on growing by one a step and feeds Adam's `β^t`.
    public static let maxIterations = 1_000_000_000_000

    /// What `load` restores.
    public struct State {
        public let model: Sequential
        /// `nil` when the checkpoint was saved without an optimizer.
        public let optimizer: (any Optimizer)?
        /// Epochs completed when it was saved.
        public let epoch: Int
        /// The share of epoch `epoch + 1` trained when it was saved mid-epoch (0 at an epoch's end).
        public let epochFraction: Double
        /// What the run has done: `epoch + epochFraction` epochs (1.25 = one epoch and a quarter).
        public var epochsTrained: Double { Double(epoch) + epochFraction }

        package init(model: Sequential, optimizer: (any Optimizer)?, epoch: Int, epochFraction: Double) {
            (self.model, self.optimizer, self.epoch, self.epochFraction) = (model, optimizer, epoch, epochFraction)
        }
    }

    /// Writes `model`'s weights and, if given, `optimizer`'s state after `epoch` epochs and
    /// `fraction` of the next to `path` (atomically: a temporary file, then a rename). A resume
    /// starts at epoch `epoch + 1` (its batches done before the save are trained again).
    public static func save(model: Sequential, optimizer: (any Optimizer)?, epoch: Int, fraction: Double = 0,
                            to path: String) throws(CNNError) {
        guard fraction >= 0, fraction < 1 else {
            throw CNNError.invalidArgument("epoch fraction must be in [0, 1), not \(fraction)")
        }
        var entries = model.namedParameters.map { named in
            SafeTensors.Entry(name: named.name, shape: named.parameter.value.shape, values: named.parameter.value.values)
        }
        var metadata = ["format": format, "format_version": String(formatVersion),
                        "model": ModelFile.yaml(for: model.spec), "epoch": String(epoch)]
        if fraction > 0 { metadata["epoch_fraction"] = String(fraction) }
        if let optimizer {
            optimizer.build(model.parameters)
            metadata["optimizer"] = optimizer.name
            metadata["optimizer.iterations"] = String(optimizer.iterations)
            for (key, value) in optimizer.hyperParameters { metadata["optimizer.\(key)"] = String(value) }
            for (named, slots) in zip(model.namedParameters, optimizer.slots) {
                for (slotName, slot) in zip(optimizer.slotNames, slots) {
                    entries.append(SafeTensors.Entry(name: "optimizer/\(named.name)/\(slotName)", shape: slot.shape, values: slot.values))
                }
            }
        }
        var file = SafeTensors(entries: entries, metadata: metadata)
        file.metadata["crc32"] = String(file.dataChecksum())
        try file.write(to: path)
    }

    /// The `epoch_fraction` metadata: 0 when absent, else a number in [0, 1).
    package static func fraction(_ file: SafeTensors, path: String) throws(CNNError) -> Double {
        guard let text = file.metadata["epoch_fraction"] else { return 0 }
        guard let f = Double(text), f >= 0, f < 1 else {
            throw CNNError.badFile(path: path, line: nil, message: "epoch_fraction '\(text)' is not a number in [0, 1)")
        }
        return f
    }

    /// Reads and checks format, version and checksum.
    package static func read(_ path: String) throws(CNNError) -> SafeTensors {
        let file = try SafeTensors(contentsOf: path, limit: maxFileBytes)
        func bad(_ m: String) -> CNNError { .badFile(path: path, line: nil, message: m) }
        guard file.metadata["format"] == format else { throw bad("not a Stride checkpoint (metadata format is not '\(format)')") }
        guard let v = file.metadata["format_version"].flatMap({ Int($0) }), v == formatVersion else {
            throw bad("unsupported checkpoint format version '\(file.metadata["format_version"] ?? "?")' (expected \(formatVersion))")
        }
        guard let stored = file.metadata["crc32"].flatMap({ UInt32($0) }) else { throw bad("checkpoint has no crc32") }
        let actual = file.dataChecksum()
        guard stored == actual else { throw bad("checkpoint data is corrupt (CRC-32 \(actual), expected \(stored))") }
        return file
    }

    package static func restore(_ file: SafeTensors, path: String, into model: Sequential) throws(CNNError) -> (optimizer: (any Optimizer)?, epoch: Int) {
        func bad(_ m: String) -> CNNError { .badFile(path: path, line: nil, message: m) }
        func copy(_ name: String, into t: Tensor) throws(CNNError) {
            guard let e = file[name] else { throw bad("checkpoint has no tensor '\(name)'") }
            guard e.shape == t.shape else { throw bad("tensor '\(name)' has shape \(e.shape), the model needs \(t.shape)") }
            if let i = e.values.firstIndex(where: { !$0.isFinite }) {
                throw bad("tensor '\(name)' holds \(e.values[i]) at index \(i); every value must be a finite number")
            }
            e.values.withUnsafeBufferPointer { t.data.update(from: $0.baseAddress!, count: t.count) }
        }
        for named in model.namedParameters { try copy(named.name, into: named.parameter.value) }
        guard let epoch = file.metadata["epoch"].flatMap({ Int($0) }), epoch >= 0 else { throw bad("checkpoint has no valid epoch") }
        guard let name = file.metadata["optimizer"] else { return (nil, epoch) }
        var hyper: [String: Double] = [:]
        for (key, value) in file.metadata where key.hasPrefix("optimizer.") && key != "optimizer.iterations" {
            guard let d = Double(value) else { throw bad("optimizer setting \(key) = '\(value)' is not a number") }
            hyper[String(key.dropFirst("optimizer.".count))] = d
        }
        let optimizer: any Optimizer
        do { optimizer = try OptimizerKind.make(name: name, hyperParameters: hyper) } catch { throw bad("\(error)") }
        optimizer.build(model.parameters)
        guard let steps = file.metadata["optimizer.iterations"].flatMap({ Int($0) }), (0...maxIterations).contains(steps) else {
            throw bad("optimizer.iterations must be a whole number from 0 to \(maxIterations), not '\(file.metadata["optimizer.iterations"] ?? "")'")
        }
        optimizer.iterations = steps
        for (named, slots) in zip(model.namedParameters, optimizer.slots) {
            for (slotName, slot) in zip(optimizer.slotNames, slots) { try copy("optimizer/\(named.name)/\(slotName)", into: slot) }
        }
        return (optimizer, epoch)
    }
}
