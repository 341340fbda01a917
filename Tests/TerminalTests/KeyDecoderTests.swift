import Testing
@testable import Terminal

@Suite("decodeKey")
struct KeyDecoderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let code: UInt32
        let isFunctionKey: Bool
        let key: Key?
        var testDescription: String { "\(isFunctionKey ? "KEY" : "char") \(code) → \(String(describing: key))" }
    }

    static let functionKeys: [Case] = [
        Case(code: CursesKeyCode.up, isFunctionKey: true, key: .up),
        Case(code: CursesKeyCode.down, isFunctionKey: true, key: .down),
        Case(code: CursesKeyCode.left, isFunctionKey: true, key: .left),
        Case(code: CursesKeyCode.right, isFunctionKey: true, key: .right),
        Case(code: CursesKeyCode.home, isFunctionKey: true, key: .home),
        Case(code: CursesKeyCode.find, isFunctionKey: true, key: .home),
        Case(code: CursesKeyCode.end, isFunctionKey: true, key: .end),
        Case(code: CursesKeyCode.select, isFunctionKey: true, key: .end),
        Case(code: CursesKeyCode.pageUp, isFunctionKey: true, key: .pageUp),
        Case(code: CursesKeyCode.pageDown, isFunctionKey: true, key: .pageDown),
        Case(code: CursesKeyCode.enter, isFunctionKey: true, key: .enter),
        Case(code: CursesKeyCode.backspace, isFunctionKey: true, key: .backspace),
        Case(code: CursesKeyCode.delete, isFunctionKey: true, key: .delete),
        Case(code: CursesKeyCode.f0 + 1, isFunctionKey: true, key: .function(1)),
        Case(code: CursesKeyCode.f0 + 12, isFunctionKey: true, key: .function(12)),
        Case(code: CursesKeyCode.f0, isFunctionKey: true, key: nil),
        Case(code: CursesKeyCode.resize, isFunctionKey: true, key: nil),
    ]

    static let characters: [Case] = [
        Case(code: 10, isFunctionKey: false, key: .enter),
        Case(code: 13, isFunctionKey: false, key: .enter),
        Case(code: 27, isFunctionKey: false, key: .escape),
        Case(code: 32, isFunctionKey: false, key: .space),
        Case(code: 127, isFunctionKey: false, key: .backspace),
        Case(code: 8, isFunctionKey: false, key: .backspace),
        Case(code: 9, isFunctionKey: false, key: .tab),
        Case(code: 1, isFunctionKey: false, key: .ctrl("a")),
        Case(code: 3, isFunctionKey: false, key: .ctrl("c")),
        Case(code: 26, isFunctionKey: false, key: .ctrl("z")),
        Case(code: 0, isFunctionKey: false, key: nil),
        Case(code: 28, isFunctionKey: false, key: nil),
        Case(code: 0x71, isFunctionKey: false, key: .char("q")),
        Case(code: 0x3F, isFunctionKey: false, key: .char("?")),
        Case(code: 0xD55C, isFunctionKey: false, key: .char("한")),
        Case(code: 0x2192, isFunctionKey: false, key: .char("→")),
        Case(code: 0xD800, isFunctionKey: false, key: nil),  // surrogate: not a scalar
        Case(code: 0x9B, isFunctionKey: false, key: nil),  // C1 control
    ]

    @Test(arguments: functionKeys + characters)
    func decodes(_ c: Case) {
        #expect(decodeKey(code: c.code, isFunctionKey: c.isFunctionKey) == c.key)
    }

    @Test func cursesCodesHaveTheirStandardValues() {
        #expect(CursesKeyCode.up == 0o403)
        #expect(CursesKeyCode.f0 == 0o410)
        #expect(CursesKeyCode.resize == 0o632)
    }
}
