import CNN
import Foundation
@testable import Explorer
import Terminal

/// The student's screen in each stage of a class, reached by feeding it the messages its
/// client sends (and the keys a student types): three questions (a size question whose
/// answer the engine gives as 26, a choice question, a cell question with matrices).
enum StudentFixture {
    static let size = QuizQuestion(.size(SizeQuestion(n: 28, k: 3)))
    static let choice = QuizQuestion(.choice(ChoiceQuestion(
        Localized(en: "What does Keras's Conv2D compute?", ko: "Keras의 Conv2D는 무엇을 계산할까요?"),
        options: [.init(Localized(en: "convolution: it flips the kernel", ko: "합성곱: 커널을 뒤집는다"),
                        feedback: Localized(en: "Conv2D slides the kernel as it is.", ko: "Conv2D는 커널을 그대로 밀어 갑니다.")),
                  .init(Localized(en: "cross-correlation: the kernel as it is", ko: "교차상관: 커널을 그대로"))],
        answer: 1)))
    static let cell = QuizGenerator.questions(.cell, count: 1, seed: 7)[0]

    static let stages = ["connecting", "waiting", "question", "hint", "sending", "received", "locked-in", "locked-out",
                         "right", "wrong", "unanswered", "choice", "choice-wrong", "cell", "reconnecting", "ended", "refused"]

    /// What the server sends for a wrong answer of 25 to `size` (the +1 left out).
    static var missingPlusOne: String { size.grade(.integer(25), expected: .integer(26)).diagnosis?.rawValue ?? "" }

    static func name(_ language: Language) -> String { language == .ko ? "김민준" : "Ann" }

    /// Messages and keys, in order, that bring a fresh screen to `stage`.
    static func steps(_ stage: String, _ language: Language) -> [ScreenEvent<StudentScreen.Message>] {
        func keys(_ text: String) -> [ScreenEvent<StudentScreen.Message>] { text.map { .key(.char($0)) } + [.key(.enter)] }
        func ev(_ e: StudentEvent) -> ScreenEvent<StudentScreen.Message> { .own(.event(e)) }
        let joined = [ev(.joined(name: name(language))), ev(.waiting)]
        let asked = joined + [ev(.question(index: 1, count: 3, size))]
        let received = asked + keys("26") + [.own(.handed), ev(.received(index: 1))]
        switch stage {
        case "connecting": return []
        case "waiting": return joined
        case "question": return asked
        case "hint": return asked + keys("2,6")
        case "sending": return asked + keys("26")
        case "received": return received
        case "locked-in": return received + [ev(.locked(index: 1))]
        case "locked-out": return asked + [ev(.locked(index: 1))]
        case "right":
            return received + [ev(.locked(index: 1)), ev(.reveal(index: 1, answer: .integer(26), correct: true, expected: .integer(26),
                                                                  diagnosis: nil, answered: 30, right: 21, question: size))]
        case "wrong":
            return asked + keys("25") + [ev(.received(index: 1)),
                                         ev(.reveal(index: 1, answer: .integer(25), correct: false, expected: .integer(26),
                                                    diagnosis: missingPlusOne, answered: 30, right: 21, question: size))]
        case "unanswered":
            return asked + [ev(.locked(index: 1)), ev(.reveal(index: 1, answer: nil, correct: false, expected: .integer(26),
                                                               diagnosis: nil, answered: 29, right: 20, question: size))]
        case "choice": return received + [ev(.question(index: 2, count: 3, choice))]
        case "choice-wrong":
            return received + [ev(.question(index: 2, count: 3, choice))] + keys("a") + [ev(.received(index: 2)),
                ev(.reveal(index: 2, answer: .option(0), correct: false, expected: .option(1), diagnosis: nil, answered: 30, right: 25,
                           question: choice))]
        case "cell": return received + [ev(.question(index: 3, count: 3, cell))]
        case "reconnecting":
            return received + [ev(.reconnecting(language == .ko ? "서버가 연결을 닫았습니다" : "the server closed the connection"))]
        case "ended":
            return steps("right", language) + [ev(.score(correct: 2, total: 3)), ev(.end), .own(.exit(.ended))]
        case "refused":
            return [.own(.exit(.refused(language == .ko ? "수업 코드가 틀렸습니다. 화면에 보이는 코드를 확인하세요"
                                                        : "wrong class code: check the code on the instructor's screen")))]
        default: return []
        }
    }

    static func screen(_ stage: String, _ language: Language, control: StudentControl = .still) -> StudentScreen {
        var screen = StudentScreen(address: "192.168.10.24:7431", code: "K7QX", name: name(language), language: language, control: control)
        for step in steps(stage, language) { _ = screen.update(step) }
        return screen
    }
}
