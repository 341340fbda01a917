/// A trainable tensor and its gradient (same shape). `name` is the Keras variable name
/// (`kernel`, `bias`); the model-wide name is `"<layer>/<name>"`, e.g. `conv2d/kernel`.
public final class Parameter {
    public let name: String
    public let value: Tensor
    public let gradient: Tensor

    init(name: String, shape: [Int]) {
        self.name = name
        value = Tensor(shape: shape)
        gradient = Tensor(shape: shape)
    }

    /// Glorot (Xavier) uniform, Keras's default kernel initialiser:
    /// `w ~ U(−l, l)`, `l = sqrt(6 / (fan_in + fan_out))`.
    func glorotUniform(fanIn: Int, fanOut: Int, using rng: inout SeededGenerator) {
        let limit = (6 / Float(fanIn + fanOut)).squareRoot()
        for i in 0..<value.count { value[i] = rng.uniform(-limit, limit) }
    }
}

/// One layer of a `Sequential` model: forward and backward over a batch, parameters listed
/// explicitly (no reflection). Tensors are batch-first: `[n] + inputShape` in, `[n] + outputShape` out.
///
/// A layer owns its workspaces (output, input gradient, im2col buffers …), sized once by
/// `prepare(maxBatch:)`; forward and backward never allocate. A forward's output stays valid
/// (and is what `backward` uses) until the next forward.
public protocol Layer: AnyObject {
    /// Keras-style unique name: `conv2d`, `conv2d_1`, `max_pooling2d`, …
    var name: String { get }
    /// Keras class name: `Conv2D`, `MaxPooling2D`, …
    var kind: String { get }
    /// Per-sample shapes, `[H, W, C]` or `[units]`.
    var inputShape: [Int] { get }
    var outputShape: [Int] { get }
    /// Trainable parameters (kernel, then bias), in a fixed order.
    var parameters: [Parameter] { get }
    /// The activation applied last inside the layer (`.linear` if none).
    var activation: Activation { get }
    /// The output of the last forward pass.
    var output: Tensor { get }
    /// For a final softmax: the pre-activation logits of the last forward pass.
    var logits: Tensor? { get }
    /// Allocates workspaces for batches of up to `maxBatch` samples (idempotent).
    func prepare(maxBatch: Int)
    /// Computes the output of `x` (`training` enables dropout).
    func forward(_ x: Tensor, training: Bool) -> Tensor
    /// Given `grad = ∂L/∂output` (or `∂L/∂logits` when `preActivation`), overwrites the
    /// parameter gradients and returns `∂L/∂input` when `needInputGradient`.
    func backward(_ grad: Tensor, preActivation: Bool, needInputGradient: Bool) -> Tensor?
}

extension Layer {
    public var activation: Activation { .linear }
    public var logits: Tensor? { nil }
    public var parameters: [Parameter] { [] }
    /// Number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
    func backward(_ grad: Tensor, needInputGradient: Bool = true) -> Tensor? {
        backward(grad, preActivation: false, needInputGradient: needInputGradient)
    }
}

/// Grows `t` (by reallocating) so that it can hold `[maxBatch] + shape`; returns it reshaped
/// to that size. Only called from `prepare`, never in the training loop.
func workspace(_ t: Tensor?, _ maxBatch: Int, _ shape: [Int]) -> Tensor {
    let need = maxBatch * shape.reduce(1, *)
    if let t, t.capacity >= need { t.reshape([maxBatch] + shape); return t }
    return Tensor(shape: [maxBatch] + shape)
}
