import Terminal

/// The home screen: what can be opened, one entry per line; ↑/↓ move, Enter opens.
public struct HomeScene: Scene {
    public let language: Language
    public private(set) var selection = 0

    /// One line of the menu.
    public struct Entry: Sendable, Equatable {
        public let id: SceneID
        public let title: Localized
        public let summary: Localized
    }

    public static let entries: [Entry] = [
        Entry(id: .sliding,
              title: Localized(en: "Sliding kernel", ko: "커널 슬라이딩"),
              summary: Localized(en: "a kernel slides over a 4×4 input, one output cell per step",
                                 ko: "커널이 4×4 입력 위를 한 칸씩 움직이며 출력을 만듭니다")),
    ]

    public init(language: Language = .en) { self.language = language }

    public mutating func update(_ message: SceneMessage) -> SceneCommand {
        switch message {
        case .up, .previous: selection = max(selection - 1, 0)
        case .down, .next: selection = min(selection + 1, Self.entries.count - 1)
        case .first: selection = 0
        case .last: selection = Self.entries.count - 1
        case .select: return .open(Self.entries[selection].id)
        default: break
        }
        return .none
    }

    public func render(into buffer: inout Buffer) {
        let l = language
        buffer.write(" Stride", x: 0, y: 0, style: Style(bold: true))
        buffer.write(Localized(en: "  an interactive convolution explorer",
                               ko: "  터미널에서 배우는 합성곱 신경망")[l], x: 7, y: 0)
        buffer.write(Localized(en: " Choose what to open:", ko: " 열어 볼 항목을 고르세요:")[l], x: 0, y: 2)
        for (i, entry) in Self.entries.enumerated() {
            let y = 4 + 2 * i
            let selected = i == selection
            let marker = selected ? "▸ " : "  "
            buffer.write(" \(marker)\(entry.title[l])", x: 0, y: y,
                         style: selected ? Style(bold: true, reverse: true) : Style(bold: true))
            buffer.write("    \(entry.summary[l])", x: 0, y: y + 1, maxWidth: buffer.width)
        }
    }

    public var keyHelp: [KeyHelp] {
        [KeyHelp("↑/↓", Localized(en: "move", ko: "이동")), KeyHelp("Enter", Localized(en: "open", ko: "열기"))]
    }

    public var minimumSize: (width: Int, height: Int) { (80, 24) }
    public var tickInterval: Duration? { nil }
}
