import Explorer
import Foundation

/// One message of the class protocol: a JSON object in one WebSocket text message, with a
/// `type` and the fields that type uses (absent fields are left out).
///
/// Student → server:
///
///     {"type":"join","code":"K7QX","name":"Ann","lang":"en"}            (+ "token" to resume)
///     {"type":"answer","token":"…","index":2,"answer":"26"}             (the answer as typed)
///     {"type":"ping"}
///
/// Server → student:
///
///     {"type":"welcome","name":"Ann","token":"…","answers":[{"index":1,"answer":"26"}]}
///     {"type":"waiting"}                                                  (no question yet)
///     {"type":"question","index":2,"count":10,"question":{"kind":"size","n":28,…}}
///     {"type":"received","index":2}                                       (stored: committed)
///     {"type":"locked","index":2}
///     {"type":"reveal","index":2,"expected":26,"value":24,"right":false,"diagnosis":"…",
///      "answered":38,"correct":30}                                  (correct: how many were right)
///     {"type":"score","correct":7,"total":10}  then  {"type":"end"}
///     {"type":"error","code":"name-taken","message":"…","index":2}
///     {"type":"pong"}
///
/// `question` is `QuizQuestion`'s own JSON (the fields of a lesson's `quiz` block), so every
/// question kind the quiz knows travels without changes here. `index` counts from 1.
public struct ClassWire: Codable, Sendable, Equatable {
    public struct Given: Codable, Sendable, Equatable {
        public var index: Int
        public var answer: String
    }

    public var type: String
    public var code: String?
    public var name: String?
    public var lang: String?
    public var token: String?
    public var index: Int?
    public var count: Int?
    /// The answer as typed (to the server, in `welcome`).
    public var answer: String?
    public var answers: [Given]?
    public var question: QuizQuestion?
    public var expected: QuizValue?
    /// The student's parsed answer (in `reveal`).
    public var value: QuizValue?
    public var correct: Int?
    public var right: Bool?
    public var diagnosis: String?
    public var answered: Int?
    public var total: Int?
    public var message: String?

    public init(type: String) { self.type = type }

    /// Compact JSON, sorted keys.
    public var data: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map(Array.init) ?? Array(#"{"type":"error"}"#.utf8)
    }

    public static func decode(_ text: String) throws -> ClassWire {
        try JSONDecoder().decode(ClassWire.self, from: Data(text.utf8))
    }

    // MARK: Builders

    public static func join(code: String, name: String, token: String?, lang: Language) -> ClassWire {
        var m = ClassWire(type: "join"); m.code = code; m.name = name; m.token = token; m.lang = lang.rawValue; return m
    }

    public static func answer(token: String, index: Int, text: String) -> ClassWire {
        var m = ClassWire(type: "answer"); m.token = token; m.index = index; m.answer = text; return m
    }

    static func error(_ refusal: ClassRefusal, _ language: Language) -> ClassWire {
        var m = ClassWire(type: "error"); m.code = refusal.code; m.message = refusal.message(language)
        switch refusal {
        case .notOpen(let i), .alreadyAnswered(let i), .badAnswer(let i, _): m.index = i
        default: break
        }
        return m
    }

    static func error(code: String, _ message: String) -> ClassWire {
        var m = ClassWire(type: "error"); m.code = code; m.message = message; return m
    }

    static func indexed(_ type: String, _ index: Int) -> ClassWire {
        var m = ClassWire(type: type); m.index = index; return m
    }
}
