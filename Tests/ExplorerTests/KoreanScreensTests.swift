import CNN
import Foundation
@testable import Explorer
import Terminal
import Testing

/// Korean screens use the glossary's terms and leave no English behind.
@Suite("Korean screens")
struct KoreanScreensTests {
    /// Every Korean screen (scenes, lesson steps, home, dashboard views, draw).
    static let names = EveryScreen.names.filter { $0.split(separator: ":").contains("ko") }

    /// English words and constructions that were left on Korean screens (issue 19).
    static let leftovers = ["correlate", "convolve", "mixed", "ch1", "ch2", "map1", "map2", "max 풀링", "average 풀링",
                            "(으)로", "패딩 앞", "Even kernel", "bias"]

    static let glossary: Glossary = {
        let path = shippedLessonsDirectory + "/glossary.yaml"
        do { return try Glossary.parse(try String(contentsOfFile: path, encoding: .utf8), file: path) } catch {
            preconditionFailure("\(error)")
        }
    }()

    @Test(arguments: names)
    func noAvoidedTermAndNoLeftoverEnglish(name: String) throws {
        for keys: [Key] in [[], [.right, .right], [.end]] {
            var app = ExplorerApp(screens: [try EveryScreen.make(name)], language: .ko)
            let text = drive(&app, events: keys.map { .key($0) }, size: (80, 24)).lines.joined(separator: "\n")
            for (variant, term) in Self.glossary.avoidedVariants
            where text.replacingOccurrences(of: term, with: "").contains(variant) {
                Issue.record("\(name) after \(keys) shows '\(variant)' (glossary: '\(term)'):\n\(text)")
            }
            for word in Self.leftovers where text.contains(word) {
                Issue.record("\(name) after \(keys) shows '\(word)':\n\(text)")
            }
        }
    }

    @Test func quizTextsSayItInKorean() throws {
        let cell = try QuizQuestion.fromYAML("kind: cell\ninput: \"1 2; 3 4\"\nkernel: \"1\"\nmode: convolve\ni: 0\nj: 0", file: "q", firstLine: 1)
        #expect(cell.prompt(.ko).contains("합성곱(커널 180° 회전)") && !cell.prompt(.ko).contains("convolve"), "\(cell.prompt(.ko))")
        let pool = try QuizQuestion.fromYAML("kind: pool\ninput: \"1 2; 3 4\"\npool: max\ni: 0\nj: 0", file: "q", firstLine: 1)
        #expect(pool.prompt(.ko).contains("2×2 최대 풀링"), "\(pool.prompt(.ko))")
        let same = try QuizQuestion.fromYAML("kind: size\nn: 4\nk: 3\np: same\ns: 2", file: "q", firstLine: 1)
        #expect(same.worked(.ko).first == "same: out = ceil(n / s) = ceil(4 / 2) = 2; 패딩 위·왼쪽 0, 아래·오른쪽 1", "\(same.worked(.ko))")
        let dense = try QuizQuestion.fromYAML("kind: params\nlayer: dense\ninputs: 4\nunits: 2", file: "q", firstLine: 1)
        #expect(dense.prompt(.ko) == "밀집층: 입력 4개, 유닛 2개, 절편 포함. 파라미터 수는?")
        #expect(QuizTopic.mixed.title[.ko] == "여러 종류" && QuizTopic.pool.title[.ko] == "풀링" && QuizTopic.size.title[.en] == "size")
    }

    @Test func particlesFollowTheSound() {
        #expect(KoreanParticle.ro("항등") == "항등으로")
        #expect(KoreanParticle.ro("평균 블러") == "평균 블러로")
        #expect(KoreanParticle.ro("라플라시안") == "라플라시안으로")
        #expect(KoreanParticle.ro("소벨 x") == "소벨 x로")
        #expect(KoreanParticle.ro("팔") == "팔로")
        #expect(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"].map { KoreanParticle.ro($0) }
                == ["1로", "2로", "3으로", "4로", "5로", "6으로", "7로", "8로", "9로", "10으로"])
    }

    @Test func theLocaleNoteInBothLanguages() {
        let fallback = LocaleFallback(name: "ko_KR.UTF-8", usesCUTF8: true)
        #expect(fallback.note == "The locale ko_KR.UTF-8 is not installed; using C.UTF-8 (UTF-8 drawing).")
        #expect(fallback.note(korean: true) == "로케일 ko_KR.UTF-8: 설치되어 있지 않아 C.UTF-8로 그립니다.")
        #expect(LocaleFallback(name: "xx", usesCUTF8: false).note(korean: true) == "로케일 xx: 설치되어 있지 않습니다 (`locale -a`로 확인하세요).")
    }
}

@Suite("Quiz wording")
struct QuizWordingTests {
    /// "1 input channels" read wrong (issue 19): counts follow English plurals.
    @Test func countsArePluralisedInEnglish() throws {
        let one = try QuizQuestion.fromYAML("kind: params\nlayer: conv\nk: 3\nc_in: 1\nc_out: 1", file: "q", firstLine: 1)
        #expect(one.prompt(.en) == "Conv2D layer: 3×3 kernel, 1 input channel, 1 filter, with bias. How many parameters?")
        let many = try QuizQuestion.fromYAML("kind: params\nlayer: conv\nk: 3\nc_in: 3\nc_out: 32", file: "q", firstLine: 1)
        #expect(many.prompt(.en) == "Conv2D layer: 3×3 kernel, 3 input channels, 32 filters, with bias. How many parameters?")
    }
}
