import Testing
@testable import Terminal

@Suite("Terminal capabilities")
struct TerminalCapabilitiesTests {
    @Test func terminfoSaysWhoCanAddressTheCursor() {
        #expect(TerminalCapabilities.hasCursorAddressing("xterm-256color") == true)
        #expect(TerminalCapabilities.hasCursorAddressing("tmux-256color") == true)
        #expect(TerminalCapabilities.hasCursorAddressing("dumb") == false)
        #expect(TerminalCapabilities.hasCursorAddressing("no-such-terminal-xyz") == nil)
    }

    @Test func fullScreenIsRefusedWithoutCursorAddressingOrATerminalType() {
        #expect(TerminalCapabilities.problem(term: "xterm") == nil)
        #expect(TerminalCapabilities.problem(term: "no-such-terminal-xyz") == nil, "unknown types are newterm's to report")
        let dumb = TerminalCapabilities.problem(term: "dumb")?.description ?? ""
        #expect(dumb.contains("TERM=dumb cannot") && dumb.contains("stride quiz --plain"), "\(dumb)")
        #expect(TerminalCapabilities.problem(term: nil)?.description.contains("TERM is not set") == true)
        #expect(TerminalCapabilities.problem(term: "")?.description.contains("TERM is not set") == true)
    }
}
