import ArgumentParser
import CNN
import Explorer

/// `stride conv`: prints the output of a single-channel convolution, optionally every cell's arithmetic.
struct ConvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv", abstract: "Convolve an input matrix with a kernel and print the output.")

    @OptionGroup var matrices: MatrixOptions
    @OptionGroup var window: WindowOptions
    @Flag(help: "Write out every output cell's sum of products.") var steps = false
    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        let trace = try reportingErrors { () throws -> ConvTrace in
            // Without --input or --kernel, the default example's (as in `stride show`).
            let example = ConvSettings.example
            let input = try matrices.input.map { try matrices.parsed(label: "input", $0) } ?? example.input
            let kernel = try matrices.kernel.map { try matrices.parsed(label: "kernel", $0) } ?? example.kernel
            let padding = try window.parsedPadding()
            try CommandLimits.check(input: input, kernel: kernel, padding: padding, stride: window.stride, dilation: window.dilation)
            return try ConvTrace(
                input: input,
                kernel: kernel,
                bias: try matrices.checkedBias(), padding: padding, stride: window.stride,
                dilation: window.dilation, mode: ConvMode(parsing: matrices.mode))
        }
        if json {
            print(try jsonLine(jsonObject(trace)))
            return
        }
        if steps {
            for step in trace.steps {
                print("out[\(step.outputRow),\(step.outputCol)] = \(step.equation)")
            }
            print("")
        }
        print(formatMatrix(trace.output))
    }

    private func jsonObject(_ trace: ConvTrace) -> [String: Any] {
        let g = trace.geometry
        var object: [String: Any] = [
            "output": trace.output.nestedRows.map { $0.map(jsonNumber) },
            "shape": [trace.output.rows, trace.output.cols],
            "mode": trace.mode.rawValue, "stride": g.rows.stride, "dilation": g.rows.dilation,
            "bias": jsonNumber(trace.bias),
            "padding": ["top": g.rows.padBefore, "bottom": g.rows.padAfter,
                        "left": g.cols.padBefore, "right": g.cols.padAfter],
        ]
        if steps {
            object["steps"] = trace.steps.map { step -> [String: Any] in
                ["row": step.outputRow, "col": step.outputCol, "equation": step.equation,
                 "sum": jsonNumber(step.sum), "result": jsonNumber(step.result),
                 "products": step.terms.map { jsonNumber($0.product) }]
            }
        }
        return object
    }
}

/// Rows of right-aligned values, one row per line.
func formatMatrix(_ m: Matrix) -> String {
    let cells = m.nestedRows.map { $0.map { formatNumber($0) } }
    let width = cells.joined().map(\.count).max() ?? 1
    return cells.map { row in
        row.map { String(repeating: " ", count: width - $0.count) + $0 }.joined(separator: " ")
    }.joined(separator: "\n")
}
