import Testing
@testable import Terminal

@Suite("asciiFallback")
struct AsciiFallbackTests {
    @Test(arguments: [
        ("a", "a"), (" ", " "), ("~", "~"),
        ("┌", "+"), ("┐", "+"), ("└", "+"), ("┘", "+"), ("┼", "+"), ("├", "+"), ("┬", "+"),
        ("─", "-"), ("│", "|"), ("═", "-"), ("║", "|"), ("╭", "+"),
        ("×", "x"), ("→", ">"), ("←", "<"), ("…", "~"), ("·", "*"), ("−", "-"), ("≥", ">="), ("≤", "<="),
        ("한", "?"), ("漢", "?"), ("█", "#"), ("░", "."),
        ("e\u{301}", "e"), ("\u{301}", ""),
    ] as [(String, String)])
    func maps(_ input: String, _ expected: String) {
        #expect(asciiFallback(Character(input)) == expected)
    }

    @Test func everyResultIsAscii() {
        let samples = "┌─┐│└┘├┤┬┴┼╔═╗║╚╝×→←↑↓…·−≥≤±°•–—‘’“”▶◀▲▼●○✓█▓▒░안녕漢字🙂é"
        for c in samples {
            #expect(asciiFallback(c).allSatisfy { $0.isASCII }, "\(c)")
        }
    }
}
