import CNN
@testable import Explorer
import Foundation
import Testing
import TestSupport

@Suite("Quiz files")
struct QuizFileTests {
    static let example = Repository.root.appendingPathComponent("docs/examples/quiz.yaml").path

    @Test func theExampleFileHasEveryKindAndLoadsInOrder() throws {
        let (questions, problems) = QuizFile.load(Self.example)
        #expect(problems.isEmpty, "\(problems)")
        #expect(Set(questions.map(\.kind)) == Set(QuizKind.allCases), "the example shows every kind")
        #expect(questions.first == QuizQuestion(.size(SizeQuestion(n: 28, k: 3))))
        var session = try QuizSession(questions: questions)
        for line in ["26", "14", "11", "18,496"] { #expect(try session.submit(line).correct, "\(line)") }
        // 1 2 3; 4 5 6; 7 8 9 convolved with 1 0; 0 -1 (rotated: -1 0; 0 1) at [0, 1]: -2 + 6 = 4.
        #expect(try session.submit("4").correct)
        #expect(try session.submit("9").correct, "max(1, 3, 5, 9)")
        // Two channels at [1, 1]: (1·1 + 0·1) + (2·1 + 1·1) + bias 1 = 5.
        #expect(try session.submit("5").correct)
        let choice = try session.submit("a")
        #expect(!choice.correct && choice.diagnoses == ["flipped"])
        #expect(try session.submit("참").correct)
    }

    /// A bad file gives `file:line: message` for every bad question (the line of the key at fault).
    @Test(arguments: [
        ("- kind: size\n  n: 28\n  k: 3\n- kind: size\n  n: 28\n  k: 0\n", ["q.yaml:6: question 2: k: 0 is out of range: 1 to 4096"]),
        ("- kind: size\n  n: 2\n  k: 3\n", ["q.yaml:1: question 1: this size question cannot be answered: kernel (effective size 3) is larger than the padded input (2): the output would be empty"]),
        ("- kind: sise\n  n: 2\n- kind: choice\n  question: Q\n  options: [A]\n  answer: a\n",
         ["q.yaml:1: question 1: kind: expected size or chain or params or cell or pool or channels or choice or truefalse, not 'sise'",
          "q.yaml:5: question 2: options: a choice question needs 2 to 5 options, not 1"]),
        ("- 7\n", ["q.yaml:1: question 1: expected key: value lines (kind: …)"]),
        ("title: x\n", ["q.yaml:1: 'title' is not a quiz file field (the only one is questions)"]),
        ("questions: []\n", ["q.yaml:1: the quiz has no questions"]),
        ("questions: 3\n", ["q.yaml:1: missing: questions, a list of questions"]),
        ("[]\n", ["q.yaml:1: the quiz has no questions"]),
        ("just text\n", ["q.yaml:1: a quiz file is a list of questions (- kind: size …), or questions: followed by that list"]),
        ("- kind: size\n  n: [1\n", ["q.yaml:3: invalid YAML: "]),
        ("- &a {kind: size, n: 28, k: 3}\n- *a\n", ["q.yaml:2: YAML aliases (*name) are not allowed in Stride files; write the value out instead"]),
    ])
    func badFilesNameFileAndLine(_ text: String, expected: [String]) {
        let (questions, problems) = QuizFile.check(text, file: "q.yaml")
        #expect(questions.isEmpty)
        #expect(problems.count == expected.count, "\(problems)")
        for (problem, message) in zip(problems, expected) {
            #expect(message.hasSuffix(": ") ? problem.description.hasPrefix(message) : problem.description == message)
        }
    }

    @Test func sizesAreCheckedBeforeAnythingIsBuilt() throws {
        let big = String(repeating: "# padding\n", count: QuizFile.maxBytes / 10 + 1)
        #expect(QuizFile.check(big, file: "q.yaml").problems.map(\.description)
                == ["q.yaml:1: the file is \(big.utf8.count) bytes; a quiz file may have at most \(QuizFile.maxBytes)"])
        let many = String(repeating: "- {kind: size, n: 28, k: 3}\n", count: QuizFile.maxQuestions + 1)
        #expect(QuizFile.check(many, file: "q.yaml").problems.map(\.description)
                == ["q.yaml:1001: 1001 questions; a quiz file may have at most 1000"])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quizfile-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("big.yaml").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(big.utf8)))
        #expect(QuizFile.load(path).problems.map(\.description) == ["\(path): the file is \(big.utf8.count) bytes; a quiz file may have at most \(QuizFile.maxBytes)"])
        #expect(QuizFile.load(dir.path).problems.map(\.description) == ["\(dir.path): cannot read the quiz file (not a readable file)"])
        #expect(QuizFile.load(dir.path + "/missing.yaml").problems.count == 1)
    }

    @Test func controlCharactersInTextsAreEscaped() {
        let text = "- kind: truefalse\n  question: {en: \"A\\e[2J\", ko: \"B\\u009b\"}\n  answer: true\n"
        let (questions, problems) = QuizFile.check(text, file: "q.yaml")
        #expect(problems.isEmpty)
        #expect(questions.first?.prompt(.en) == "A\\e[2J (true or false?)")
        #expect(questions.first?.prompt(.ko) == "B\\u{9B} (참 또는 거짓?)")
    }
}
