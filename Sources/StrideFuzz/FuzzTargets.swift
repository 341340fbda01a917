import CNN
import Explorer
import Foundation
import ModelFiles
import Terminal

/// One fuzz target per parser that reads outside input. Each takes arbitrary bytes and must
/// either parse them or throw the parser's own error — any crash, trap or sanitizer report is
/// a finding. File parsers get the bytes through a file in a per-process scratch directory.
enum FuzzTarget: String, CaseIterable {
    case matrix, model, idx, npz, safetensors, checkpoint, lesson, answer, results, quizfile, image

    static let scratch: String = {
        let dir = NSTemporaryDirectory() + "stride-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .matrix:
            if let m = try? Matrix(parsing: text) { precondition(m.rows > 0 && m.cols > 0 && m.values.count == m.rows * m.cols) }
        case .model:
            if let spec = try? ModelFile.parse(text, path: "fuzz.yaml") { _ = try? spec.layerInfos() }
        case .idx:
            let path = Self.file(bytes, "idx")
            _ = try? FileParsers.idxImages(path, limit: 64)
            _ = try? FileParsers.idxLabels(path, limit: 64)
        case .npz:
            _ = try? FileParsers.npz(Self.file(bytes, "npz"), limit: 64)
        case .safetensors:
            _ = try? SafeTensors(contentsOf: Self.file(bytes, "safetensors"))
        case .checkpoint:
            // What loads must hold values the command line would accept.
            if let state = try? Checkpoint.load(from: Self.file(bytes, "ck.safetensors")) {
                for p in state.model.parameters { precondition(p.value.values.allSatisfy(\.isFinite), "non-finite weight loaded") }
                if let o = state.optimizer {
                    precondition(o.learningRate.isFinite && o.learningRate > 0 && o.iterations <= Checkpoint.maxIterations, "bad optimizer loaded")
                }
            }
        case .lesson:
            _ = try? LessonParser.parse(text, file: "fuzz.md", language: .en)
        case .answer:
            let formats: [QuizAnswerFormat] = [.whole, .real, .option(count: 5), .truth]
            _ = try? QuizAnswerProblem.parse(text, format: formats[Int(bytes.first ?? 0) % formats.count])
        case .results:
            // Every line is a sound record or a skip naming its line; the report over the sound
            // ones never traps and never carries a control character to the terminal.
            let read = QuizRecord.read(text, file: "fuzz.jsonl")
            precondition(read.records.allSatisfy { $0.problem == nil })
            precondition(read.skipped.allSatisfy { $0.description.hasPrefix("fuzz.jsonl:") })
            let lines = QuizReport(records: read.records).lines(top: 5)
            precondition(!lines.contains { $0.unicodeScalars.contains { TerminalSafe.needsEscape($0) } })
            // The CSV of the same records: no control character but the row ends; the answer
            // history parser skips what is not an entry.
            let csv = QuizCSV.text(QuizReport(lines: QuizRecord.readLines(text, file: "fuzz.jsonl").lines))
            precondition(!csv.replacingOccurrences(of: "\r\n", with: "").unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            precondition(QuizHistory.parse(text, file: "fuzz.jsonl").entries.allSatisfy { $0.date != nil })
        case .quizfile:
            // Questions (each answerable, its texts free of control characters) or problems
            // naming fuzz.yaml:line, never both, never neither.
            let (questions, problems) = QuizFile.check(text, file: "fuzz.yaml")
            precondition(questions.isEmpty != problems.isEmpty)
            precondition(problems.allSatisfy { $0.description.hasPrefix("fuzz.yaml:") })
            for q in questions {
                precondition((try? q.expected()) != nil)
                for language in Language.allCases {
                    let shown = [q.prompt(language)] + q.optionLines(language) + q.worked(language)
                    precondition(!shown.contains { $0.unicodeScalars.contains { TerminalSafe.needsEscape($0) } })
                }
            }
        case .image:
            // PNG, JPEG or PGM (by their first bytes): a picture within the budget, or an error
            // naming the file; what decodes goes through the scene's path (shrink, convolve).
            let budget = ImageBudget(maxPixels: 1 << 20, maxSide: 4096, maxFileBytes: 1 << 20)
            if let image = try? GreyImage.decode(bytes, path: "fuzz.img", budget: budget) {
                precondition(image.width > 0 && image.height > 0 && image.pixels.count == image.width * image.height)
                precondition(image.width * image.height <= budget.maxPixels)
                let shown = image.downscaled(by: image.fitFactor(maxWidth: 38, maxHeight: 36))
                precondition(shown.width <= 38 && shown.height <= 36)
                _ = try? conv2d(shown.matrix, KernelPreset.sobelX.kernel, padding: .same)
            }
        }
    }

    /// Writes `bytes` to the scratch file for `name` and returns its path.
    static func file(_ bytes: [UInt8], _ name: String) -> String {
        let path = scratch + "/input." + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
}
