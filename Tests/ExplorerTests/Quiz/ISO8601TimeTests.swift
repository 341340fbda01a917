import Foundation
@testable import Explorer
import Testing

/// The history's times are read without a formatter: every second-resolution time the
/// history writes (`ISO8601DateFormatter`) reads back to the same date, offsets included;
/// what is not such a time is refused.
@Suite("ISO 8601 times of the quiz history")
struct ISO8601TimeTests {
    @Test func whatTheFormatterWritesReadsBack() {
        let formatter = ISO8601DateFormatter()
        var generator = SystemRandomNumberGenerator()
        var dates: [Date] = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
                             Date(timeIntervalSince1970: 4_107_542_399), Date(timeIntervalSince1970: -2_208_988_800)]
        for _ in 0..<5_000 { dates.append(Date(timeIntervalSince1970: Double(Int64.random(in: -4_000_000_000...7_000_000_000, using: &generator)))) }
        for date in dates {
            let text = formatter.string(from: date)
            #expect(ISO8601Time.date(text) == date, "\(text)")
            #expect(QuizHistoryEntry(time: date, kind: "size", correct: true).date == date)
        }
        #expect(ISO8601Time.date("2026-11-30T09:30:00+09:00") == formatter.date(from: "2026-11-30T00:30:00Z"))
        #expect(ISO8601Time.date("2026-11-29T20:30:00-04:00") == formatter.date(from: "2026-11-30T00:30:00Z"))
    }

    @Test(arguments: ["", "2026-11-30", "2026-11-30T00:54:50", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
                      "2026-04-31T00:00:00Z", "2026-11-30T24:00:00Z", "2026-11-30T00:60:00Z", "2026-11-30T00:00:60Z",
                      "2026-11-30 00:54:50Z", "2026-11-30T00:54:50X", "２026-11-30T00:54:50Z", "2026-11-30T00:54:50+9:00",
                      "2026-11-30T00:54:50Z\u{1B}[2J", "yesterday"])
    func whatIsNotATimeIsRefused(text: String) {
        #expect(ISO8601Time.date(text) == nil)
    }
}

/// A sound history is decoded in one go; one bad line sends it through the line-by-line path,
/// which keeps every good entry in order and names the bad line.
@Suite("Quiz history: one decode for a sound file")
struct QuizHistoryFastPathTests {
    @Test func soundAndDamagedFilesGiveTheSameGoodEntries() {
        let lines = (0..<500).map { i in
            #"{"correct":\#(i % 3 == 0),"kind":"\#(["size", "cell", "pool"][i % 3])","time":"2026-11-\#(10 + i % 20)T0\#(i % 10):00:00Z"\#(i % 7 == 0 ? #","diagnosis":"no-bias""# : "")}"#
        }
        let sound = QuizHistory.parse(lines.joined(separator: "\n") + "\n", file: "h.jsonl")
        #expect(sound.entries.count == 500 && sound.warnings.isEmpty)
        #expect(sound.entries[7].diagnosis == "no-bias" && sound.entries[1].kind == "cell")
        var damaged = lines
        damaged.insert(#"{"correct":true,"kind":"size","time":"not a time"}"#, at: 250)
        let parsed = QuizHistory.parse(damaged.joined(separator: "\r\n"), file: "h.jsonl")
        #expect(parsed.entries == sound.entries)
        #expect(parsed.warnings == ["h.jsonl:251: skipped a line that is not a quiz history entry"])
    }
}
