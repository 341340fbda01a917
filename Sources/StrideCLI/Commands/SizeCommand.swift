import CommandLineSupport
import ArgumentParser
import CNN
import Foundation

/// `stride size`: the output-size formula worked out with the given numbers.
struct SizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "size", abstract: "Work out the output size: floor((n + 2p − d(k−1) − 1) / s) + 1.")

    @Option(help: "Input size n (rows = columns).") var input: Int
    @Option(help: "Kernel size k.") var kernel: Int
    @OptionGroup var window: WindowOptions
    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        let geometry = try reportingErrors {
            let g = try AxisGeometry(input: input, kernel: kernel, stride: window.stride,
                                     dilation: window.dilation, padding: try window.parsedPadding())
            return g
        }
        if json {
            let object: [String: Any] = [
                "output": geometry.outputSize, "input": geometry.inputSize, "kernel": geometry.kernelSize,
                "stride": geometry.stride, "dilation": geometry.dilation,
                "effective_kernel": geometry.effectiveKernel, "padding": window.padding,
                "pad_before": geometry.padBefore, "pad_after": geometry.padAfter,
            ]
            print(try jsonLine(object))
        } else {
            print("padding \(window.padding): \(geometry.padBefore) before, \(geometry.padAfter) after; "
                  + "effective kernel d(k−1)+1 = \(geometry.effectiveKernel)")
            geometry.workedFormula.forEach { print($0) }
        }
    }
}
