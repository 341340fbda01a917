import CNN

/// Loading checkpoints: the stored model description is a model file, parsed here.
extension Checkpoint {
    /// Reads a checkpoint and rebuilds its model (from the stored model description) and
    /// optimizer. Throws `CNNError.badFile` for a corrupt or foreign file.
    public static func load(from path: String) throws(CNNError) -> State {
        let file = try read(path)
        let spec = try ModelFile.parse(file.metadata["model"] ?? "", path: "\(path) (model)")
        let model = try Sequential(spec: spec, seed: 0)
        let (optimizer, epoch) = try restore(file, path: path, into: model)
        return State(model: model, optimizer: optimizer, epoch: epoch, epochFraction: try fraction(file, path: path))
    }

    /// Restores a checkpoint into an existing `model` (which must have the same description)
    /// and returns the optimizer, epoch and epoch fraction stored with it.
    public static func load(from path: String, into model: Sequential) throws(CNNError)
        -> (optimizer: (any Optimizer)?, epoch: Int, fraction: Double) {
        let file = try read(path)
        let spec = try ModelFile.parse(file.metadata["model"] ?? "", path: "\(path) (model)")
        guard spec == model.spec else {
            func describe(_ s: ModelSpec) -> String {
                "\(s.layers.count) layers, \((try? s.totalParams()).map(String.init) ?? "?") parameters"
            }
            throw CNNError.badFile(path: path, line: nil,
                                   message: "checkpoint is for a different model (\(describe(spec))) than this one (\(describe(model.spec)))")
        }
        let (optimizer, epoch) = try restore(file, path: path, into: model)
        return (optimizer, epoch, try fraction(file, path: path))
    }
}
