import Terminal

/// The whole app: a stack of screens inside the app frame, and the runtime that runs their
/// commands.
///
/// Frame: the title bar (row 0: `Stride · <title>`, the screen's status on the right),
/// the screen's area, an optional notice line, and the footer (last row) generated from
/// the screen's `bindings` plus the global keys. `?` toggles a help overlay generated from
/// the same bindings.
///
/// Focus: while the top screen `wantsText` (a text field has focus) every key but Ctrl-C
/// goes to it, and Esc there blurs the field. Otherwise Esc goes back one screen (and quits
/// from the first), q quits, Ctrl-C always quits. The footer always shows the way out.
///
/// Commands: each screen on the stack has an id; the effects of its commands run in the
/// `runtime` and their results come back through its inbox (`.wake`) to that screen only —
/// a screen that has left gets nothing, and its subscriptions are stopped when it leaves.
public struct ExplorerApp: TerminalApp {
    public let language: Language
    private var entries: [(id: Int, box: ScreenBox)] = []
    private var nextID = 1
    public let runtime: CommandRuntime
    public private(set) var isHelpShown = false
    /// A persistent one-line notice (e.g. why the screen is drawn in ASCII).
    public var notice: String?
    /// A notice from a screen, shown until the next key.
    public private(set) var flash: String?
    /// A leave the user asked for that waits for y (a screen's `leaveWarning` was set).
    public private(set) var pendingLeave: PendingLeave?
    public enum PendingLeave: Sendable, Equatable { case quit, back }

    /// The smallest terminal the app works in.
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    /// Starts with `screens` stacked bottom to top (at least one), each started (its
    /// `start()` command run) in that order.
    public init(screens: [any Screen], language: Language = .en, runtime: CommandRuntime = CommandRuntime()) {
        precondition(!screens.isEmpty, "ExplorerApp needs a screen")
        self.language = language
        self.runtime = runtime
        for screen in screens { _ = open(screen) }
    }

    /// The screens, bottom to top.
    public var stack: [any Screen] { entries.map(\.box.screen) }

    /// The top screen.
    public var top: any Screen { entries[entries.count - 1].box.screen }

    public var wakeSource: (any WakeSource)? { runtime.inbox }

    /// Tells every screen on the stack that it is closing (after the app quits).
    public func closeAll() {
        for entry in entries.reversed() {
            runtime.cancelAll(for: entry.id)
            entry.box.screen.didClose()
        }
    }

    public mutating func handle(_ event: TerminalEvent) -> AppCommand {
        switch event {
        case .key(.ctrl("c")):
            return .quit
        case .key(let key):
            flash = nil
            if let pending = pendingLeave {
                pendingLeave = nil
                switch key {
                case .char("y"), .char("Y"): return pending == .quit ? .quit : closeTop()
                case .char("n"), .char("N"), .escape: return sendSize()
                default:
                    let resized = sendSize()
                    if resized == .quit { return .quit }
                }
            }
            if isHelpShown {
                isHelpShown = false
                guard key == .char("q") else { return .none }
                return top.asksBeforeQuit ? send(.key(key)) : askToLeave(.quit)
            }
            if !top.wantsText {
                switch key {
                case .char("q") where !top.asksBeforeQuit: return askToLeave(.quit)
                case .char("?"): isHelpShown = true; return .none
                case .escape where !top.capturesEscape: return askToLeave(.back)
                default: break
                }
            }
            return send(.key(key))
        case .mouse(let mouse):
            guard !isHelpShown else { return .none }
            let area = contentArea(width: lastSize.width, height: lastSize.height)
            guard area.contains(x: mouse.x, y: mouse.y) || mouse.kind != .press else { return .none }
            return send(.mouse(mouse.relative(to: area)))
        case .tick:
            return send(.tick)
        case .wake:
            return deliverResults()
        case .resize(let width, let height):
            lastSize = (width, height)
            return sendSize()
        }
    }

    /// Leaves (quits, or closes the top screen) at once, or first asks when a screen that would
    /// close has a `leaveWarning`.
    private mutating func askToLeave(_ leave: PendingLeave) -> AppCommand {
        let closing = leave == .quit ? stack : [top]
        guard closing.contains(where: { $0.leaveWarning != nil }) else { return leave == .quit ? .quit : closeTop() }
        pendingLeave = leave
        return sendSize()
    }

    /// The question shown while a leave waits for y.
    private var leaveQuestion: String? {
        guard let pendingLeave else { return nil }
        let closing = pendingLeave == .quit ? stack.reversed() : [top]
        let warning = closing.lazy.compactMap(\.leaveWarning).first.map { $0[language] } ?? ""
        let ask = pendingLeave == .quit ? Localized(en: "Quit anyway? y quit · n stay", ko: "끝낼까요? y 예 · n 아니요")
            : Localized(en: "Go back anyway? y back · n stay", ko: "돌아갈까요? y 예 · n 아니요")
        return "\(warning) \(ask[language])"
    }

    /// The terminal size last seen (for mouse hit-testing); set by resize events and render.
    private var lastSize = (width: ExplorerApp.minimumWidth, height: ExplorerApp.minimumHeight)

    /// Tells the top screen its area's size.
    private mutating func sendSize() -> AppCommand {
        let area = contentArea(width: lastSize.width, height: lastSize.height)
        let index = entries.count - 1
        let command = entries[index].box.update(.resize(width: area.width, height: area.height))
        return apply(command, from: entries[index].id)
    }

    /// Sends a system event to the top screen and runs what it asks.
    private mutating func send(_ message: ScreenMessage) -> AppCommand {
        let rows = frameRows
        let index = entries.count - 1
        let command = entries[index].box.update(message)
        let result = apply(command, from: entries[index].id)
        if result == .quit { return .quit }
        if frameRows != rows { return sendSize() }  // the footer or notice came or went
        return result
    }

    /// Hands every waiting result to the screen that asked for it (if it is still open).
    private mutating func deliverResults() -> AppCommand {
        for delivery in runtime.inbox.drain() {
            guard let index = entries.firstIndex(where: { $0.id == delivery.screenID }) else { continue }
            let command = entries[index].box.deliver(delivery.message)
            if apply(command, from: delivery.screenID) == .quit { return .quit }
        }
        return .none
    }

    /// Pushes `screen`, runs its start command, and returns its id.
    private mutating func open(_ screen: any Screen) -> AppCommand {
        let id = nextID
        nextID += 1
        let box = ScreenBox(screen)
        let start = box.start()
        entries.append((id, box))
        return apply(start, from: id)
    }

    /// Closes the top screen (quits when it is the only one).
    private mutating func closeTop() -> AppCommand {
        guard entries.count > 1 else { return .quit }
        let entry = entries.removeLast()
        runtime.cancelAll(for: entry.id)
        entry.box.screen.didClose()
        return sendSize()
    }

    /// Runs `command` for the screen `id`. Navigation is honoured only from the top screen
    /// (a result reaching a screen below cannot pull the stack from under the user).
    private mutating func apply(_ command: Command<AnyMessage>, from id: Int) -> AppCommand {
        let isTop = entries.last?.id == id
        switch command {
        case .none: break
        case .batch(let commands):
            for command in commands where apply(command, from: id) == .quit { return .quit }
        case .after(let delay, let message): runtime.after(delay, for: id, message)
        case .perform(let work): runtime.perform(for: id, work)
        case .subscribe(let subscription): runtime.subscribe(for: id, subscription)
        case .unsubscribe(let name): runtime.unsubscribe(for: id, id: name)
        case .notice(let text): flash = text
        case .quit: return .quit
        case .close where isTop: return closeTop()
        case .push(let screen) where isTop:
            if open(screen) == .quit { return .quit }
            return sendSize()
        case .replace(let screen) where isTop:
            let old = entries.removeLast()
            runtime.cancelAll(for: old.id)
            old.box.screen.didClose()
            if open(screen) == .quit { return .quit }
            return sendSize()
        case .close, .push, .replace: break
        }
        return .none
    }

    // MARK: Frame

    /// The rows the frame takes: title bar, footer, and the notice line when there is one.
    var frameRows: Int { (top.hidesFooter ? 1 : 2) + (noticeText == nil ? 0 : 1) }

    private var noticeText: String? { leaveQuestion ?? flash ?? notice }

    /// Where the top screen draws in a terminal of this size.
    public func contentArea(width: Int, height: Int) -> Rect {
        Rect(x: 0, y: 1, width: width, height: max(0, height - frameRows))
    }

    public func render(into buffer: inout Buffer) {
        let area = contentArea(width: buffer.width, height: buffer.height)
        let outside = buffer.clipped(to: area) { top.render(into: &$0, area: area) }
        assert(outside == 0, "\(top.title) wrote \(outside) times outside its area \(area)")
        renderTitleBar(into: &buffer)
        if let text = noticeText, buffer.height >= 3 {
            let y = buffer.height - (top.hidesFooter ? 1 : 2)
            buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1))
            buffer.write(" " + text, x: 0, y: y, style: pendingLeave == nil ? Palette.note : Palette.warning, maxWidth: buffer.width)
        }
        if !top.hidesFooter {
            let footer = Rect(x: 0, y: buffer.height - 1, width: buffer.width, height: 1)
            buffer.fill(footer)
            KeyFooter(footerItems(width: buffer.width)).render(in: footer, buffer: &buffer)
        }
        if isHelpShown {
            let language = frameLanguage
            let rows = helpBindings.map { (key: $0.label, description: $0.help[language]) }
            HelpOverlay(title: Localized(en: "Keys", ko: "키")[language], rows: rows,
                        hint: Localized(en: "any key closes", ko: "아무 키나 누르면 닫힘")[language])
                .render(in: buffer.area, buffer: &buffer)
        }
    }

    private func renderTitleBar(into buffer: inout Buffer) {
        let bar = Rect(x: 0, y: 0, width: buffer.width, height: 1)
        buffer.fill(bar, style: Style(reverse: true))
        let status = top.status.isEmpty ? "" : " \(top.status) "
        let statusWidth = displayWidth(buffer.displayed(status))
        let left = " Stride · \(top.title)"
        buffer.write(left, x: 0, y: 0, style: Style(bold: true, reverse: true), maxWidth: max(0, buffer.width - statusWidth - 1))
        buffer.write(status, x: max(0, buffer.width - statusWidth), y: 0, style: Style(bold: true, reverse: true))
    }

    /// The global keys, after the screen's own.
    private var globalBindings: [KeyBinding] {
        if top.wantsText {
            return [KeyBinding([.escape], "Esc", Localized(en: "leave the field", ko: "입력 끝내기")),
                    KeyBinding([.ctrl("c")], "Ctrl-C", Localized(en: "quit", ko: "종료"))]
        }
        var keys = [KeyBinding([.char("?")], "?", Localized(en: "help", ko: "도움말"))]
        // A screen that takes Esc itself and lists it (a "leave? y/n" question) owns the key.
        let ownsEscape = top.capturesEscape && top.bindings.contains { $0.matches(.escape) }
        if entries.count > 1 && !ownsEscape { keys.append(KeyBinding([.escape], "Esc", Localized(en: "back", ko: "뒤로"))) }
        // A screen that takes q itself and lists it (the class's "end class") owns the key; one
        // that only asks first (the quiz) still quits on q.
        if !(top.asksBeforeQuit && top.bindings.contains { $0.matches(.char("q")) }) {
            keys.append(KeyBinding([.char("q")], "q", Localized(en: "quit", ko: "종료")))
        }
        return keys
    }

    private var helpBindings: [KeyBinding] { top.bindings + globalBindings }

    /// The frame's language: the top screen's when it has one (a lesson after F2), else the app's.
    private var frameLanguage: Language { top.frameLanguage ?? language }

    /// The screen's footer keys, then the global ones; when they do not fit, the screen's
    /// last keys give way (they stay in `?` help), so `? help` and `q quit` always show.
    private func footerItems(width: Int) -> [(key: String, label: String)] {
        let language = frameLanguage
        var own = top.bindings.filter(\.footer).map { (key: $0.label, label: $0.help[language]) }
        let global = globalBindings.filter(\.footer).map { (key: $0.label, label: $0.help[language]) }
        while !own.isEmpty && KeyFooter(own + global).width > width { own.removeLast() }
        return own + global
    }

    public var minimumSize: (width: Int, height: Int) { (Self.minimumWidth, Self.minimumHeight) }
    public var tickInterval: Duration? { top.tickInterval }

    public var cursor: (x: Int, y: Int)? {
        guard !isHelpShown, let c = top.cursor else { return nil }
        return (c.x, c.y + 1)
    }

    public func sizeMessage(width: Int, height: Int) -> String? {
        let (w, h) = (Self.minimumWidth, Self.minimumHeight)
        return Localized(
            en: "Terminal too small: \(width)×\(height). Stride needs at least \(w)×\(h). Enlarge the window (or press q to quit).",
            ko: "터미널 크기 \(width)×\(height): 최소 \(w)×\(h) 필요. 창을 키우세요 (q: 종료).")[language]
    }
}
