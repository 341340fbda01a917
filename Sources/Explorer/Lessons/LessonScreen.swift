import CNN
import Terminal

/// A lesson, step by step: each step's prose beside the screen its block embeds (a scene
/// stepped with its own keys, a quiz question, a model summary, a training run).
///
/// Lesson keys (they never collide with a scene's): PgDn / PgUp next / previous step (Enter
/// too on a step without a block), F2 switches language on the same step, F5 presenter mode,
/// Ctrl-B blanks the screen, Ctrl-G jumps to a typed step number, Ctrl-D / Ctrl-U scroll the
/// prose; in presenter mode F7 starts auto-play and F8 / F9 change its pace.
///
/// PgDn on the last step opens the completion screen: the checks' score (right on the first
/// try / total), Enter for the next lesson, r to retry the missed (or unanswered) checks. The
/// lesson is reported done (`onComplete`) only there, and only when every check is answered.
/// F2 keeps the embedded screen where it was: its events are replayed into the screen built
/// in the other language, and the app's footer and help follow (`frameLanguage`).
public struct LessonScreen: Screen {
    /// A result for the embedded screen of step generation `generation`.
    public struct Message: Sendable {
        let generation: Int
        let inner: AnyMessage
    }

    public let library: LessonLibrary
    public let blocks: LessonBlockFactory
    public private(set) var language: Language
    public let lessonID: String
    public private(set) var stepIndex: Int
    /// The screen the current step embeds, and its generation (results of an earlier
    /// step's block are dropped: their generation no longer matches).
    private var embeddedBox: ScreenBox?
    private var generation = 0
    public var embedded: (any Screen)? { embeddedBox?.screen }
    /// Why the block could not be built, shown in its place.
    public private(set) var blockProblem: String?
    public private(set) var isPresenting: Bool
    public private(set) var isBlank = false
    public internal(set) var isAutoPlaying = false
    public private(set) var paceIndex = 2
    /// The step number being typed (Ctrl-G), if any.
    public private(set) var jumpField: TextField?
    var proseScroll = 0
    private var areaSize = (width: 80, height: 22)
    /// Called with (lesson id, step, step count) whenever the step changes.
    let onProgress: @Sendable (String, Int, Int) -> Void
    /// Called with (lesson id, step count, score) when the lesson is finished with every check answered.
    let onComplete: @Sendable (String, Int, LessonProgress.Score) -> Void
    /// Showing the completion screen (after PgDn on the last step).
    public internal(set) var isComplete = false
    /// Each check step's answers, by step index.
    public internal(set) var checks: [Int: LessonCheckRecord] = [:]
    /// Retrying missed checks: the check steps still to visit after the current one.
    public internal(set) var retryQueue: [Int]?
    /// The events the embedded screen received since it was built (run-length encoded), replayed
    /// into the same block in the other language on F2; nil when too many to keep.
    var replayLog: [(event: ScreenMessage, count: Int)]? = []
    static let replayLimit = 10_000

    public static let paces: [Duration] = [.seconds(8), .seconds(5), .seconds(3), .seconds(2), .seconds(1)]

    public init(library: LessonLibrary, blocks: LessonBlockFactory, lessonID: String, language: Language,
                step: Int = 0, presenting: Bool = false, onProgress: @escaping @Sendable (String, Int, Int) -> Void = { _, _, _ in },
                onComplete: @escaping @Sendable (String, Int, LessonProgress.Score) -> Void = { _, _, _ in }) {
        self.library = library
        self.blocks = blocks
        self.lessonID = lessonID
        self.language = language
        self.isPresenting = presenting
        self.onProgress = onProgress
        self.onComplete = onComplete
        self.stepIndex = 0
        show(step)
    }

    /// The app's footer and help speak the lesson's language (F2 switches both).
    public var frameLanguage: Language? { language }

    public var lesson: Lesson {
        library.lesson(lessonID, language: language) ?? library.lesson(lessonID, language: language == .en ? .ko : .en)!
    }

    public var step: LessonStep { lesson.steps[stepIndex] }

    public var title: String { lesson.title }
    public var status: String {
        if isComplete { return Localized(en: "complete", ko: "완료")[language] }
        let word = Localized(en: "step", ko: "단계")[language]
        let play = isAutoPlaying ? "▶ \(formatSeconds(Self.paces[paceIndex]))  " : ""
        let inner = embedded.map { $0.status.isEmpty ? "" : "  ·  \($0.status)" } ?? ""
        return "\(play)\(word) \(stepIndex + 1)/\(lesson.steps.count)\(inner)"
    }

    public var hidesFooter: Bool { isPresenting }
    public var wantsText: Bool { jumpField != nil || (!isComplete && (embedded?.wantsText ?? false)) }

    static let next = KeyBinding([.pageDown], "PgDn", Localized(en: "next step", ko: "다음 단계"))
    static let previous = KeyBinding([.pageUp], "PgUp", Localized(en: "prev step", ko: "이전 단계"))
    static let language = KeyBinding([.function(2)], "F2", Localized(en: "한국어 / English", ko: "English / 한국어"))
    static let present = KeyBinding([.function(5)], "F5", Localized(en: "presenter mode", ko: "발표 모드"), footer: false)
    static let blank = KeyBinding([.ctrl("b")], "Ctrl-B", Localized(en: "blank the screen", ko: "화면 가리기"), footer: false)
    static let jump = KeyBinding([.ctrl("g")], "Ctrl-G", Localized(en: "go to step …", ko: "단계로 이동 …"), footer: false)
    static let scroll = KeyBinding([.ctrl("d"), .ctrl("u")], "Ctrl-D/U", Localized(en: "scroll the text", ko: "글 스크롤"), footer: false)
    static let autoPlay = KeyBinding([.function(7)], "F7", Localized(en: "auto-play (presenter)", ko: "자동 재생 (발표 모드)"), footer: false)
    static let pace = KeyBinding([.function(8), .function(9)], "F8/F9", Localized(en: "slower / faster auto-play", ko: "자동 재생 느리게 / 빠르게"), footer: false)

    /// What the lesson's own keys do (they never collide with a scene's).
    enum Action: Sendable { case next, previous, enter, language, present, blank, jump, scrollDown, scrollUp, autoPlay, slower, faster, nextLesson, retry }

    /// The lesson's keys before the embedded screen's, and after them.
    static let leadingKeys = KeyMap<Action>([
        .init(next.keys, next.label, next.help, .next),
        .init(previous.keys, previous.label, previous.help, .previous),
        .init(language.keys, language.label, language.help, .language),
    ])
    static let trailingKeys = KeyMap<Action>([
        .init(present.keys, present.label, present.help, footer: false, .present),
        .init(blank.keys, blank.label, blank.help, footer: false, .blank),
        .init(jump.keys, jump.label, jump.help, footer: false, .jump),
        .init(scroll.label, scroll.help, footer: false, [(.ctrl("d"), .scrollDown), (.ctrl("u"), .scrollUp)]),
        .init(autoPlay.keys, autoPlay.label, autoPlay.help, footer: false, .autoPlay),
        .init(pace.label, pace.help, footer: false, [(.function(8), .slower), (.function(9), .faster)]),
    ])
    /// Enter goes to the next step on a step without a block (shown only there).
    static let enterKey = KeyMap<Action>([.init([.enter], "Enter", Localized(en: "next step", ko: "다음 단계"), footer: false, .enter)])

    var keyMap: KeyMap<Action> {
        if isComplete { return completionKeys + Self.trailingKeys }
        return Self.leadingKeys + Self.trailingKeys + (embedded == nil ? Self.enterKey : KeyMap([]))
    }

    public var bindings: [KeyBinding] {
        if isComplete { return completionKeys.bindings + Self.trailingKeys.bindings }
        return Self.leadingKeys.bindings + (embedded?.bindings ?? []) + Self.trailingKeys.bindings
            + (embedded == nil ? Self.enterKey.bindings : [])
    }

    // MARK: Update

    public func start() -> Command<Message> {
        guard let box = embeddedBox else { return .none }
        return wrap(box.start())
    }

    public mutating func update(_ message: ScreenEvent<Message>) -> Command<Message> {
        switch message {
        case .own(let result):
            guard result.generation == generation, var box = embeddedBox else { return .none }
            let command = box.deliver(result.inner)
            embeddedBox = box
            noteCheck()
            return wrap(command)
        case .resize(let width, let height):
            areaSize = (width, height)
            return resizeEmbedded()
        case .tick where isAutoPlaying:
            return autoAdvance()
        case .key(let key):
            if let command = handleLessonKey(key) { return command }
            if isComplete { return .none }
            return forward(.key(key))
        case .mouse where isComplete, .tick where isComplete:
            return .none
        case .mouse(let mouse):
            let rect = embedRect(in: Rect(x: 0, y: 0, width: areaSize.width, height: areaSize.height))
            guard rect.contains(x: mouse.x, y: mouse.y) || mouse.kind != .press else { return .none }
            return forward(.mouse(mouse.relative(to: rect)))
        case .tick:
            return forward(.tick)
        }
    }

    /// The lesson's own keys; nil when the key belongs to the embedded screen.
    private mutating func handleLessonKey(_ key: Key) -> Command<Message>? {
        if var field = jumpField {
            switch field.handle(key) {
            case .submitted(let text):
                jumpField = nil
                guard let n = Int(text), n >= 1, n <= lesson.steps.count else {
                    return .notice(Localized(en: "no step '\(text)': steps are 1 to \(lesson.steps.count)",
                                             ko: "'\(text)' 단계는 없습니다: 1부터 \(lesson.steps.count)까지")[language])
                }
                return go(to: n - 1)
            case .cancelled: jumpField = nil
            default: jumpField = field
            }
            return Command<Message>.none
        }
        if isBlank { isBlank = false; return Command<Message>.none }  // any key shows the screen again
        guard let action = keyMap.action(for: key) else { return nil }
        switch action {
        case .next, .enter:
            if retryQueue != nil { return nextRetry() }
            if stepIndex == lesson.steps.count - 1 { return finish() }
            return go(to: stepIndex + 1)
        case .previous:
            retryQueue = nil
            if isComplete { isComplete = false; return Command<Message>.none }
            return go(to: stepIndex - 1)
        case .language:
            language = language == .en ? .ko : .en
            return relocalize()
        case .nextLesson: return openNextLesson()
        case .retry: return retryMissed()
        case .present: isPresenting.toggle(); if !isPresenting { isAutoPlaying = false }
        case .blank: isBlank = true
        case .jump: jumpField = TextField(maxLength: 3)
        case .scrollDown: proseScroll += max(1, areaSize.height / 2)
        case .scrollUp: proseScroll = max(0, proseScroll - max(1, areaSize.height / 2))
        case .autoPlay: if isPresenting { isAutoPlaying.toggle() }
        case .slower: paceIndex = max(paceIndex - 1, 0)
        case .faster: paceIndex = min(paceIndex + 1, Self.paces.count - 1)
        }
        return Command<Message>.none
    }

    /// Sends a system event to the embedded screen. Its commands become the lesson's: its
    /// results come back tagged with this step's generation, and its navigation (a pushed
    /// dashboard, a close) acts on the lesson's place in the app.
    private mutating func forward(_ message: ScreenMessage) -> Command<Message> {
        guard var box = embeddedBox else { return .none }
        let command = box.update(message)
        embeddedBox = box
        log(message)
        noteCheck()
        return wrap(command)
    }

    /// The embedded screen's command, its results tagged with the current generation.
    private func wrap(_ command: Command<AnyMessage>) -> Command<Message> {
        let generation = self.generation
        return command.map { Message(generation: generation, inner: $0) }
    }

    /// Presenter auto-play: step the embedded scene (→) until it stops changing, then the next step.
    private mutating func autoAdvance() -> Command<Message> {
        let before = embedded?.status ?? ""
        var command = Command<Message>.none
        if embedded != nil { command = forward(.key(.right)) }
        let after = embedded?.status ?? ""
        if embedded == nil || before == after {
            if stepIndex + 1 < lesson.steps.count { return .batch([command, go(to: stepIndex + 1)]) }
            isAutoPlaying = false
        }
        return command
    }

    /// Shows step `index` (clamped) and records progress; returns the new block's start
    /// command. The step already shown stays as it is (PgDn on the last step keeps its answer).
    @discardableResult
    mutating func go(to index: Int) -> Command<Message> {
        let target = min(max(index, 0), lesson.steps.count - 1)
        guard target != stepIndex || isComplete else { return .none }
        return show(target)
    }

    /// Shows step `index` (clamped), building its block afresh, and records progress.
    @discardableResult
    mutating func show(_ index: Int) -> Command<Message> {
        isComplete = false
        stepIndex = min(max(index, 0), lesson.steps.count - 1)
        proseScroll = 0
        let start = rebuildEmbedded()
        onProgress(lessonID, stepIndex, lesson.steps.count)
        return start
    }

    @discardableResult
    private mutating func rebuildEmbedded() -> Command<Message> {
        embeddedBox = nil
        generation += 1
        blockProblem = nil
        replayLog = []
        if let block = step.block {
            do { embeddedBox = ScreenBox(try blocks.make(block, lesson: lesson, language: language)) } catch { blockProblem = error.description }
        }
        let resize = resizeEmbedded()
        guard let box = embeddedBox else { return resize }
        return .batch([wrap(box.start()), resize])
    }

    /// Rebuilds the step's block in the new language and replays into it every event the old
    /// one received (their commands dropped: nothing is pushed or started twice), so a scene
    /// stays on its step and a check keeps its answer.
    private mutating func relocalize() -> Command<Message> {
        let events = replayLog
        let start = rebuildEmbedded()
        guard let events, var box = embeddedBox else { return start }
        for (event, count) in events {
            for _ in 0..<count { _ = box.update(event) }
        }
        embeddedBox = box
        replayLog = events
        noteCheck()
        return .batch([start, resizeEmbedded()])
    }

    /// Adds an event to the replay log (equal events in a row are counted, not repeated).
    private mutating func log(_ event: ScreenMessage) {
        guard var events = replayLog else { return }
        replayLog = nil  // no copy while appending
        if let last = events.last, last.event == event {
            events[events.count - 1].count += 1
        } else {
            events.append((event, 1))
        }
        replayLog = events.count <= Self.replayLimit ? events : nil
    }

    @discardableResult
    private mutating func resizeEmbedded() -> Command<Message> {
        let rect = embedRect(in: Rect(x: 0, y: 0, width: areaSize.width, height: areaSize.height))
        guard var box = embeddedBox else { return .none }
        let command = box.update(.resize(width: rect.width, height: rect.height))
        embeddedBox = box
        log(.resize(width: rect.width, height: rect.height))
        return wrap(command)
    }

    public var tickInterval: Duration? { isComplete ? nil : isAutoPlaying ? Self.paces[paceIndex] : embedded?.tickInterval }

    /// The size the step needs: the block's beside the prose (the same constraints `layout`
    /// splits with), below the step's title; at least 20 rows.
    public var contentSize: (width: Int, height: Int) {
        let inner: (width: Int, height: Int) = embedded?.contentSize ?? (0, 0)
        let prose = proseWidth(total: 120)
        return (Self.besideProse(prose).required(for: [prose, 1, inner.width]),
                max(Self.frame.required(for: [0, inner.height]), 20))
    }

    // MARK: Layout

    /// Columns of the prose panel beside a block.
    func proseWidth(total: Int) -> Int {
        guard step.block != nil else { return total }
        let share = isPresenting ? total * 30 / 100 : total * 36 / 100
        return min(max(share, 24), 46)
    }

    /// The step's title and a blank row, then the body.
    static let frame = Layout.vertical([.length(2), .fill(1)])
    /// Prose, a divider column, the block.
    static func besideProse(_ columns: Int) -> Layout { .horizontal([.length(columns), .length(1), .fill(1)]) }
    /// Prose, a divider row, the block.
    static func belowProse(_ rows: Int) -> Layout { .vertical([.length(rows), .length(1), .fill(1)]) }
    /// Rows the prose keeps above a block that needs the rest (one of text and the
    /// "↓ more: Ctrl-D" marker).
    static let minimumProseRows = 2

    /// Where the prose and the block go: side by side when the block's content fits beside
    /// the prose, else the prose above and the block below at full width. Stacked, a block
    /// that draws grids gets the fewest rows that show every cell of them (`blockRows`) and
    /// the prose the rest (scrolled with a "more" marker when it does not fit); any other
    /// block gets what the prose leaves, the prose at most 40 % of the rows.
    struct Placement {
        let prose: Rect
        let divider: Rect
        let embed: Rect
        let sideBySide: Bool
    }

    func layout(in area: Rect) -> Placement {
        let body = Self.frame.split(area)[1]
        guard step.block != nil else {
            let none = Rect(x: body.x, y: body.maxY, width: 0, height: 0)
            return Placement(prose: body, divider: none, embed: none, sideBySide: false)
        }
        let prose = proseWidth(total: body.width)
        let wanted = embedded?.contentSize.width ?? 0
        if wanted <= body.width - prose - 1 {
            let parts = Self.besideProse(prose).split(body)
            return Placement(prose: parts[0], divider: parts[1], embed: parts[2], sideBySide: true)
        }
        let margin = isPresenting ? 2 : 1
        let textWidth = max(1, body.width - 2 * margin)
        let rows = Text(lines: proseParagraphs).height(forWidth: textWidth) + max(0, proseParagraphs.count - 1)
        let proseRows: Int
        if let need = blockRows(width: body.width, limit: body.height - 1 - Self.minimumProseRows) {
            proseRows = min(rows, max(Self.minimumProseRows, body.height - 1 - need))
        } else {
            proseRows = min(rows, max(2, body.height * 2 / 5))
        }
        let parts = Self.belowProse(proseRows).split(body)
        return Placement(prose: parts[0], divider: parts[1], embed: parts[2], sideBySide: false)
    }

    /// The fewest rows (at most `limit`) at which the embedded screen, `width` columns wide,
    /// shows every cell of every grid it draws — found by drawing it off-screen and reading
    /// the buffer's `drawnParts`; `limit` when no height does. Nil when it draws no grid at
    /// `limit` rows (a quiz, a model summary).
    func blockRows(width: Int, limit: Int) -> Int? {
        guard let embedded, limit > 0, width > 0 else { return nil }
        func whole(_ rows: Int) -> Bool? {
            var sheet = Buffer(width: width, height: rows)
            embedded.render(into: &sheet, area: sheet.area)
            return sheet.drawnParts.isEmpty ? nil : sheet.drawnParts.allSatisfy(\.isWhole)
        }
        guard let fitsAtLimit = whole(limit) else { return nil }
        guard fitsAtLimit else { return limit }
        var (low, high) = (0, limit)  // whole at `high`
        while low < high {
            let mid = (low + high) / 2
            if whole(mid) == true { high = mid } else { low = mid + 1 }
        }
        return high
    }

    /// Where the embedded screen draws, within the lesson's area.
    func embedRect(in area: Rect) -> Rect { layout(in: area).embed }

    public var cursor: (x: Int, y: Int)? {
        if let jumpField { return (1 + displayWidth(jumpLabel) + jumpField.cursorColumn, 1) }
        guard !isComplete, let c = embedded?.cursor else { return nil }
        let rect = embedRect(in: Rect(x: 0, y: 0, width: areaSize.width, height: areaSize.height))
        return (rect.x + c.x, rect.y + c.y)
    }

    var jumpLabel: String { Localized(en: "go to step (1–\(lesson.steps.count)): ", ko: "이동할 단계 (1–\(lesson.steps.count)): ")[language] }
}
