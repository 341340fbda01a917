import Foundation

/// `stride quiz report --csv FILE...`: one row per answer, for a spreadsheet.
///
/// Columns: `time, name, seed, index, kind, question, answer, expected, correct, diagnosis`
/// (`index` counts from 1 within its run; `correct` is `true`/`false`; `diagnosis` is the
/// code of the known mistake the answer matched, empty when the record has none). Rows follow
/// the records in file order, then the answers in order. Questions left unanswered when a
/// time limit ran out have no row (there is no answer).
///
/// Format (RFC 4180): fields separated by `,`, rows ended by CRLF, a field quoted with `"`
/// when it holds `,`, `"`, CR or LF, a `"` inside doubled. Every field is first made safe for
/// a spreadsheet (`QuizCSV.cell`).
public enum QuizCSV {
    public static let header = ["time", "name", "seed", "index", "kind", "question", "answer", "expected", "correct", "diagnosis"]

    /// The whole CSV text (header first), one row per answer of `report`'s records.
    public static func text(_ report: QuizReport) -> String {
        var out = row(header)
        for (record, codes) in zip(report.records, report.diagnoses) {
            for (result, code) in zip(record.questions, codes) {
                out += row([record.time, record.name, String(record.seed), String(result.index),
                            result.question.kind.rawValue, result.question.prompt(.en),
                            "\(result.answer)", "\(result.expected)", result.correct ? "true" : "false", code ?? ""])
            }
        }
        return out
    }

    /// One row: each field made safe (`cell`), quoted when needed, joined by commas, ended by CRLF.
    static func row(_ fields: [String]) -> String {
        fields.map { quoted(cell($0)) }.joined(separator: ",") + "\r\n"
    }

    /// A field as a spreadsheet may safely read it:
    /// - control characters (C0, DEL, C1, the line and paragraph separators) become a space, so
    ///   a name cannot hide a line break or an escape sequence in a cell;
    /// - a field starting with `=`, `+`, `-` or `@` that is not a plain finite number gets a
    ///   leading `'` (OWASP's advice against formula injection: `=HYPERLINK(…)` stays text),
    ///   while `-2.5` and `+3` stay numbers.
    public static func cell(_ text: String) -> String {
        var clean = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            let v = scalar.value
            let control = v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
            return control ? " " : scalar
        }))
        if let first = clean.first, "=+-@".contains(first), !isPlainNumber(clean) { clean = "'" + clean }
        return clean
    }

    /// Digits with an optional sign, point and exponent that read as a finite number.
    static func isPlainNumber(_ text: String) -> Bool {
        text.allSatisfy { "0123456789.+-eE".contains($0) } && text.contains(where: \.isNumber)
            && (Double(text)?.isFinite ?? false)
    }

    /// RFC 4180: quoted (inner quotes doubled) when the field holds a comma, quote, CR or LF.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
