import CNN
import Foundation
@testable import Explorer
import Testing
import TestSupport

@Suite("Quiz report: CSV, diagnoses, bad lines")
struct QuizReportCSVTests {
    static func record(name: String, answers: [String], seed: UInt64) throws -> QuizRecord {
        let questions = [QuizQuestion(.size(SizeQuestion(n: 28, k: 3, p: .same, s: 2))),
                         QuizQuestion(.cell(CellQuestion(input: try Matrix(parsing: "1 2 3; 4 5 6; 7 8 9"),
                                                          kernel: try Matrix(parsing: "1 0; 0 -1"), i: 1, j: 0)))]
        var session = try QuizSession(questions: questions)
        for answer in answers { try session.submit(answer) }
        return QuizRecord(session: session, seed: seed, kind: .mixed, name: name, date: Date(timeIntervalSince1970: 1_800_000_000))
    }

    /// A record line with `codes` added to its answers as `diagnosis` (as diagnosing quizzes write).
    static func line(_ record: QuizRecord, codes: [String?]) throws -> String {
        var object = try #require(try JSONSerialization.jsonObject(with: record.jsonLine()) as? [String: Any])
        var questions = try #require(object["questions"] as? [[String: Any]])
        for (i, code) in codes.enumerated() where code != nil { questions[i]["diagnosis"] = code }
        object["questions"] = questions
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func classFile() throws -> String {
        let a = try record(name: "ana", answers: ["13", "-4"], seed: 1)
        let b = try record(name: "=HYPERLINK(\"http://x\",\"hi\")", answers: ["15", "5"], seed: 2)
        let c = try record(name: "bo, \"the\"\nsecond\u{1B}[2J", answers: ["14"], seed: 3)
        let d = try record(name: "@SUM(1)", answers: ["7", "-5"], seed: 4)
        return [try line(a, codes: ["missing-plus-one", nil]), try line(b, codes: ["ceil-not-floor", "no-flip"]),
                try line(c, codes: [nil]), try line(d, codes: ["missing-plus-one", nil])].joined(separator: "\n") + "\n"
    }

    @Test func theCSVParsesBackWithOneRowPerAnswer() throws {
        let read = QuizRecord.readLines(try Self.classFile(), file: "class.jsonl")
        #expect(read.skipped.isEmpty && read.lines.count == 4)
        let csv = QuizCSV.text(QuizReport(lines: read.lines))
        #expect(csv.hasSuffix("\r\n") && csv.components(separatedBy: "\r\n").count - 1 >= 8)
        let rows = try #require(parseCSV(csv))
        #expect(rows.first == ["time", "name", "seed", "index", "kind", "question", "answer", "expected", "correct", "diagnosis"])
        let body = Array(rows.dropFirst())
        #expect(body.count == 2 + 2 + 1 + 2, "one row per answer")
        #expect(body.allSatisfy { $0.count == 10 })
        #expect(body[0] == ["2027-01-15T08:00:00Z", "ana", "1", "1", "size",
                            "Input n = 28, kernel k = 3, padding p = same, stride s = 2. What is the output size?",
                            "13", "14", "false", "missing-plus-one"])
        #expect(body[1][6] == "-4" && body[1][7] == "-4" && body[1][8] == "true" && body[1][9] == "", "negative numbers stay numbers")
        // Formula injection: text starting = + - @ gets a leading apostrophe.
        #expect(body[2][1] == "'=HYPERLINK(\"http://x\",\"hi\")" && body[3][9] == "no-flip")
        #expect(body[6][1] == "'@SUM(1)")
        // No control characters survive, and the comma and quotes came through the quoting.
        #expect(body[4][1] == "bo, \"the\" second [2J")
        #expect(body.joined().joined().unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) })
    }

    @Test func cellsAreMadeSafe() {
        #expect(QuizCSV.cell("-2.5") == "-2.5" && QuizCSV.cell("+3") == "+3" && QuizCSV.cell("1e3") == "1e3")
        #expect(QuizCSV.cell("-2+3") == "'-2+3" && QuizCSV.cell("+cmd") == "'+cmd" && QuizCSV.cell("-inf") == "'-inf")
        #expect(QuizCSV.cell("=1+1") == "'=1+1" && QuizCSV.cell("@x") == "'@x" && QuizCSV.cell("a=b") == "a=b")
        #expect(QuizCSV.cell("a\tb\r\nc\u{85}d\u{2028}") == "a b  c d ")
        #expect(QuizCSV.row(["a\"b", "c,d", "e"]) == "\"a\"\"b\",\"c,d\",e\r\n")
    }

    @Test func theTextReportListsTheMostCommonDiagnoses() throws {
        let read = QuizRecord.readLines(try Self.classFile(), file: "class.jsonl")
        let report = QuizReport(lines: read.lines)
        #expect(report.commonDiagnoses.map(\.code) == ["missing-plus-one", "ceil-not-floor", "no-flip"], "\(report.commonDiagnoses)")
        let text = report.lines()
        let at = try #require(text.firstIndex(of: "Most common mistakes (diagnoses)"))
        #expect(Array(text[(at + 1)...(at + 3)]) == ["  2 times    missing-plus-one", "  1 time     ceil-not-floor", "  1 time     no-flip"])
        #expect(QuizReport(lines: read.lines).lines(top: 1).filter { $0.hasSuffix("no-flip") }.isEmpty, "--top caps the list")
        // Records without diagnoses: no such section.
        #expect(!QuizReport(records: [try Self.record(name: "x", answers: ["1"], seed: 1)]).lines().contains { $0.contains("diagnoses") })
    }

    @Test func badLinesAreSkippedWithFileAndLineAndTheRestCounted() throws {
        let good = try Self.record(name: "ana", answers: ["14", "-4"], seed: 1)
        let json = String(decoding: try good.jsonLine(), as: UTF8.self).trimmingCharacters(in: .newlines)
        let lines = [
            json + "\r",                                        // 1: saved by a Windows editor: fine
            String(json.prefix(60)),                             // 2: a truncated write
            json.replacingOccurrences(of: "\"total\":2", with: "\"total:2"),  // 3: an editor's typo
            "",                                                  // 4: blank: ignored
            json.replacingOccurrences(of: "\"correct\":2", with: "\"correct\":3"), // 5: does not add up
            json,                                                // 6
            String(json.prefix(100)),                            // 7: torn last line
        ]
        let read = QuizRecord.readLines(lines.joined(separator: "\n"), file: "class.jsonl")
        #expect(read.lines.map(\.line) == [1, 6])
        #expect(read.skipped.map(\.description).map { String($0.prefix(14)) } == ["class.jsonl:2:", "class.jsonl:3:", "class.jsonl:5:", "class.jsonl:7:"])
        #expect(read.skipped[2].description.contains("does not add up: correct 3 is not from 0 to total (2)"))
        #expect(QuizReport(lines: read.lines).lines()[0] == "Runs (2)")
    }

    @Test func aRecordWithAnOutlandishTimeLimitIsRefused() throws {
        var record = try Self.record(name: "x", answers: ["1"], seed: 1)
        record.timeLimit = 0
        #expect(record.problem == "time_limit 0 is not from 1 to 86400 seconds")
        record.timeLimit = 60
        #expect(record.problem == nil)
    }
}
