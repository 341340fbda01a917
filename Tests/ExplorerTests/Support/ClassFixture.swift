import Foundation
@testable import Explorer

/// A class in each phase, from the pure state machine: 30 students (one with an escape
/// sequence in its name, one with a Korean name), three size questions, answers spread over
/// several values.
enum ClassFixture {
    static func state(_ phase: ClassPhase) -> ClassState {
        let questions = [QuizQuestion(.size(SizeQuestion(n: 28, k: 3))), QuizQuestion(.size(SizeQuestion(n: 28, k: 5, p: .same, s: 2)))]
        guard var s = try? ClassState(code: "K7QX", questions: questions) else { preconditionFailure("fixture questions") }
        let names = ["Ann", "\u{1B}]52;c;evil\u{07}Bo", "김민준"] + (3..<30).map { "student-\($0)" }
        for (i, n) in names.enumerated() { s.recordJoin(.new(name: n, token: "t\(i)")) }
        guard phase != .lobby else { return s }
        s.recordPhase(.open, current: 1)
        let answers = ["26", "24", "26", "27", "25", "26", "13", "26", "24", "9999999"]
        for i in 0..<28 {
            if case .success(let a) = s.checkAnswer(token: "t\(i)", index: 1, text: answers[i % answers.count], time: 0) { s.recordAnswer(a) }
        }
        s.recordPhase(phase == .ended ? .revealed : phase, current: 1)
        if phase == .ended { s.recordPhase(.ended, current: 1) }
        return s
    }

    static func snapshot(_ phase: ClassPhase) -> ClassSnapshot {
        state(phase).snapshot(addresses: ["192.168.10.24:7431", "10.0.0.5:7431", "127.0.0.1:7431"],
                              connected: ["Ann", "김민준"], database: "/tmp/class.sqlite")
    }
}
