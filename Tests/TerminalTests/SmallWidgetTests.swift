import Testing
@testable import Terminal

@Suite("KeyFooter, HelpOverlay, SizeMessage")
struct SmallWidgetTests {
    let footer = KeyFooter([(key: "→/l", label: "next"), (key: "←/h", label: "prev"), (key: "?", label: "help"), (key: "q", label: "quit")])

    @Test func footerFits() {
        let buffer = rendered(footer, width: 40, height: 1)
        expectLines(buffer, ["→/l next  ←/h prev  ? help  q quit"])
        #expect(footer.width == 34)
        #expect(buffer[0, 0].style == Style(bold: true, reverse: true))
        #expect(buffer[2, 0].style == Style(bold: true, reverse: true))
        #expect(buffer[3, 0].style == .plain)
        #expect(buffer[4, 0].style == .plain)
    }

    @Test func footerIsTruncated() {
        expectLines(rendered(footer, width: 20, height: 2), ["→/l next  ←/h prev …", ""])
        expectLines(rendered(footer, width: 12, height: 1, charset: .ascii), [">/l next  <~"])
        expectLines(rendered(footer, width: 1, height: 1), ["…"])
    }

    @Test func helpOverlayIsCenteredAndClears() {
        var buffer = Buffer(width: 25, height: 10)
        buffer.fill(buffer.area, character: "x")
        let help = HelpOverlay(title: "Help", rows: [(key: "q", description: "quit"), (key: "?", description: "help")])
        help.render(in: buffer.area, buffer: &buffer)
        expectLines(buffer, [
            "xxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxx┌ Help ───────────┐xxx",
            "xxx│ q  quit         │xxx",
            "xxx│ ?  help         │xxx",
            "xxx│                 │xxx",
            "xxx│ Esc or ? closes │xxx",
            "xxx└─────────────────┘xxx",
            "xxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxxxxxxxxxxxxxxxxxxxxxx",
        ])
        #expect(buffer[5, 3].style == Style(bold: true))
    }

    @Test func helpOverlayShrinksToASmallArea() {
        let help = HelpOverlay(rows: [(key: "→/l", description: "next step"), (key: "q", description: "quit Stride")])
        expectLines(rendered(help, width: 12, height: 5), [
            "┌ Help ────┐",
            "│ →/l  ne… │",
            "│          │",
            "│ Esc or … │",
            "└──────────┘",
        ])
    }

    @Test func sizeMessageAt30x10() {
        let message = SizeMessage(width: 30, height: 10, minimumWidth: 80, minimumHeight: 24)
        expectLines(rendered(message, width: 30, height: 10), [
            "",
            "",
            "",
            "  Terminal too small: 30×10.",
            " Stride needs at least 80×24.",
            "Enlarge the window (or press q",
            "          to quit).",
            "",
            "",
            "",
        ])
    }

    @Test func sizeMessageAt10x3ShowsTheStart() {
        let message = SizeMessage(width: 10, height: 3, minimumWidth: 80, minimumHeight: 24)
        expectLines(rendered(message, width: 10, height: 3), [
            " Terminal",
            "too small:",
            "  10×3.",
        ])
    }

    @Test func sizeMessageInAscii() {
        let message = SizeMessage(width: 30, height: 10, minimumWidth: 80, minimumHeight: 24)
        #expect(message.message(charset: .ascii).contains("30x10"))
        #expect(rendered(message, width: 30, height: 10, charset: .ascii).lines[3] == "  Terminal too small: 30x10.")
    }

    @Test func helpOverlayInAscii() {
        let help = HelpOverlay(title: "도움말", rows: [(key: "→/l", description: "next")])
        expectLines(rendered(help, width: 21, height: 5, charset: .ascii), [
            " + ??? ------------+",
            " | >/l  next       |",
            " |                 |",
            " | Esc or ? closes |",
            " +-----------------+",
        ])
    }
}
