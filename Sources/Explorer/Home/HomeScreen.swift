import Terminal

/// The home screen: every registered entry, grouped (lessons, scenes, quiz, training), one
/// line each (title and summary); ↑/↓ (or the mouse) select, Enter opens, and the list
/// scrolls to keep the selection visible, so dozens of entries fit at 80×24.
public struct HomeScreen: Screen {
    public let registry: ScreenRegistry
    public let language: Language
    public private(set) var selection = 0
    /// Marks shown after a title (e.g. lesson progress: `✓`, `…`), by entry id.
    public var marks: [String: String] = [:]
    /// Reads the marks afresh (when the home screen comes back into view).
    public var refreshMarks: (@Sendable () -> [String: String])?
    /// The height of the area last reported (for paging and mouse hit-testing).
    private var areaHeight = 22

    public init(registry: ScreenRegistry, language: Language = .en) {
        self.registry = registry
        self.language = language
    }

    /// Entries in display order (grouped).
    public var ordered: [ScreenEntry] { ScreenGroup.allCases.flatMap { registry.entries(in: $0) } }

    /// List rows: a group heading, or an entry (its index in `ordered`).
    enum Row: Equatable { case heading(ScreenGroup), entry(Int) }

    var rows: [Row] {
        var rows: [Row] = []
        var index = 0
        for group in ScreenGroup.allCases {
            let entries = registry.entries(in: group)
            guard !entries.isEmpty else { continue }
            rows.append(.heading(group))
            for _ in entries { rows.append(.entry(index)); index += 1 }
        }
        return rows
    }

    public var title: String { Localized(en: "an interactive convolution explorer", ko: "터미널에서 배우는 합성곱 신경망")[language] }
    public var status: String { ordered.isEmpty ? "" : "\(selection + 1)/\(ordered.count)" }

    static let open = KeyBinding([.enter, .right], "Enter", Localized(en: "open", ko: "열기"))
    static let up = KeyBinding([.up, .char("k")], "↑/↓", Localized(en: "move", ko: "이동"))
    static let down = KeyBinding([.down, .char("j")], "↓", Localized(en: "down", ko: "아래"), footer: false)
    static let page = KeyBinding([.pageUp, .pageDown], "PgUp/PgDn", Localized(en: "page", ko: "페이지"), footer: false)
    static let ends = KeyBinding([.home, .end, .char("g"), .char("G")], "g/G", Localized(en: "first / last", ko: "처음 / 끝"), footer: false)

    static let nextGroup = KeyBinding([.tab], "Tab", Localized(en: "next group", ko: "다음 묶음"))

    enum Action: Sendable { case up, down, open, nextGroup, pageUp, pageDown, first, last }

    static let keyMap = KeyMap<Action>([
        .init(up.label, up.help, [(.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down)]),
        .init(open.keys, open.label, open.help, .open),
        .init(nextGroup.keys, nextGroup.label, nextGroup.help, .nextGroup),
        .init(page.label, page.help, footer: false, [(.pageUp, .pageUp), (.pageDown, .pageDown)]),
        .init(ends.label, ends.help, footer: false, [(.home, .first), (.char("g"), .first), (.end, .last), (.char("G"), .last)]),
    ])

    public var bindings: [KeyBinding] { Self.keyMap.bindings }

    /// The first entry of the group after the selected one's (wrapping to the first group).
    func firstEntryOfNextGroup() -> Int {
        var index = 0
        var groupStarts: [Int] = []
        for group in ScreenGroup.allCases {
            let count = registry.entries(in: group).count
            if count > 0 { groupStarts.append(index) }
            index += count
        }
        return groupStarts.first { $0 > selection } ?? groupStarts.first ?? 0
    }

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        let last = max(0, ordered.count - 1)
        let page = max(1, listHeight - 2)
        switch message {
        case .key(let key):
            switch Self.keyMap.action(for: key) {
            case .up: selection = max(selection - 1, 0)
            case .down: selection = min(selection + 1, last)
            case .pageUp: selection = max(selection - page, 0)
            case .pageDown: selection = min(selection + page, last)
            case .first: selection = 0
            case .last: selection = last
            case .nextGroup: selection = firstEntryOfNextGroup()
            case .open: return openSelection()
            case nil: break
            }
        case .mouse(let mouse):
            if mouse.kind == .scrollUp { selection = max(selection - 1, 0) }
            if mouse.kind == .scrollDown { selection = min(selection + 1, last) }
            if mouse.kind == .press, case .entry(let i)? = row(atY: mouse.y) {
                if i == selection { return openSelection() }
                selection = i
            }
        case .resize(_, let height):
            areaHeight = height
            if let refreshMarks { marks = refreshMarks() }
        default: break
        }
        return .none
    }

    private func openSelection() -> ScreenCommand {
        guard selection < ordered.count else { return .none }
        do {
            return .push(try ordered[selection].make(.defaults, language))
        } catch {
            return .notice(error.description)
        }
    }

    /// The list starts this many rows below the area's top.
    static let listTop = 2
    private var listHeight: Int { max(1, areaHeight - Self.listTop) }

    /// The first list row shown: 0 while the selection fits, else scrolled to keep it (and
    /// the row after it) visible.
    func firstRow(listHeight height: Int) -> Int {
        let rows = self.rows
        guard let index = rows.firstIndex(of: .entry(selection)), rows.count > height else { return 0 }
        return min(max(0, index - height + 2), rows.count - height)
    }

    private func row(atY y: Int) -> Row? {
        let rows = self.rows
        let i = y - Self.listTop + firstRow(listHeight: listHeight)
        return y >= Self.listTop && i >= 0 && i < rows.count ? rows[i] : nil
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let l = language
        buffer.write(Localized(en: " Choose what to open:", ko: " 열어 볼 항목을 고르세요:")[l],
                     x: area.x, y: area.y, style: Palette.heading, maxWidth: area.width)
        let listArea = area.inset(top: Self.listTop)
        let entries = ordered
        let widest = entries.map { displayWidth($0.title[l]) + displayWidth(marks[$0.id].map { " " + $0 } ?? "") }.max() ?? 10
        // The title column: the widest title and mark, at most 34 columns and 45 % of the width.
        let titleWidth = min(34, widest + 5, max(12, listArea.width * 45 / 100))
        let rows = self.rows
        let start = firstRow(listHeight: listArea.height)
        for (offset, row) in rows.dropFirst(start).prefix(listArea.height).enumerated() {
            let y = listArea.y + offset
            switch row {
            case .heading(let group):
                buffer.write(" \(group.title[l])", x: listArea.x, y: y, style: Style(bold: true, underline: true), maxWidth: listArea.width)
            case .entry(let i):
                let entry = entries[i]
                let selected = i == selection
                let mark = marks[entry.id].map { " " + $0 } ?? ""
                let room = min(titleWidth, listArea.width) - 5
                if selected { buffer.fill(Rect(x: listArea.x, y: y, width: max(0, listArea.width - 1), height: 1), style: Palette.selected) }
                let style = selected ? Palette.selected : Style(bold: true)
                // Titles longer than the column end in "…" before their mark (✓, …), which
                // always shows, two columns before the summary.
                let title = truncate(entry.title[l], toWidth: room - displayWidth(mark)) + mark
                buffer.write((selected ? " ▸ " : "   ") + title, x: listArea.x, y: y, style: style, maxWidth: min(titleWidth, listArea.width))
                buffer.writeLine(entry.summary[l], x: listArea.x + titleWidth, y: y,
                                 style: selected ? Palette.selected : Palette.note, width: max(0, listArea.width - titleWidth - 2))
            }
        }
        if rows.count > listArea.height, listArea.height > 1, listArea.width > 0 {
            if start > 0 { buffer.write("↑", x: listArea.maxX - 1, y: listArea.y) }
            if start + listArea.height < rows.count { buffer.write("↓", x: listArea.maxX - 1, y: listArea.maxY - 1) }
        }
    }

    public var contentSize: (width: Int, height: Int) { (78, Self.listTop + rows.count) }
}
