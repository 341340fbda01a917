import Explorer
import Foundation
import Terminal

/// A student's events as lines: text for people, or with `json` the objects of
/// `stride quiz --plain --json` (`question`, `error`, `result`, `score`) plus
/// `{"type":"received","index":i}`, `{"type":"waiting"}`, `{"type":"locked","index":i}` and
/// `{"type":"end"}`. A `result` carries `diagnosis` when the server named the mistake.
public enum StudentOutput {
    public static func lines(_ event: StudentEvent, json: Bool, language l: Language) -> [String] {
        json ? [jsonLine(event, l)].compactMap { $0 } : text(event, l)
    }

    static func jsonLine(_ event: StudentEvent, _ l: Language) -> String? {
        switch event {
        case .question(let index, _, let q):
            return QuizLine.question(index: index, question: q, text: q.prompt(l), choices: q.optionLines(l)).json
        case .problem(let index, let message):
            var o: [String: Any] = ["type": "error", "message": TerminalSafe.text(message)]
            if let index { o["index"] = index }
            return object(o)
        case .received(let i): return object(["type": "received", "index": i])
        case .waiting: return object(["type": "waiting"])
        case .locked(let i): return object(["type": "locked", "index": i])
        case .reveal(let index, let answer, let correct, let expected, let diagnosis, _, _, _):
            var o: [String: Any] = ["type": "result", "index": index, "correct": correct, "expected": number(expected)]
            if let answer { o["answer"] = number(answer) }
            if let diagnosis { o["diagnosis"] = TerminalSafe.text(diagnosis) }
            return object(o)
        case .score(let correct, let total): return QuizLine.score(correct: correct, total: total).json
        case .end: return object(["type": "end"])
        case .joined, .reconnecting, .reconnected: return nil
        }
    }

    static func number(_ v: QuizValue) -> Any {
        switch v {
        case .integer(let n): n
        case .real(let x): Double(Float(x).description) ?? x
        case .option(let i): ChoiceQuestion.letter(i)
        case .truth(let b): b
        }
    }

    static func object(_ o: [String: Any]) -> String? {
        guard let data = try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys, .withoutEscapingSlashes]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func text(_ event: StudentEvent, _ l: Language) -> [String] {
        switch event {
        case .joined(let name):
            return [Localized(en: "Joined as \(TerminalSafe.text(name)). Wait for the first question.",
                              ko: "\(TerminalSafe.text(name)) 이름으로 참여했습니다. 첫 문제를 기다리세요.")[l]]
        case .waiting:
            return [Localized(en: "Waiting for the instructor…", ko: "강사를 기다리는 중…")[l]]
        case .question(let index, let count, let q):
            var out = ["", Localized(en: "Question \(index) of \(count)", ko: "문제 \(index) / \(count)")[l], TerminalSafe.text(q.prompt(l))]
            out += q.optionLines(l).map { "  " + TerminalSafe.text($0) }
            for figure in q.figures(l) { out.append("  \(figure.caption):"); out += figure.lines.map { "    " + TerminalSafe.text($0) } }
            out.append(Localized(en: "Your answer:", ko: "답:")[l])
            return out
        case .problem(_, let message): return ["! " + TerminalSafe.text(message)]
        case .received(let i): return [Localized(en: "received (answer \(i) stored)", ko: "받았습니다 (\(i)번 답 저장됨)")[l]]
        case .locked: return [Localized(en: "Answers are locked.", ko: "답 받기가 끝났습니다.")[l]]
        case .reveal(_, let answer, let correct, let expected, let diagnosis, let answered, let right, let question):
            // The same words as the student's screen (and `stride quiz --plain`).
            let r = StudentReveal(answer: answer, correct: correct, expected: expected, diagnosis: diagnosis,
                                  answered: answered, right: right, question: question, language: l)
            return [r.verdict] + r.feedback.map { "  " + $0 } + r.working.map { "    " + $0 } + [r.tally]
        case .score(let correct, let total):
            return ["", Localized(en: "Final score: \(correct)/\(total)", ko: "최종 점수: \(correct)/\(total)")[l]]
        case .reconnecting(let why):
            return [Localized(en: "(connection lost: \(why); reconnecting…)", ko: "(연결이 끊겼습니다: \(why); 다시 연결하는 중…)")[l]]
        case .reconnected:
            return [StudentText.reconnected[l]]
        case .end:
            return [Localized(en: "The class has ended.", ko: "수업이 끝났습니다.")[l]]
        }
    }
}
