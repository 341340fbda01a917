import Dispatch
import Foundation
import ModelFiles
import Testing
@testable import CNN

/// The 461-byte alias bomb of issue 16: nine levels of ten aliases, then the last one used as
/// a complex mapping key, which Yams hashes (hours of CPU before the fix).
enum AliasBomb {
    static let yaml: String = {
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
        let names = Array("abcdefghij").map(String.init)
        for i in 1..<names.count {
            let p = names[i - 1]
            lines.append("\(names[i]): &\(names[i]) [" + Array(repeating: "*\(p)", count: 10).joined(separator: ",") + "]")
        }
        lines.append("? *j : 1")
        return lines.joined(separator: "\n") + "\n"
    }()
}

@Suite("Hostile input: numbers, YAML aliases, batch sizes")
struct TrustTests {
    @Test func hugeFiniteNumbersDoNotPrintAsInfinity() {
        #expect(formatNumber(3.4e34) == "3.4e+34")
        #expect(formatNumber(Float.greatestFiniteMagnitude) == "3.4028235e+38")
        #expect(formatNumber(-Float.greatestFiniteMagnitude) == "-3.4028235e+38")
        #expect(formatNumber(1e9) == "1e+09")
        #expect(formatNumber(1.5e20) == "1.5e+20")
        #expect(formatNumber(999_999_936) == "999999936")
        #expect(formatNumber(123_456.5) == "123456.5")
        #expect(formatNumber(Float.infinity) == "inf" && formatNumber(-Float.infinity) == "-inf" && formatNumber(.nan) == "nan")
        // Every magnitude from 1e-4 to the largest Float is finite on screen, parses back close.
        var x: Float = 1e-4
        while x.isFinite {
            for v in [x, -x] {
                let text = formatNumber(v)
                #expect(text != "inf" && text != "-inf", "\(v)")
                if let back = Float(text) { #expect(abs(back - v) <= abs(v) * 1e-3 + 1e-4, "\(v) → \(text)") } else { Issue.record("\(v) → \(text)") }
            }
            x *= 7.3
        }
    }

    @Test func theAliasBombIsRefusedFastWithFileAndLine() {
        #expect(AliasBomb.yaml.utf8.count < 500)
        let start = DispatchTime.now().uptimeNanoseconds
        #expect(throws: CNNError.badFile(path: "bomb.yaml", line: 2, message: YAMLAliases.message)) {
            try ModelFile.parse(AliasBomb.yaml, path: "bomb.yaml")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        #expect(seconds < 1, "\(seconds) s")
    }

    @Test func aliasesAreFoundByTheTokenizerNotByLookingForStars() {
        #expect(YAMLAliases.firstAliasLine(in: "a: &x 1\nb: *x\n") == 2)
        #expect(YAMLAliases.firstAliasLine(in: "a: &x 1\n") == nil)
        #expect(YAMLAliases.firstAliasLine(in: "a: \"*x\"\nb: '*y'\nc: 2*3\nd: a *b\n# *comment\n") == nil)
        #expect(YAMLAliases.firstAliasLine(in: "text: |\n  *not an alias*\n  &nor anchor\n") == nil)
        #expect(YAMLAliases.firstAliasLine(in: "[1, *z]") == 1)
        #expect(YAMLAliases.firstAliasLine(in: "") == nil)
        #expect(YAMLAliases.firstAliasLine(in: "a: [") == nil) // invalid: left to the parser's own message
        // A model file with an alias deep in a layer names that line.
        let model = "input: [8, 8, 1]\nlayers:\n  - conv2d: &c {filters: 4, kernel_size: 3}\n  - conv2d: *c\n"
        #expect(throws: CNNError.badFile(path: "m.yaml", line: 4, message: YAMLAliases.message)) { try ModelFile.parse(model, path: "m.yaml") }
    }

    @Test func aCheckpointWhoseModelMetadataIsTheBombIsRefused() throws {
        let path = NSTemporaryDirectory() + "stride-bomb-\(UInt32.random(in: 0...UInt32.max)).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let spec = ModelSpec(inputShape: [4, 4, 1], layers: [.flatten, .dense(DenseSpec(units: 2, activation: .softmax))])
        try Checkpoint.save(model: try Sequential(spec: spec, seed: 1), optimizer: nil, epoch: 1, to: path)
        var file = try SafeTensors(contentsOf: path)
        file.metadata["model"] = AliasBomb.yaml
        try file.write(to: path)
        let start = DispatchTime.now().uptimeNanoseconds
        #expect(throws: CNNError.badFile(path: "\(path) (model)", line: 2, message: YAMLAliases.message)) { try Checkpoint.load(from: path) }
        #expect(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < 1)
    }

    @Test(arguments: [Int.max, 1_000_000_000_000, 4097, 0, -1])
    func batchSizesOutOfRangeAreRefusedBeforeAllocating(batchSize: Int) throws {
        let spec = ModelSpec(inputShape: [4, 4, 1], layers: [.flatten, .dense(DenseSpec(units: 2, activation: .softmax))])
        let m = try Sequential(spec: spec, seed: 1)
        let images = [Float](repeating: 0.5, count: 8 * 16), labels = (0..<8).map { UInt8($0 % 2) }
        #expect(throws: CNNError.invalidArgument("batch size must be from 1 to 4096, not \(batchSize)")) {
            try m.fit(train: (images, labels), epochs: 1, batchSize: batchSize, optimizer: SGD())
        }
        #expect(Sequential.batchCount(samples: Int.max, batchSize: 4096) == Int.max / 4096 + 1)
        #expect(Sequential.batchCount(samples: 8, batchSize: 3) == 3 && Sequential.batchCount(samples: 9, batchSize: 3) == 3)
    }

    @Test func theLargestBatchTrainsAShortSet() throws {
        // batchSize above the sample count: one short batch, buffers sized by the samples.
        let spec = ModelSpec(inputShape: [4, 4, 1], layers: [.flatten, .dense(DenseSpec(units: 2, activation: .softmax))])
        let m = try Sequential(spec: spec, seed: 1)
        let images = [Float](repeating: 0.5, count: 8 * 16), labels = (0..<8).map { UInt8($0 % 2) }
        let s = try m.fit(train: (images, labels), epochs: 1, batchSize: Sequential.maxBatchSize, optimizer: SGD())
        #expect(s.epochs == 1)
    }
}
