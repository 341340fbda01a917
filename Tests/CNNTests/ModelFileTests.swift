import Foundation
import ModelFiles
import Testing
@testable import CNN

@Suite("Model files")
struct ModelFileTests {
    static let example = """
        input: [28, 28, 1]
        layers:
          - conv2d: {filters: 32, kernel_size: 3, activation: relu}
          - max_pooling2d: {pool_size: 2}
          - conv2d: {filters: 64, kernel_size: [3, 3], activation: relu, padding: same, strides: 1}
          - average_pooling2d: {pool_size: 2, strides: 2}
          - flatten: {}
          - dropout: {rate: 0.5}
          - dense: {units: 10, activation: softmax}
        """

    @Test func parsesTheDocumentedExample() throws {
        let spec = try ModelFile.parse(Self.example, path: "ex.yaml")
        #expect(spec.inputShape == [28, 28, 1])
        #expect(spec.layers == [
            .conv2d(Conv2DSpec(filters: 32, kernelSize: Size2(3), activation: .relu)),
            .maxPooling2d(PoolSpec(poolSize: Size2(2))),
            .conv2d(Conv2DSpec(filters: 64, kernelSize: Size2(3), strides: Size2(1), padding: .same, activation: .relu)),
            .averagePooling2d(PoolSpec(poolSize: Size2(2), strides: Size2(2))),
            .flatten,
            .dropout(rate: 0.5),
            .dense(DenseSpec(units: 10, activation: .softmax)),
        ])
    }

    @Test func acceptsEveryArgumentAndLayerForm() throws {
        let spec = try ModelFile.parse("""
            input: [32, 30, 3]
            layers:
              - conv2d:
                  filters: 4
                  kernel_size: [3, 5]
                  strides: [1, 2]
                  dilation_rate: 2
                  use_bias: false
              - activation: {activation: tanh}
              - max_pooling2d: {pool_size: [2, 1], padding: same}
              - flatten
              - dense: {units: 7, use_bias: false, activation: sigmoid}
              - dropout: {rate: 0}
            """, path: "all.yaml")
        #expect(spec.layers == [
            .conv2d(Conv2DSpec(filters: 4, kernelSize: Size2(3, 5), strides: Size2(1, 2),
                               dilation: Size2(2), useBias: false)),
            .activation(.tanh),
            .maxPooling2d(PoolSpec(poolSize: Size2(2, 1), padding: .same)),
            .flatten,
            .dense(DenseSpec(units: 7, activation: .sigmoid, useBias: false)),
            .dropout(rate: 0),
        ])
        let infos = try spec.layerInfos()
        // 32 rows: k_eff 5 → 28; 30 cols: k_eff 9, stride 2 → 11; pool same (2,1) → 14 × 11.
        #expect(infos.map(\.outputShape) == [[28, 11, 4], [28, 11, 4], [14, 11, 4], [616], [7], [7]])
        #expect(infos[0].paramCount == 3 * 5 * 3 * 4)
        #expect(infos[4].paramCount == 616 * 7)
    }

    @Test func builtinsMatchTheShippedFiles() throws {
        #expect(ModelFile.builtinNames == ["seed", "small", "dense", "seed-dropout"])
        for name in ModelFile.builtinNames {
            let path = repositoryRoot() + "/models/\(name).yaml"
            let fromFile = try ModelFile.load(path)
            #expect(fromFile == ModelFile.builtin(name), "models/\(name).yaml")
            #expect(try ModelFile.load(name) == ModelFile.builtin(name))
        }
        #expect(ModelFile.builtin("nope") == nil)
        // The dense baseline (Flatten → 512 → 10) and the convnet with dropout, as the lessons say.
        #expect(try ModelFile.builtin("dense")?.totalParams() == 407_050)
        #expect(try ModelFile.builtin("seed-dropout")?.totalParams() == 93_322)
    }

    @Test func yamlRoundTrips() throws {
        var specs = ModelFile.builtinNames.compactMap(ModelFile.builtin)
        specs.append(try ModelFile.parse(Self.example, path: "ex.yaml"))
        specs.append(ModelSpec(inputShape: [9, 7, 2], layers: [
            .conv2d(Conv2DSpec(filters: 3, kernelSize: Size2(2, 3), strides: Size2(2, 1), padding: .same,
                               dilation: Size2(1, 2), activation: .tanh, useBias: false)),
            .activation(.sigmoid),
            .averagePooling2d(PoolSpec(poolSize: Size2(1, 2), strides: Size2(1), padding: .same)),
            .dropout(rate: 0.1),
            .flatten,
            .dense(DenseSpec(units: 5, useBias: false)),
            .dropout(rate: 0.3333333),
        ]))
        for spec in specs {
            let text = ModelFile.yaml(for: spec)
            #expect(try ModelFile.parse(text, path: "rt.yaml") == spec, "\(text)")
        }
        #expect(ModelFile.yaml(for: ModelFile.builtin("small")!).contains("  - conv2d: {filters: 8, kernel_size: 3, activation: relu}\n"))
    }

    @Test func loadReportsMissingFilesAndDecodesUTF8() throws {
        #expect(throws: CNNError.self) { try ModelFile.load("/no/such/model.yaml") }
        let dir = makeScratchDirectory()
        defer { removeScratch(dir) }
        writeBytes([0xFF, 0xFE, 0x00], to: dir + "/binary.yaml")
        #expect(throws: CNNError.badFile(path: dir + "/binary.yaml", line: nil, message: "not UTF-8 text")) {
            try ModelFile.load(dir + "/binary.yaml")
        }
    }

    /// Each bad file, the line the error must point at, and a phrase the message must contain.
    static let badFiles: [(yaml: String, line: Int?, phrase: String)] = [
        ("", nil, "empty"),
        ("- 1\n- 2\n", 1, "expected a mapping"),
        ("layers:\n  - flatten\n", 1, "missing input"),
        ("input: [28, 28, 1]\n", 1, "missing layers"),
        ("input: [28, 28, 1]\nlayers: []\n", 2, "layers: is empty"),
        ("input: [28, 28, 1]\nlayers: {flatten: {}}\n", 2, "must be a list"),
        ("input: [28, 28, 1]\nmodel: x\nlayers:\n  - flatten\n", 2, "unknown key 'model'"),
        ("input: [28, 28]\nlayers:\n  - flatten\n", 1, "[height, width, channels]"),
        ("input: [28, 0, 1]\nlayers:\n  - flatten\n", 1, "≥ 1"),
        ("input: [28, a, 1]\nlayers:\n  - flatten\n", 1, "not an integer"),
        ("input: [28, 28, 1]\nlayers:\n  - flatten\n  - conv3d: {filters: 2}\n", 4, "unknown layer 'conv3d'"),
        ("input: [28, 28, 1]\nlayers:\n  - conv2d: {filters: 2, kernel: 3}\n", 3, "unknown argument 'kernel'"),
        ("input: [28, 28, 1]\nlayers:\n  - conv2d: {kernel_size: 3}\n", 3, "missing filters"),
        ("input: [28, 28, 1]\nlayers:\n  - conv2d: {filters: 2}\n", 3, "missing kernel_size"),
        ("input: [28, 28, 1]\nlayers:\n  - conv2d:\n      filters: two\n      kernel_size: 3\n", 4, "filters must be an integer"),
        ("input: [28, 28, 1]\nlayers:\n  - conv2d:\n      filters: 2\n      kernel_size: 0\n", 5, "kernel_size must be ≥ 1"),
        ("input: [28, 28, 1]\nlayers:\n  - conv2d: {filters: -3, kernel_size: 3}\n", 3, "filters must be ≥ 1, not -3"),
        ("input: [28, 28, 1]\nlayers:\n  - conv2d: {filters: 2, kernel_size: [3, 3, 3]}\n", 3, "a pair"),
        ("input: [28, 28, 1]\nlayers:\n  - conv2d: {filters: 2, kernel_size: 2.5}\n", 3, "kernel_size must be an integer or a pair"),
        ("input: [28, 28, 1]\nlayers:\n  - conv2d: {filters: 2, kernel_size: 3, padding: full}\n", 3, "padding must be valid or same"),
        ("input: [28, 28, 1]\nlayers:\n  - conv2d: {filters: 2, kernel_size: 3, activation: gelu}\n", 3, "unknown activation 'gelu'"),
        ("input: [28, 28, 1]\nlayers:\n  - conv2d: {filters: 2, kernel_size: 3, use_bias: maybe}\n", 3, "use_bias must be true or false"),
        ("input: [28, 28, 1]\nlayers:\n  - flatten\n  - dropout: {rate: 1}\n", 4, "rate must be in [0, 1)"),
        ("input: [28, 28, 1]\nlayers:\n  - flatten\n  - dropout: {rate: -0.1}\n", 4, "rate must be in [0, 1)"),
        ("input: [28, 28, 1]\nlayers:\n  - flatten\n  - dropout: {rate: half}\n", 4, "rate must be a number"),
        ("input: [28, 28, 1]\nlayers:\n  - flatten\n  - dropout: {}\n", 4, "missing rate"),
        ("input: [28, 28, 1]\nlayers:\n  - flatten: {units: 3}\n", 3, "takes no arguments"),
        ("input: [28, 28, 1]\nlayers:\n  - dense: 10\n", 3, "arguments must be a mapping"),
        ("input: [28, 28, 1]\nlayers:\n  - conv2d: {filters: 2, kernel_size: 3}\n    dense: {units: 3}\n", 3, "each layer is one key"),
        ("input: [28, 28, 1]\nlayers:\n  - dense: {units: 10}\n", 3, "dense needs a flat input; add flatten"),
        ("input: [28, 28, 1]\nlayers:\n  - flatten\n  - conv2d: {filters: 2, kernel_size: 3}\n", 4, "needs a (height, width, channels) input"),
        ("input: [5, 5, 1]\nlayers:\n  - conv2d: {filters: 2, kernel_size: 3}\n  - conv2d: {filters: 2, kernel_size: 3}\n  - conv2d: {filters: 2, kernel_size: 3}\n",
         5, "smaller than 1×1"),
        ("input: [28, 28, 1]\nlayers:\n  - max_pooling2d: {pool_size: 30}\n", 3, "layer 1 (max_pooling2d, named max_pooling2d)"),
        ("input: [28, 28, 1]\nlayers:\n  - conv2d: {filters: 2, kernel_size: 3, dilation_rate: 14}\n", 3, "smaller than 1×1"),
        ("input: [28, 28, 1]\nlayers:\n  - conv2d: {filters: 99999999999, kernel_size: 3}\n", 3, "too large"),
        ("input: [28, 28, 1]\nlayers:\n  - conv2d: {filters: 2, kernel_size: 3\n", 4, "invalid YAML"),
        ("input: [28, 28, 1]\ninput: [1, 1, 1]\nlayers:\n  - flatten\n", nil, "duplicate"),
        ("input: [28, 28, 1]\nlayers:\n\t- flatten\n", 3, "invalid YAML"),
    ]

    @Test(arguments: badFiles.indices)
    func rejectsBadFilesWithFileLineAndReason(index: Int) {
        let (yaml, line, phrase) = Self.badFiles[index]
        do {
            let spec = try ModelFile.parse(yaml, path: "m.yaml")
            Issue.record("parsed \(spec) from:\n\(yaml)")
        } catch {
            guard case .badFile(let path, let gotLine, let message) = error else {
                Issue.record("not a badFile error: \(error)")
                return
            }
            #expect(path == "m.yaml")
            if let line { #expect(gotLine == line, "\(message)") }
            #expect(message.contains(phrase), "message: \(message)")
        }
    }

    /// Seeded, so a failure replays: every mutation either parses to a consistent model or is
    /// a `badFile` error naming the file (and, for YAML problems, a line).
    @Test func mutatedFilesParseConsistentlyOrFailWithFileAndLine() {
        var rng = SeededGenerator(seed: 20261125)
        let base = Array(Self.example.utf8)
        let alphabet = Array("{}[]:,-# \n\t'\"&*!|>%@0123456789abcxyz.".utf8)
        var accepted = 0
        for round in 0..<300 {
            var bytes = base
            for _ in 0..<(1 + round % 5) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[i] = alphabet.randomElement(using: &rng)!
                case 1: bytes.remove(at: i)
                default: bytes.insert(alphabet.randomElement(using: &rng)!, at: i)
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                let spec = try ModelFile.parse(text, path: "fuzz.yaml")
                accepted += 1
                // Whatever parses has consistent shapes and writes back to itself.
                #expect((try? spec.layerInfos()) != nil, "\(text)")
                #expect((try? ModelFile.parse(ModelFile.yaml(for: spec), path: "rt")) == spec, "\(text)")
            } catch {
                guard case .badFile(let path, _, let message) = error else {
                    Issue.record("round \(round): not a badFile error: \(error)"); continue
                }
                #expect(path == "fuzz.yaml" && !message.isEmpty, "round \(round): \(error.description)")
            }
        }
        #expect(accepted < 300)
    }
}
