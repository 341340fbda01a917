import Explorer
import Foundation
import Terminal

/// `stride class export`: every stored answer as JSON lines or CSV, with the columns
/// time, name, index, kind, question, answer, expected, correct, diagnosis. Names, answers
/// and question texts pass through `TerminalSafe` (a name cannot repaint the terminal that
/// prints the export, nor forge a line of it); CSV cells that a spreadsheet would run as a
/// formula (`=`, `+`, `@`, or `-` not starting a number) get a leading `'`.
public enum ClassExport {
    public static let columns = ["time", "name", "index", "kind", "question", "answer", "expected", "correct", "diagnosis"]

    static func fields(_ row: ClassExportRow) -> [String] {
        let a = row.answer
        let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: a.time))
        return [time, TerminalSafe.text(a.name), String(a.index), row.kind,
                TerminalSafe.text(row.question.prompt(.en)), TerminalSafe.text(a.text),
                a.expected.description, a.correct ? "true" : "false", TerminalSafe.text(a.diagnosis ?? "")]
    }

    public static func csv(_ rows: [ClassExportRow]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for row in rows { out += fields(row).map(cell).joined(separator: ",") + "\n" }
        return out
    }

    public static func jsonLines(_ rows: [ClassExportRow]) -> String {
        var out = ""
        for row in rows {
            let f = fields(row)
            var object: [String: Any] = [:]
            for (key, value) in zip(columns, f) { object[key] = value }
            object["index"] = row.answer.index
            object["correct"] = row.answer.correct
            object["diagnosis"] = row.answer.diagnosis.map { TerminalSafe.text($0) as Any } ?? NSNull()
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
                out += String(decoding: data, as: UTF8.self) + "\n"
            }
        }
        return out
    }

    static func cell(_ text: String) -> String {
        var t = text
        if let first = t.first, "=+@".contains(first) || (first == "-" && Double(t) == nil) { t = "'" + t }
        guard t.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return t }
        return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
