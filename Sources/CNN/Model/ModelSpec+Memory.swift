import Foundation

/// What training a model would hold in memory, estimated from the spec alone (float32, 4 bytes
/// a value), so a model that cannot fit is refused with the figure before anything is allocated.
///
/// - weights: `P` parameters · 4 bytes; gradients the same again
/// - optimizer state: `slots · P · 4` (RMSprop 1 slot, Adam 2, SGD 0)
/// - activations for a batch of `B`: `B · 4 · (n_in + Σ_l 2·n_l + Σ_conv 2·OH·OW·KH·KW·C_in)`,
///   where `n_l` is layer `l`'s output size per sample (its values and, going back, their
///   gradients) and the last sum is the im2col matrix of a convolution and its gradient
///
/// Sums are in `Double`, so an absurd model gives a huge figure, never an overflow.
public struct MemoryEstimate: Sendable, Equatable {
    public var weightBytes: Double
    public var gradientBytes: Double
    public var optimizerBytes: Double
    public var activationBytes: Double

    public var totalBytes: Double { weightBytes + gradientBytes + optimizerBytes + activationBytes }

    /// The most a model may need: half the machine's memory, at most 8 GiB.
    public static var budgetBytes: Double { min(8 * 1024 * 1024 * 1024, Double(ProcessInfo.processInfo.physicalMemory) / 2) }

    /// `"1.2 GB (weights 364.54 KB, gradients …, optimizer state …, activations …)"`.
    public var description: String {
        "\(readableByteSize(totalBytes)) (weights \(readableByteSize(weightBytes)), gradients \(readableByteSize(gradientBytes)), "
            + "optimizer state \(readableByteSize(optimizerBytes)), activations \(readableByteSize(activationBytes)))"
    }

    /// Throws `CNNError.invalidArgument` with the figure when over `budget`; `what` names the use.
    public func check(budget: Double = MemoryEstimate.budgetBytes, what: String) throws(CNNError) {
        guard totalBytes <= budget else {
            throw CNNError.invalidArgument("\(what) needs about \(description), more than the \(readableByteSize(budget)) allowed; "
                                           + "use fewer units or filters, more pooling, or a smaller --batch-size")
        }
    }
}

extension ModelSpec {
    /// The estimate for training with batches of `batchSize` and an optimizer keeping
    /// `optimizerSlots` values per parameter (see `MemoryEstimate`).
    public func memoryEstimate(batchSize: Int, optimizerSlots: Int = 2) throws(CNNError) -> MemoryEstimate {
        // Shapes layer by layer (as `layerInfos`, but any input rank `Sequential` accepts).
        var params = 0.0
        var perSample = inputShape.reduce(1.0) { $0 * Double($1) }
        var shape = inputShape
        for (i, layer) in layers.enumerated() {
            let step: (shape: [Int], params: Int)
            do throws(LayerShapeError) { step = try layer.infer(input: shape) } catch {
                throw CNNError.shapeMismatch("layer \(i + 1) (\(layerNames[i])): \(error.message)")
            }
            params += Double(step.params)
            perSample += 2 * step.shape.reduce(1.0) { $0 * Double($1) }
            if case .conv2d(let c) = layer, shape.count == 3, step.shape.count == 3 {
                perSample += 2 * Double(step.shape[0]) * Double(step.shape[1])
                    * Double(c.kernelSize.rows) * Double(c.kernelSize.cols) * Double(shape[2])
            }
            shape = step.shape
        }
        return MemoryEstimate(weightBytes: 4 * params, gradientBytes: 4 * params, optimizerBytes: 4 * params * Double(optimizerSlots),
                              activationBytes: 4 * Double(max(1, batchSize)) * perSample)
    }
}
