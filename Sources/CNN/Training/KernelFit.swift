/// Learns one single-channel kernel by gradient descent: given an image `x` and a target
/// `t = x ⋆ w*` (the image filtered by a known kernel, e.g. Sobel x), it fits `w` so that
/// `x ⋆ w` matches `t`, with the engine's own `Conv2D` layer (forward and backward, the code
/// that trains the models) and its `SGD` optimizer:
///
///     y = x ⋆ w                     (valid cross-correlation, no bias)
///     L = (1/M) Σ (y − t)²          (mean squared error over the M output cells)
///     ∂L/∂y = 2(y − t)/M
///     g = ∂L/∂w                     (Conv2D.backward: Σ over cells of ∂L/∂y · patch)
///     w ← w − lr·g                  (SGD)
///
/// A value type: each `step` builds its layer afresh from the weights it is given, so a scene
/// can keep every step's weights and go back.
public struct KernelFit: Sendable, Equatable {
    public let image: Matrix
    public let target: Matrix
    public let learningRate: Float
    public let kernelRows: Int
    public let kernelCols: Int

    /// One gradient step: the weights it started from, their loss and gradient, and the
    /// weights after the update.
    public struct Step: Sendable, Equatable {
        public let weights: Matrix
        public let output: Matrix
        public let loss: Float
        public let gradient: Matrix
        public let next: Matrix
    }

    /// `target` is the image filtered by `targetKernel` (valid, by `conv2dReference`).
    /// Throws when the kernel does not fit the image or the learning rate is not > 0.
    public init(image: Matrix, targetKernel: Matrix, learningRate: Float) throws(CNNError) {
        guard learningRate > 0, learningRate.isFinite else {
            throw CNNError.invalidArgument("learning rate must be > 0, not \(learningRate)")
        }
        let x = Tensor(shape: [1, image.rows, image.cols, 1], values: image.values)
        let w = Tensor(shape: [targetKernel.rows, targetKernel.cols, 1, 1], values: targetKernel.values)
        let y = try conv2dReference(input: x, kernel: w)
        self.image = image
        self.target = Matrix(rows: y.shape[1], cols: y.shape[2], values: y.values)
        self.learningRate = learningRate
        self.kernelRows = targetKernel.rows
        self.kernelCols = targetKernel.cols
    }

    /// Keras's Glorot-uniform start for this kernel (as `Conv2D` initialises it), from `seed`.
    public func initialWeights(seed: UInt64) -> Matrix {
        var rng = SeededGenerator(seed: seed)
        let layer = try? Conv2D(name: "fit", spec: spec, inputShape: [image.rows, image.cols, 1], rng: &rng)
        return Matrix(rows: kernelRows, cols: kernelCols, values: layer?.kernel.value.values ?? Array(repeating: 0, count: kernelRows * kernelCols))
    }

    var spec: Conv2DSpec { Conv2DSpec(filters: 1, kernelSize: Size2(kernelRows, kernelCols), useBias: false) }

    /// The loss and gradient at `weights` (a `kernelRows × kernelCols` matrix) and the
    /// weights one SGD step later.
    /// Throws when `weights` is not `kernelRows × kernelCols`.
    public func step(from weights: Matrix) throws(CNNError) -> Step {
        guard weights.rows == kernelRows && weights.cols == kernelCols else {
            throw CNNError.shapeMismatch("\(weights.rows)×\(weights.cols) weights for a \(kernelRows)×\(kernelCols) kernel")
        }
        var rng = SeededGenerator(seed: 0)
        let layer = try Conv2D(name: "fit", spec: spec, inputShape: [image.rows, image.cols, 1], rng: &rng)
        for i in 0..<weights.values.count { layer.kernel.value[i] = weights.values[i] }
        let x = Tensor(shape: [1, image.rows, image.cols, 1], values: image.values)
        let y = layer.forward(x, training: true)
        let m = target.values.count
        let dy = Tensor(shape: y.shape)
        var loss: Double = 0
        for i in 0..<m {
            let e = y[i] - target.values[i]
            loss += Double(e) * Double(e)
            dy[i] = 2 * e / Float(m)
        }
        _ = layer.backward(dy, needInputGradient: false)
        let gradient = Matrix(rows: kernelRows, cols: kernelCols, values: layer.kernel.gradient.values)
        SGD(learningRate: learningRate).update(layer.parameters)
        return Step(weights: weights, output: Matrix(rows: target.rows, cols: target.cols, values: Array(y.values.prefix(m))),
                    loss: Float(loss / Double(m)), gradient: gradient,
                    next: Matrix(rows: kernelRows, cols: kernelCols, values: layer.kernel.value.values))
    }
}
