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

    func parsed(label: String, _ text: String) throws -> Matrix {
        do { return try Matrix(parsing: text) } catch {
            throw UserError("--\(label): \(error.description)")
        }
    }
}
