@testable import Explorer
import Terminal
import Testing

/// The home screen cuts long titles with an ellipsis and keeps each lesson's ✓ / … mark
/// visible: whole buffers at 80×24 and 60×20, in English and Korean.
@Suite("Home screen marks")
struct HomeMarksTests {
    static func entry(_ id: String, _ group: ScreenGroup, _ title: Localized, _ summary: Localized) -> ScreenEntry {
        ScreenEntry(id: id, group: group, title: title, summary: summary) { _, _ in HomeScreen(registry: ScreenRegistry(entries: [])) }
    }

    static let registry = ScreenRegistry(entries: [
        entry("lesson:a", .lesson, Localized(en: "Why convolution: local patterns and weight sharing", ko: "왜 합성곱인가: 지역 패턴과 가중치 공유, 그리고 이동 불변성"),
              Localized(en: "a dense layer sees everything at once; a kernel looks at one patch", ko: "밀집층은 모든 것을 한꺼번에 보고 커널은 한 조각만 봅니다")),
        entry("lesson:b", .lesson, Localized(en: "Padding", ko: "패딩"), Localized(en: "zeros around the input", ko: "입력 둘레의 0")),
        entry("lesson:c", .lesson, Localized(en: "Receptive fields and why networks downsample", ko: "수용 필드과 다운샘플링을 하는 이유"),
              Localized(en: "what one deep cell sees", ko: "깊은 층의 한 칸이 보는 것")),
        entry("sliding", .scene, Localized(en: "Sliding kernel", ko: "커널 밀기"), Localized(en: "a kernel slides over the input", ko: "커널이 입력 위를 미끄러집니다")),
    ])

    static func lines(_ language: Language, width: Int, height: Int) -> [String] {
        var home = HomeScreen(registry: registry, language: language)
        home.marks = ["lesson:a": "✓", "lesson:b": "…", "lesson:c": "✓"]
        var buffer = Buffer(width: width, height: height)
        home.render(into: &buffer, area: buffer.area)
        return buffer.lines
    }

    @Test func english80x24() {
        let lines = Self.lines(.en, width: 80, height: 24)
        #expect(Array(lines.prefix(9)) == [
            " Choose what to open:",
            "",
            " Lessons",
            " ▸ Why convolution: local pat… ✓  a dense layer sees everything at once; a ke…",
            "   Padding …                      zeros around the input",
            "   Receptive fields and why n… ✓  what one deep cell sees",
            " Scenes",
            "   Sliding kernel                 a kernel slides over the input",
            "",
        ], "\(lines.joined(separator: "\n"))")
        #expect(lines.dropFirst(9).allSatisfy { $0.isEmpty })
    }

    @Test func english60x20() {
        let lines = Self.lines(.en, width: 60, height: 20)
        #expect(Array(lines.prefix(8)) == [
            " Choose what to open:",
            "",
            " Lessons",
            " ▸ Why convolution: lo… ✓  a dense layer sees everything …",
            "   Padding …               zeros around the input",
            "   Receptive fields an… ✓  what one deep cell sees",
            " Scenes",
            "   Sliding kernel          a kernel slides over the input",
        ], "\(lines.joined(separator: "\n"))")
        #expect(lines.dropFirst(8).allSatisfy { $0.isEmpty })
    }

    @Test func korean80x24() {
        let lines = Self.lines(.ko, width: 80, height: 24)
        #expect(Array(lines.prefix(8)) == [
            " 열어 볼 항목을 고르세요:",
            "",
            " 레슨",
            " ▸ 왜 합성곱인가: 지역 패턴과… ✓  밀집층은 모든 것을 한꺼번에 보고 커널은 한 …",
            "   패딩 …                         입력 둘레의 0",
            "   수용 필드과 다운샘플링을 … ✓   깊은 층의 한 칸이 보는 것",
            " 장면",
            "   커널 밀기                      커널이 입력 위를 미끄러집니다",
        ], "\(lines.joined(separator: "\n"))")
        #expect(lines.dropFirst(8).allSatisfy { $0.isEmpty })
    }

    @Test func korean60x20() {
        let lines = Self.lines(.ko, width: 60, height: 20)
        #expect(Array(lines.prefix(8)) == [
            " 열어 볼 항목을 고르세요:",
            "",
            " 레슨",
            " ▸ 왜 합성곱인가: 지역… ✓  밀집층은 모든 것을 한꺼번에 보…",
            "   패딩 …                  입력 둘레의 0",
            "   수용 필드과 다운샘… ✓   깊은 층의 한 칸이 보는 것",
            " 장면",
            "   커널 밀기               커널이 입력 위를 미끄러집니다",
        ], "\(lines.joined(separator: "\n"))")
        #expect(lines.dropFirst(8).allSatisfy { $0.isEmpty })
    }

    /// Every mark stays on screen for titles of any length, at every width from 40 to 120.
    @Test func marksSurviveEveryWidth() {
        for width in 40...120 {
            for language in Language.allCases {
                let lines = Self.lines(language, width: width, height: 12)
                #expect(lines[3].contains("✓") && lines[4].contains("…") && lines[5].contains("✓"), "width \(width): \(lines[3...5])")
                #expect(lines[3].contains("…"), "a cut title ends in an ellipsis at width \(width)")
            }
        }
    }
}
