import Testing
@testable import Terminal

@Suite("Box")
struct BoxTests {
    @Test func boxWithTitleAndChild() {
        let box = Box(title: "Title", child: Text("hi"))
        expectLines(rendered(box, width: 12, height: 4), [
            "┌ Title ───┐",
            "│hi        │",
            "│          │",
            "└──────────┘",
        ])
    }

    @Test func longTitleIsTruncated() {
        expectLines(rendered(Box(title: "Convolution"), width: 8, height: 3), [
            "┌ Co… ─┐",
            "│      │",
            "└──────┘",
        ])
    }

    @Test func asciiBox() {
        let box = Box(title: "커널", child: Text("a→b"))
        expectLines(rendered(box, width: 10, height: 3, charset: .ascii), [
            "+ ?? ----+",
            "|a>b     |",
            "+--------+",
        ])
    }

    @Test func innerAreaAndStyles() {
        #expect(Box.inner(of: Rect(x: 1, y: 2, width: 5, height: 4)) == Rect(x: 2, y: 3, width: 3, height: 2))
        let style = Style(foreground: .cyan)
        let title = Style(bold: true)
        let buffer = rendered(Box(title: "T", style: style, titleStyle: title), width: 8, height: 3)
        #expect(buffer[0, 0].style == style)
        #expect(buffer[2, 0].style == title)
        #expect(buffer[2, 0].character == "T")
        #expect(buffer[0, 1].style == style)
    }

    @Test func childIsClippedToTheInside() {
        let box = Box(child: Text("a long line that wraps and wraps and wraps"))
        expectLines(rendered(box, width: 6, height: 4), [
            "┌────┐",
            "│a   │",
            "│long│",
            "└────┘",
        ])
    }
}
