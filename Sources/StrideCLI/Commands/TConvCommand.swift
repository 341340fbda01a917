import CommandLineSupport
import ArgumentParser
import CNN
import Explorer

/// `stride tconv`: a single-channel transposed convolution with Keras's `Conv2DTranspose`
/// semantics, computed as the input gradient of a strided convolution.
struct TConvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tconv",
        abstract: "Transposed convolution (Keras Conv2DTranspose) of an input matrix with a kernel.",
        discussion: "Each input cell adds a copy of the kernel scaled by its value, copies s cells apart, overlaps summed. "
            + "Output side: valid (n − 1)·s + max(k, s); same n·s (the extra cell cut at the bottom/right).")

    @Option(parsing: .unconditional, help: "Input matrix: rows separated by ';', values by spaces or commas (default: the transposed scene's 2×2 example).")
    var input: String?
    @Option(parsing: .unconditional, help: "Kernel matrix, same notation (default: the example 3×3 kernel).")
    var kernel: String?
    @Option(parsing: .unconditional, help: "How far apart the copies start (≥ 1).")
    var stride: Int = 1
    @Option(parsing: .unconditional, help: "valid or same.")
    var padding: String = "valid"
    @Flag(help: "Print one JSON object: {\"output\": [[…]], \"shape\": [rows, cols], …}.") var json = false

    func run() throws {
        let (x, w, pad) = try reportingErrors { () throws -> (Matrix, Matrix, TransposedPadding) in
            let x = try input.map { try parsedMatrix("input", $0) } ?? TransposedSettings.example.input
            let w = try kernel.map { try parsedMatrix("kernel", $0) } ?? TransposedSettings.example.kernel
            let pad: TransposedPadding
            do throws(CNNError) { pad = try TransposedPadding(parsing: padding) } catch { throw UserError("--padding: \(error.description)") }
            guard stride >= 1 else { throw UserError("--stride must be ≥ 1, not \(stride)") }
            try CommandLimits.check(input: x, kernel: w, padding: .valid, stride: stride, dilation: nil)
            let rows = try TransposedAxis(input: x.rows, kernel: w.rows, stride: stride, padding: pad)
            let cols = try TransposedAxis(input: x.cols, kernel: w.cols, stride: stride, padding: pad)
            let cells = rows.outputSize * cols.outputSize
            guard cells <= GradLimits.maxOutputCells else {
                throw UserError("the output would be \(rows.outputSize)×\(cols.outputSize) = \(cells) cells, "
                                + "more than \(GradLimits.maxOutputCells); use a smaller --input, --kernel or --stride")
            }
            try GradLimits.checkBackward(outputCells: x.rows * x.cols, kernel: w)
            return (x, w, pad)
        }
        let output = try reportingErrors { try transposedConv2d(x, w, stride: stride, padding: pad) }
        if json {
            print(try jsonLine([
                "output": output.nestedRows.map { $0.map(jsonNumber) },
                "shape": [output.rows, output.cols], "stride": stride, "padding": pad.rawValue,
            ] as [String: Any]))
            return
        }
        if input == nil { print("input (the default example; --input sets it):\n" + formatMatrix(x)) }
        if kernel == nil { print("kernel (the default example; --kernel sets it):\n" + formatMatrix(w)) }
        if input == nil || kernel == nil { print("output:") }
        print(formatMatrix(output))
    }
}
