import CommandLineSupport
import ArgumentParser
import CNN
import Explorer

/// `stride pool`: max or average pooling of a matrix, with Keras semantics (stride defaults
/// to the window size; average pooling over a `same` border averages only real cells).
struct PoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool", abstract: "Pool an input matrix (max or average) and print the output.")

    @Option(parsing: .unconditional, help: "Input matrix: rows separated by ';', values by spaces or commas (default: the pooling example).")
    var input: String?
    @Option(parsing: .unconditional, help: "max or avg.") var kind: String = "max"
    @Option(parsing: .unconditional, help: "Window size (≥ 1).") var size: Int = 2
    @Option(parsing: .unconditional, help: "Step of the window (default: the window size).") var stride: Int?
    @Option(parsing: .unconditional, help: "valid or same.") var padding: String = "valid"
    @Flag(help: "Write out every output cell's max or mean.") var steps = false
    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        let trace = try reportingErrors { () throws -> PoolTrace in
            let matrix: Matrix
            if let input {
                do throws(CNNError) { matrix = try Matrix(parsing: input) } catch { throw UserError("--input: \(error.description)") }
            } else {
                matrix = PoolingSettings.example
            }
            guard matrix.rows <= 1024, matrix.cols <= 1024 else {
                throw UserError("--input: \(matrix.rows)×\(matrix.cols) is too large: at most 1024×1024")
            }
            let pad = try Padding(parsing: padding)
            try CommandLimits.check(input: matrix, kernel: nil, padding: pad, stride: stride, dilation: nil)
            if size > CommandLimits.maxKernel { throw UserError("--size \(size) is too large: at most \(CommandLimits.maxKernel)") }
            return try PoolTrace(input: matrix, kind: PoolTrace.Kind(parsing: kind), size: size, stride: stride, padding: pad)
        }
        if json {
            let g = trace.geometry
            var object: [String: Any] = [
                "output": trace.output.nestedRows.map { $0.map(jsonNumber) },
                "shape": [trace.output.rows, trace.output.cols], "kind": kind == "max" ? "max" : "avg",
                "size": trace.size, "stride": g.rows.stride,
                "padding": ["top": g.rows.padBefore, "bottom": g.rows.padAfter, "left": g.cols.padBefore, "right": g.cols.padAfter],
            ]
            if steps {
                object["steps"] = trace.steps.map { ["row": $0.outputRow, "col": $0.outputCol, "equation": $0.equation, "result": jsonNumber($0.result)] }
            }
            print(try jsonLine(object))
            return
        }
        if steps {
            for step in trace.steps { print("out[\(step.outputRow),\(step.outputCol)] = \(step.equation)") }
            print("")
        }
        print(formatMatrix(trace.output))
    }
}
