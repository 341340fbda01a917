import CNN
import Dispatch
@testable import Explorer
import Foundation
import Testing

/// Results files written by hostile students or torn by a full disk (issue 16, items 1, 6, 7, 12).
@Suite("Quiz results against crafted and torn records")
struct QuizTrustTests {
    func record(name: String = "ana", answers: [String] = ["1", "2", "3"], seed: UInt64 = 4) throws -> QuizRecord {
        var session = try QuizSession(questions: QuizGenerator.questions(.size, count: answers.count, seed: seed))
        for a in answers { try session.submit(a) }
        return QuizRecord(session: session, seed: seed, kind: .size, name: name, date: Date(timeIntervalSince1970: 1_800_000_000))
    }

    /// `record`'s JSON line with `change` applied to its object.
    func crafted(_ record: QuizRecord, _ change: (inout [String: Any]) -> Void) throws -> String {
        var object = try JSONSerialization.jsonObject(with: try record.jsonLine()) as! [String: Any]
        change(&object)
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    func temporaryFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("quiz-trust-\(UUID().uuidString).jsonl").path
    }

    @Test func craftedRecordsAreSkippedWithFileAndLineAndTheReportCoversTheRest() throws {
        let good = try record()
        let lines = [
            String(decoding: try good.jsonLine(), as: UTF8.self).trimmingCharacters(in: .newlines),
            try crafted(good) { $0["correct"] = -50 },
            try crafted(good) { $0["correct"] = 922_337_203_685_477_580 },
            try crafted(good) { $0["correct"] = Int.min; $0["total"] = -1 },
            try crafted(good) { $0["total"] = 2 },
            try crafted(good) { $0["correct"] = 3 },
            try crafted(good) { $0["count"] = 1_000_000 },
            try crafted(good) { $0["correct"] = 9_223_372_036_854_775_807.0 * 4 },
        ]
        let read = QuizRecord.read(lines.joined(separator: "\n") + "\n", file: "class.jsonl")
        #expect(read.records == [good])
        #expect(read.skipped.map(\.description) == [
            "class.jsonl:2: skipped a record that does not add up: correct -50 is not from 0 to total (3)",
            "class.jsonl:3: skipped a record that does not add up: correct 922337203685477580 is not from 0 to total (3)",
            "class.jsonl:4: skipped a record that does not add up: total -1 is not from 0 to count (3)",
            "class.jsonl:5: skipped a record that does not add up: total 2 but 3 questions listed",
            "class.jsonl:6: skipped a record that does not add up: correct 3 but \(good.correct) questions marked right",
            "class.jsonl:7: skipped a record that does not add up: count 1000000 is not from 1 to 1000",
            "class.jsonl:8: skipped: not a quiz record (invalid JSON)",
        ])
        // The report itself leaves out records that do not add up (it used to index out of
        // range or overflow on them), whoever builds it.
        var bad = good
        bad.correct = -50
        var huge = good
        huge.correct = Int.max / 10
        huge.total = -1
        let report = QuizReport(records: [good, bad, huge])
        #expect(report.records == [good])
        #expect(report.lines().first == "Runs (1)")
    }

    @Test func theReportShowsControlCharactersAsEscapes() throws {
        var evil = try record(name: "eve\u{1B}]52;c;aGk=\u{07}\u{1B}[2J\nana  2027-01-01  100%\u{202E}\u{9B}")
        evil.time = "\u{1B}]0;pwned\u{07}"
        let text = try crafted(evil) { object in
            var questions = object["questions"] as! [[String: Any]]
            var q = questions[0]["question"] as! [String: Any]
            q["text"] = "forged\u{1B}[31m\nline\u{7F}"
            questions[0]["question"] = q
            questions[0]["correct"] = false
            object["questions"] = questions
            object["correct"] = questions.filter { $0["correct"] as! Bool }.count
        }
        let records = QuizRecord.read(text + "\n", file: "x.jsonl").records
        #expect(records.count == 1)
        let lines = QuizReport(records: records).lines()
        let joined = lines.joined(separator: "\n")
        #expect(!joined.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" })
        #expect(lines.contains { $0.contains("\\e]0;pwned\\a") && $0.contains("eve\\e]52;c;aGk=\\a\\e[2J\\nana  2027-01-01  100%\\u{202E}\\u{9B}") })
        #expect(lines.contains { $0.contains("forged\\e[31m\\nline\\x7F") })
    }

    @Test func aShortWriteOnAFullDiskIsUndone() throws {
        let path = temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try record(name: "first"), second = try record(name: "second", answers: Array(repeating: "7", count: 40))
        try first.append(to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var calls = 0
        // The disk fills after 20 bytes: one short write, then ENOSPC.
        #expect(throws: QuizFileError.self) {
            try second.append(to: path) { fd, buffer, count in
                calls += 1
                if calls == 1 { return Glibc.write(fd, buffer, min(count, 20)) }
                errno = ENOSPC
                return -1
            }
        }
        #expect(calls == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        var wrote = false
        do {
            try second.append(to: path) { fd, buffer, count in
                if !wrote { wrote = true; return Glibc.write(fd, buffer, 20) }
                errno = ENOSPC
                return -1
            }
            Issue.record("the append reported success")
        } catch {
            #expect(error.description.contains("only 20 of") && error.description.contains("No space left on device")
                    && error.description.hasSuffix("the file is as it was"), "\(error)")
        }
        #expect(QuizRecord.read(try String(contentsOfFile: path, encoding: .utf8), file: path).records == [first])
        // Short writes that make progress are retried to the end.
        try second.append(to: path) { fd, buffer, count in Glibc.write(fd, buffer, min(count, 100)) }
        let read = QuizRecord.read(try String(contentsOfFile: path, encoding: .utf8), file: path)
        #expect(read.records == [first, second] && read.skipped.isEmpty)
    }

    @Test func aTornLastLineIsSkippedAndTheNextRecordStartsAFreshLine() throws {
        let path = temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let a = try record(name: "a"), b = try record(name: "b"), c = try record(name: "c")
        let torn = try a.jsonLine() + b.jsonLine().prefix(57)
        try torn.write(to: URL(fileURLWithPath: path))
        let first = QuizRecord.read(try String(contentsOfFile: path, encoding: .utf8), file: path)
        #expect(first.records == [a])
        #expect(first.skipped == [QuizFileError("\(path):2: skipped: not a quiz record (invalid JSON)")])
        try c.append(to: path)
        let second = QuizRecord.read(try String(contentsOfFile: path, encoding: .utf8), file: path)
        #expect(second.records == [a, c])
        #expect(second.skipped == [QuizFileError("\(path):2: skipped: not a quiz record (invalid JSON)")])
    }

    @Test func mostMissedOverTwentyThousandAnswersIsQuick() throws {
        // 20 runs of 1,000 mixed questions, all answered wrong: 20,000 distinct questions to rank.
        var runs: [QuizRecord] = []
        for seed in 1...20 {
            var session = try QuizSession(questions: QuizGenerator.questions(.mixed, count: 1000, seed: UInt64(seed)))
            for _ in 0..<1000 { try session.submit("999") }
            runs.append(QuizRecord(session: session, seed: UInt64(seed), kind: .mixed, name: "s\(seed)"))
        }
        let report = QuizReport(records: runs)
        let start = DispatchTime.now().uptimeNanoseconds
        let rows = report.mostMissed
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print("mostMissed over 20 × 1,000 answers: \(String(format: "%.2f", seconds)) s, \(rows.count) rows")
        #expect(rows.count > 1000)
        #expect(zip(rows, rows.dropFirst()).allSatisfy { ($0.missed, $0.asked) >= ($1.missed, $1.asked) })
        #expect(seconds < 4, "\(seconds) s")
    }
}
