import CommandLineSupport
import ArgumentParser
import CNN
import Explorer

/// `stride grad`: the gradients of a single-channel convolution `y = x ⋆ w + b` for an upstream
/// gradient `∂L/∂y`, from the engine's training backward (`conv2dGradients`).
struct GradCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grad",
        abstract: "Print dL/dx, dL/dw and dL/db of a convolution for an upstream gradient dL/dy.",
        discussion: "dL/dx is the true convolution of dL/dy (zero-stuffed by the stride, padded by k−1) with w; "
            + "dL/dw is the cross-correlation of x with dL/dy; dL/db = Σ dL/dy. The numbers come from the code that trains Conv2D layers.")

    @Option(parsing: .unconditional, help: "Input matrix x: rows separated by ';', values by spaces or commas (default: the example 4×4 input).")
    var input: String?
    @Option(parsing: .unconditional, help: "Kernel matrix w, same notation (default: the example 3×3 kernel).")
    var kernel: String?
    @Option(parsing: .unconditional, help: "Upstream gradient dL/dy, the forward output's shape (default: all ones).")
    var upstream: String?
    @OptionGroup var window: WindowOptions
    @Flag(help: "Print one JSON object: {\"dx\": [[…]], \"dw\": [[…]], \"db\": x}.") var json = false

    /// The checked problem.
    struct Problem {
        let input: Matrix, kernel: Matrix, upstream: Matrix, padding: Padding
    }

    func run() throws {
        let problem = try reportingErrors { () throws -> Problem in
            let example = ConvSettings.example
            let x = try input.map { try parsedMatrix("input", $0) } ?? example.input
            let w = try kernel.map { try parsedMatrix("kernel", $0) } ?? example.kernel
            let padding = try window.parsedPadding()
            try CommandLimits.check(input: x, kernel: w, padding: padding, stride: window.stride, dilation: window.dilation)
            let g = try ConvTrace.geometry(input: x, kernel: w, padding: padding, stride: window.stride, dilation: window.dilation)
            try GradLimits.checkBackward(outputCells: g.outputRows * g.outputCols, kernel: w)
            let dy: Matrix
            if let upstream {
                dy = try parsedMatrix("upstream", upstream)
                guard dy.rows == g.outputRows, dy.cols == g.outputCols else {
                    throw UserError("--upstream is \(dy.rows)×\(dy.cols) but must have the forward output's shape "
                                    + "\(g.outputRows)×\(g.outputCols) (input \(x.rows)×\(x.cols), kernel \(w.rows)×\(w.cols), "
                                    + "padding \(padding), stride \(window.stride), dilation \(window.dilation))")
                }
            } else {
                dy = Matrix(rows: g.outputRows, cols: g.outputCols, repeating: 1)
            }
            return Problem(input: x, kernel: w, upstream: dy, padding: padding)
        }
        let grads = try reportingErrors {
            try conv2dGradients(input: problem.input, kernel: problem.kernel, upstream: problem.upstream,
                                padding: problem.padding, stride: window.stride, dilation: window.dilation)
        }
        if json {
            print(try jsonLine([
                "dx": grads.input.nestedRows.map { $0.map(jsonNumber) },
                "dw": grads.kernel.nestedRows.map { $0.map(jsonNumber) },
                "db": jsonNumber(grads.bias),
            ] as [String: Any]))
            return
        }
        if input == nil { print("input (the default example; --input sets it):\n" + formatMatrix(problem.input)) }
        if kernel == nil { print("kernel (the default example; --kernel sets it):\n" + formatMatrix(problem.kernel)) }
        if upstream == nil { print("upstream dL/dy (all ones by default; --upstream sets it):\n" + formatMatrix(problem.upstream)) }
        print("dx = dL/dx:\n" + formatMatrix(grads.input))
        print("dw = dL/dw:\n" + formatMatrix(grads.kernel))
        print("db = dL/db: " + formatNumber(grads.bias))
    }
}

/// Parses `--label`'s matrix, naming the flag when it is not one.
func parsedMatrix(_ label: String, _ text: String) throws -> Matrix {
    do throws(CNNError) { return try Matrix(parsing: text) } catch { throw UserError("--\(label): \(error.description)") }
}

/// What `grad` and `tconv` may allocate, checked before the engine runs: the training
/// backward keeps an im2col matrix of `output cells × kernel cells` floats and a block of
/// 32 of them for `dx`, so that product is capped (2^20: at most about 140 MB in all); the
/// transposed convolution's output is capped at 2^20 cells.
enum GradLimits {
    static let maxProducts = 1 << 20
    static let maxOutputCells = 1 << 20

    static func checkBackward(outputCells: Int, kernel: Matrix) throws {
        let products = outputCells * kernel.rows * kernel.cols
        guard products <= maxProducts else {
            throw UserError("the backward would take \(outputCells) output cells × \(kernel.rows * kernel.cols) kernel cells = "
                            + "\(products) products, more than \(maxProducts); use a smaller --input or --kernel")
        }
    }
}
