import CommandLineSupport
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
    @OptionGroup var picture: ImageOptions

    /// Most products `--steps --json` writes out (each becomes an object in memory); text
    /// `--steps` prints one cell at a time and keeps none.
    static let maxJSONProducts = 1_000_000

    /// The parsed and checked problem.
    struct Problem {
        let input: Matrix, kernel: Matrix, bias: Float, padding: Padding, mode: ConvMode, geometry: ConvGeometry
        var cellCount: Int { geometry.outputRows * geometry.outputCols }
        func step(_ i: Int, _ j: Int) -> ConvStep {
            ConvTrace.step(row: i, col: j, input: input, kernel: kernel, bias: bias, geometry: geometry, mode: mode)
        }
    }

    func run() throws {
        if picture.image != nil { return try runOnImage() }
        if let output = picture.output {
            try reportingErrors { throw UserError("--output \(output) writes the feature map of an --image; give --image FILE") }
        }
        let problem = try reportingErrors { () throws -> Problem in
            // Without --input or --kernel, the default example's (as in `stride show`).
            let example = ConvSettings.example
            let input = try matrices.input.map { try matrices.parsed(label: "input", $0) } ?? example.input
            let kernel = try matrices.kernel.map { try matrices.parsed(label: "kernel", $0) } ?? example.kernel
            let padding = try window.parsedPadding()
            try CommandLimits.check(input: input, kernel: kernel, padding: padding, stride: window.stride, dilation: window.dilation)
            let geometry = try ConvTrace.geometry(input: input, kernel: kernel, padding: padding,
                                                  stride: window.stride, dilation: window.dilation)
            let problem = Problem(input: input, kernel: kernel, bias: try matrices.checkedBias(), padding: padding,
                                  mode: try ConvMode(parsing: matrices.mode), geometry: geometry)
            if json, steps, problem.cellCount * kernel.rows * kernel.cols > Self.maxJSONProducts {
                throw UserError("--steps --json would write \(problem.cellCount) cells of \(kernel.rows * kernel.cols) products, "
                                + "more than \(Self.maxJSONProducts) in all; use --steps without --json, or a smaller input or kernel")
            }
            return problem
        }
        // Only the output is kept: each step's arithmetic is built when it is printed.
        let output = try reportingErrors {
            try conv2d(problem.input, problem.kernel, bias: problem.bias, padding: problem.padding,
                       stride: window.stride, dilation: window.dilation, mode: problem.mode)
        }
        if json {
            print(try jsonLine(jsonObject(problem, output)))
            return
        }
        // Whatever came from the default example is shown, so the output can be checked by hand.
        if matrices.input == nil || matrices.kernel == nil {
            if matrices.input == nil { print("input (the default example; --input sets it):\n" + formatMatrix(problem.input)) }
            if matrices.kernel == nil { print("kernel (the default example; --kernel sets it):\n" + formatMatrix(problem.kernel)) }
            print("output:")
        }
        if steps {
            for i in 0..<problem.geometry.outputRows {
                for j in 0..<problem.geometry.outputCols {
                    print("out[\(i),\(j)] = \(problem.step(i, j).equation)")
                }
            }
            print("")
        }
        print(formatMatrix(output))
    }

    func jsonObject(_ problem: Problem, _ output: Matrix) -> [String: Any] {
        let g = problem.geometry
        var object: [String: Any] = [
            "output": output.nestedRows.map { $0.map(jsonNumber) },
            "shape": [output.rows, output.cols],
            "mode": problem.mode.rawValue, "stride": g.rows.stride, "dilation": g.rows.dilation,
            "bias": jsonNumber(problem.bias),
            "padding": ["top": g.rows.padBefore, "bottom": g.rows.padAfter,
                        "left": g.cols.padBefore, "right": g.cols.padAfter],
        ]
        if steps {
            var all: [[String: Any]] = []
            for i in 0..<g.outputRows {
                for j in 0..<g.outputCols {
                    let step = problem.step(i, j)
                    all.append(["row": step.outputRow, "col": step.outputCol, "equation": step.equation,
                                "sum": jsonNumber(step.sum), "result": jsonNumber(step.result),
                                "products": step.terms.map { jsonNumber($0.product) }])
                }
            }
            object["steps"] = all
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
