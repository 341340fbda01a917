/// `MaxPooling2D` and `AveragePooling2D` (Keras): a `pool_size` window moved by `strides`
/// (default: `pool_size`) over each channel of NHWC input; see `maxPoolForward`/`avgPoolForward`.
/// Shapes: `x [n, H, W, C]` → `y [n, OH, OW, C]`. No parameters.
public final class Pooling2D: Layer {
    public enum Kind: Sendable { case max, average }
    public let name: String
    public let pooling: Kind
    public var kind: String { pooling == .max ? "MaxPooling2D" : "AveragePooling2D" }
    public let spec: PoolSpec
    public let inputShape: [Int]
    public let outputShape: [Int]
    public private(set) var output = Tensor(shape: [0])
    let shape: PoolShape
    private var argmax: UnsafeMutablePointer<Int32>?
    private var dx: Tensor?
    private var maxBatch = 0

    init(name: String, kind: Kind, spec: PoolSpec, inputShape: [Int]) throws(CNNError) {
        guard inputShape.count == 3 else {
            throw CNNError.shapeMismatch("\(name): pooling needs a [height, width, channels] input, not \(inputShape)")
        }
        let g: ConvGeometry
        do {
            g = try poolGeometry(h: inputShape[0], w: inputShape[1], poolSize: spec.poolSize, strides: spec.strides, padding: spec.padding)
        } catch { throw CNNError.shapeMismatch("\(name): \(error)") }
        self.name = name
        self.pooling = kind
        self.spec = spec
        self.inputShape = inputShape
        shape = PoolShape(h: inputShape[0], w: inputShape[1], c: inputShape[2], g: g)
        outputShape = [g.outputRows, g.outputCols, inputShape[2]]
    }

    deinit { argmax?.deallocate() }

    public func prepare(maxBatch: Int) {
        guard maxBatch > self.maxBatch else { return }
        self.maxBatch = maxBatch
        output = workspace(output, maxBatch, outputShape)
        dx = workspace(dx, maxBatch, inputShape)
        if pooling == .max {
            argmax?.deallocate()
            argmax = .allocate(capacity: maxBatch * shape.outputSize)
        }
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let n = x.shape[0]
        precondition(Array(x.shape.dropFirst()) == inputShape, "\(name): input \(x.shape), expected [n] + \(inputShape)")
        prepare(maxBatch: n)
        output.reshape([n] + outputShape)
        timed(.poolForward, bytes: 4 * Double(n * (shape.inputSize + 2 * shape.outputSize))) {
            switch pooling {
            case .max: maxPoolForward(shape, x: x.data, n: n, y: output.data, argmax: argmax!)
            case .average: avgPoolForward(shape, x: x.data, n: n, y: output.data)
            }
        }
        return output
    }

    /// The output and arg-max buffers sized for `n` samples, for the conv before this layer
    /// to fill in a fused forward (`Conv2D.forwardThroughMaxPool`). Max pooling only.
    func fusedOutput(n: Int) -> (output: Tensor, argmax: UnsafeMutablePointer<Int32>) {
        prepare(maxBatch: n)
        output.reshape([n] + outputShape)
        return (output, argmax!)
    }

    public func backward(_ grad: Tensor, preActivation: Bool, needInputGradient: Bool) -> Tensor? {
        backward(grad, throughReLU: false, needInputGradient: needInputGradient)
    }

    /// `throughReLU` (max pooling only): the input came from a ReLU, and the result is the
    /// gradient before it (see `maxPoolBackward`), for `Sequential.backward` to hand to the
    /// conv below as a pre-activation gradient.
    func backward(_ grad: Tensor, throughReLU: Bool, needInputGradient: Bool) -> Tensor? {
        guard needInputGradient else { return nil }
        let n = grad.shape[0]
        dx!.reshape([n] + inputShape)
        timed(.poolBackward, bytes: 4 * Double(n * (shape.inputSize + 2 * shape.outputSize))) {
            switch pooling {
            case .max: maxPoolBackward(shape, dy: grad.data, n: n, argmax: argmax!,
                                       reluOutput: throughReLU ? UnsafePointer(output.data) : nil, dx: dx!.data)
            case .average: avgPoolBackward(shape, dy: grad.data, n: n, dx: dx!.data)
            }
        }
        return dx
    }
}
