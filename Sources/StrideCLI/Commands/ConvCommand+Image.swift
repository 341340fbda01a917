import CommandLineSupport
import ArgumentParser
import CNN
import Explorer
import Terminal

/// `stride conv --image FILE [--output OUT.png]`: a picture as the input.
struct ImageOptions: ParsableArguments {
    @Option(help: "A PNG, JPEG or PGM picture as the input, in grey (BT.601 luma, 0–255; transparency over white).")
    var image: String?
    @Option(help: "With --image: write the feature map as a PNG (min → 0, max → 255), atomically.")
    var output: String?
}

extension ConvCommand {
    /// The kernel of `--kernel`: a matrix, or a preset's name (`sobel-x`, …); the example without it.
    func imageKernel() throws -> Matrix {
        guard let text = matrices.kernel else { return ConvSettings.example.kernel }
        if let preset = KernelPreset(rawValue: text.lowercased()) { return preset.kernel }
        return try matrices.parsed(label: "kernel", text)
    }

    /// Convolves the grey picture with the engine's `conv2d` (the same function as matrices):
    /// prints the feature map (text or `--json`), and writes it as a PNG with `--output`.
    func runOnImage() throws {
        guard let path = picture.image else { return }
        let (input, problem) = try reportingErrors { () throws -> (GreyImage, Problem) in
            if matrices.input != nil { throw UserError("give --input or --image, not both") }
            let kernel = try imageKernel()
            let padding = try window.parsedPadding()
            try CommandLimits.check(input: nil, kernel: kernel, padding: padding, stride: window.stride, dilation: window.dilation)
            if let output = picture.output { try checkWritable(output) }
            let image = try GreyImage.load(path)
            let matrix = image.matrix
            let geometry = try ConvTrace.geometry(input: matrix, kernel: kernel, padding: padding,
                                                  stride: window.stride, dilation: window.dilation)
            return (image, Problem(input: matrix, kernel: kernel, bias: try matrices.checkedBias(), padding: padding,
                                   mode: try ConvMode(parsing: matrices.mode), geometry: geometry))
        }
        if steps {
            try reportingErrors { throw UserError("--steps writes out every cell's arithmetic; with --image use --json or --output") }
        }
        let output = try reportingErrors {
            try conv2d(problem.input, problem.kernel, bias: problem.bias, padding: problem.padding,
                       stride: window.stride, dilation: window.dilation, mode: problem.mode)
        }
        if let file = picture.output {
            try reportingErrors { try GreyImage(normalising: output).writePNG(to: file) }
        }
        if json {
            var object = jsonObject(problem, output)
            object["image"] = ["path": path, "width": input.width, "height": input.height]
            print(try jsonLine(object))
        } else if let file = picture.output {
            let low = output.values.min() ?? 0, high = output.values.max() ?? 0
            print("wrote \(TerminalSafe.text(file)): the \(output.rows)×\(output.cols) feature map of the \(input.width)×\(input.height) picture, "
                  + "\(formatNumber(low)) → 0 … \(formatNumber(high)) → 255")
        } else {
            print(formatMatrix(output))
        }
    }
}
