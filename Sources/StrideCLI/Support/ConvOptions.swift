import CommandLineSupport
import ArgumentParser
import CNN

/// The window options shared by `conv`, `size` and `show sliding`.
struct WindowOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "valid, same, full, or a number of zero cells on each side.")
    var padding: String = "valid"
    @Option(parsing: .unconditional, help: "Step of the window (≥ 1).")
    var stride: Int = 1
    @Option(parsing: .unconditional, help: "Gap between kernel taps (≥ 1); effective kernel d(k−1)+1.")
    var dilation: Int = 1

    func parsedPadding() throws(CNNError) -> Padding { try Padding(parsing: padding) }
}

/// `--input`/`--kernel` matrices (`"1 2; 3 4"`), `--mode`, `--bias`.
struct MatrixOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Input matrix: rows separated by ';', values by spaces or commas (default: the example 4×4 input).")
    var input: String?
    @Option(parsing: .unconditional, help: "Kernel matrix, same notation (default: the example 3×3 kernel).")
    var kernel: String?
    @Option(parsing: .unconditional, help: "correlate (Keras's 'convolution') or convolve (kernel rotated 180°).")
    var mode: String = "correlate"
    @Option(parsing: .unconditional, help: "Bias added to every output cell.")
    var bias: Float = 0

    /// `--bias`, refused unless finite (`nan`, `inf` and `1e39`, which parses as infinity,
    /// would print as `nan`/`inf` cells and break `--json`).
    func checkedBias() throws -> Float {
        guard bias.isFinite else { throw UserError("--bias must be a finite number, not \(bias)") }
        return bias
    }

    func parsed(label: String, _ text: String) throws -> Matrix {
        do { return try Matrix(parsing: text) } catch {
            throw UserError("--\(label): \(error.description)")
        }
    }
}

/// Sizes `conv` and `pool` accept from outside, checked before anything is allocated. A
/// teaching tool shows every cell, so these are generous for that and keep the padded input
/// (and the trace of every output cell) small: at most 256×256 inputs, 32×32 kernels or
/// windows, padding, stride and dilation up to 64.
enum CommandLimits {
    static let maxInput = 256, maxKernel = 32, maxPadding = 64, maxStep = 64

    static func check(input: Matrix?, kernel: Matrix?, padding: Padding, stride: Int?, dilation: Int?) throws {
        if let m = input, m.rows > maxInput || m.cols > maxInput {
            throw UserError("--input is \(m.rows)×\(m.cols); Stride shows at most \(maxInput)×\(maxInput)")
        }
        if let k = kernel, k.rows > maxKernel || k.cols > maxKernel {
            throw UserError("--kernel is \(k.rows)×\(k.cols); at most \(maxKernel)×\(maxKernel)")
        }
        if case .explicit(let p) = padding, p > maxPadding {
            throw UserError("--padding \(p) is too large: at most \(maxPadding) cells on each side")
        }
        if let s = stride, s > maxStep { throw UserError("--stride \(s) is too large: at most \(maxStep)") }
        if let d = dilation, d > maxStep { throw UserError("--dilation \(d) is too large: at most \(maxStep)") }
    }
}
