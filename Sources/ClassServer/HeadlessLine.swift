import Explorer
import Foundation
import Terminal

/// The `--headless` lines of `stride class serve`: `joined`, `answer`, `reveal`, `end`
/// (the `ready` line is written first by the command). Names are `TerminalSafe`.
public enum HeadlessLine {
    public static func json(_ event: ClassEvent) -> String? {
        let object: [String: Any]
        switch event {
        case .joined(let name, let count): object = ["type": "joined", "name": TerminalSafe.text(name), "count": count]
        case .answer(let name, let index, let correct):
            object = ["type": "answer", "name": TerminalSafe.text(name), "index": index, "correct": correct]
        case .reveal(let index, let answered, let correct, let histogram):
            object = ["type": "reveal", "index": index, "answered": answered, "correct": correct,
                      "histogram": Dictionary(uniqueKeysWithValues: histogram.map { (TerminalSafe.text($0.key), $0.value) })]
        case .end: object = ["type": "end"]
        case .phase, .connection: return nil
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
