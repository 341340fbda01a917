import Foundation
import Testing

/// Issue 16 (part A) through the real binary: hostile results files, lessons and arguments.
@Suite("Hostile files and arguments end to end")
struct TrustEndToEndTests {
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stride-trust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func hasControlBytes(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" }
    }

    @Test func aCraftedResultsFileReportsWithoutEscapesOrCrashes() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let results = dir.appendingPathComponent("class.jsonl").path
        // A real record by a student whose --name is an attack.
        let name = "eve\u{1B}]52;c;aGk=\u{07}\u{1B}[2J\u{1B}]0;owned\u{07}\nana  fake line\u{9B}\u{202E}"
        let quiz = try runStride(["quiz", "--plain", "--kind", "size", "--count", "3", "--seed", "1", "--results", results, "--name", name],
                                 input: "1\n2\n3\n")
        #expect(quiz.status == 0, "\(quiz.stderr)")
        let good = try String(contentsOfFile: results, encoding: .utf8).trimmingCharacters(in: .newlines)
        func crafted(_ change: (inout [String: Any]) -> Void) throws -> String {
            var object = try JSONSerialization.jsonObject(with: Data(good.utf8)) as! [String: Any]
            change(&object)
            return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        let lines = [good,
                     try crafted { $0["correct"] = -50 },
                     try crafted { $0["correct"] = 922_337_203_685_477_580 },
                     try crafted { $0["correct"] = Int.min; $0["total"] = -1 },
                     try crafted { $0["time"] = "\u{1B}]0;title\u{07}" },
                     String(good.prefix(40))]
        try (lines.joined(separator: "\n")).write(toFile: results, atomically: true, encoding: .utf8)
        let report = try runStride(["quiz", "report", results], input: "")
        #expect(report.status == 0, "\(report.stderr)")
        #expect(!report.stdout.utf8.contains(0x1B) && !report.stderr.utf8.contains(0x1B))
        #expect(!Self.hasControlBytes(report.stdout))
        #expect(report.stdout.contains("Runs (2)"))
        #expect(report.stdout.contains("eve\\e]52;c;aGk=\\a\\e[2J\\e]0;owned\\a\\nana  fake line\\u{9B}\\u{202E}"))
        #expect(report.stdout.contains("\\e]0;title\\a"))
        #expect(!report.stdout.split(separator: "\n").contains { $0.hasPrefix("ana") }, "no forged line")
        for line in 2...4 { #expect(report.stderr.contains("\(results):\(line): skipped a record that does not add up"), "\(report.stderr)") }
        #expect(report.stderr.contains("\(results):6: skipped: not a quiz record"))
    }

    @Test func lessonTitlesAndEchoedBlockTextAreShownSafely() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for language in ["en", "ko"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(language), withIntermediateDirectories: true)
            let lesson = """
            ---
            id: evil
            title: "Evil\\e]52;c;aGk=\\a\\e[2J title"
            order: 1
            summary: s
            ---
            ## Step \u{1B}]0;owned\u{07}
            Text.
            ```\u{1B}[2Jvideo
            x
            ```
            """
            try lesson.write(to: dir.appendingPathComponent("\(language)/01-evil.md"), atomically: true, encoding: .utf8)
        }
        let check = try runStride(["lessons", "check", dir.path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("unknown block '\\e[2Jvideo'"), "\(check.stdout)")
        #expect(!check.stdout.utf8.contains(0x1B) && !check.stderr.utf8.contains(0x1B))

        // Without the bad block the lesson loads, and its title is listed safely.
        for language in ["en", "ko"] {
            let file = dir.appendingPathComponent("\(language)/01-evil.md")
            let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "\u{1B}[2Jvideo", with: "text")
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let list = try runStride(["lessons", "list", "--lessons", dir.path, "--lang", "en"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("evil  Evil\\e]52;c;aGk=\\a\\e[2J title"), "\(list.stdout)")
        #expect(!list.stdout.utf8.contains(0x1B))
    }

    @Test(arguments: ["nan", "inf", "1e39", "-inf"])
    func nonFiniteBiasIsRefused(bias: String) throws {
        for json in [false, true] {
            let r = try runStride(["conv", "--bias", bias] + (json ? ["--json"] : []))
            #expect(r.status == 2)
            #expect(r.stderr.hasPrefix("stride: --bias must be a finite number"), "\(r.stderr)")
            #expect(!r.stderr.contains("NSError") && !r.stderr.contains("Domain") && r.stdout.isEmpty)
        }
    }

    @Test func hugeFiniteValuesPrintAsNumbersAndOverflowIsNullInJSON() throws {
        let big = try runStride(["conv", "--input", "3e38 1", "--kernel", "1", "--steps"])
        #expect(big.status == 0, "\(big.stderr)")
        #expect(big.stdout.contains("out[0,0] = 3e+38×1 = 3e+38") && !big.stdout.contains("inf"), "\(big.stdout)")
        let overflow = try runStride(["conv", "--input", "3e38", "--kernel", "2", "--bias", "3e38", "--json"])
        #expect(overflow.status == 0, "\(overflow.stderr)")
        #expect(overflow.stdout.contains("\"output\":[[null]]"), "\(overflow.stdout)")
    }

    @Test(arguments: [["--learning-rate", "inf"], ["--learning-rate", "1e39"], ["--learning-rate", "nan"],
                      ["--batch-size", "9223372036854775807"], ["--batch-size", "1000000000000"], ["--batch-size", "0"]])
    func trainingArgumentsOutOfRangeAreRefusedBeforeAnything(arguments: [String]) throws {
        for json in [false, true] {
            let r = try runStride(["train", "--headless", "--epochs", "1"] + arguments + (json ? ["--json"] : []),
                                  environment: ["STRIDE_DATA": "/nonexistent"])
            #expect(r.status == 2)
            let expected = arguments[0] == "--batch-size" ? "stride: --batch-size must be from 1 to 4096, not \(arguments[1])"
                : "stride: --learning-rate must be a finite number > 0"
            #expect(r.stderr.hasPrefix(expected), "\(r.stderr)")
            #expect(!r.stderr.contains("NSError") && !r.stderr.contains("Domain") && r.stdout.isEmpty)
        }
    }

    @Test func theYAMLAliasBombFailsFastWithFileAndLine() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
        let names = Array("abcdefghij").map(String.init)
        for i in 1..<names.count {
            lines.append("\(names[i]): &\(names[i]) [" + Array(repeating: "*\(names[i - 1])", count: 10).joined(separator: ", ") + "]")
        }
        lines.append("? *j : 1")
        let bomb = dir.appendingPathComponent("bomb.yaml").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: bomb, atomically: true, encoding: .utf8)
        let start = Date()
        let r = try runStride(["summary", "--model", bomb])
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(bomb):2: YAML aliases (*name) are not allowed"), "\(r.stderr)")
    }
}
