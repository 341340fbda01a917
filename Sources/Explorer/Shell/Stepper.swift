import Terminal

/// Step-through state shared by every stepped scene: the step in `0...count`, play/pause
/// and the auto-advance speed. Step 0 is "nothing computed yet"; step `count` is the end.
public struct Stepper: Sendable, Equatable {
    public private(set) var step = 0
    public private(set) var count: Int
    public private(set) var isPlaying = false
    /// Index into `speeds`.
    public private(set) var speedIndex = 2

    /// Auto-advance intervals, slowest first.
    public static let speeds: [Duration] = [.seconds(2), .seconds(1), .milliseconds(600), .milliseconds(300), .milliseconds(120)]

    public init(count: Int, step: Int = 0) {
        self.count = max(0, count)
        self.step = min(max(0, step), self.count)
    }

    public static let next = KeyBinding([.right, .char("l")], "→/l", Localized(en: "next", ko: "다음"))
    public static let previous = KeyBinding([.left, .char("h")], "←/h", Localized(en: "prev", ko: "이전"))
    public static let first = KeyBinding([.home, .char("g")], "g", Localized(en: "first", ko: "처음"), footer: false)
    public static let last = KeyBinding([.end, .char("G")], "G/End", Localized(en: "all", ko: "전체"))
    public static let play = KeyBinding([.space], "space", Localized(en: "play", ko: "재생"))
    public static let faster = KeyBinding([.char("+"), .char("=")], "+", Localized(en: "faster", ko: "빠르게"), footer: false)
    public static let slower = KeyBinding([.char("-"), .char("_")], "-", Localized(en: "slower", ko: "느리게"), footer: false)

    /// What the stepper's keys do.
    public enum Action: Sendable { case next, previous, first, last, play, faster, slower }

    /// The stepper's keys and their actions (the footer and help come from here).
    public static let keyMap = KeyMap<Action>([
        .init(next.keys, next.label, next.help, .next),
        .init(previous.keys, previous.label, previous.help, .previous),
        .init(first.keys, first.label, first.help, footer: false, .first),
        .init(last.keys, last.label, last.help, .last),
        .init(play.keys, play.label, play.help, .play),
        .init(faster.keys, faster.label, faster.help, footer: false, .faster),
        .init(slower.keys, slower.label, slower.help, footer: false, .slower),
    ])

    /// The stepper's keys, for a screen's `bindings`.
    public static let bindings: [KeyBinding] = keyMap.bindings

    /// Whether the end is reached (every output shown).
    public var isAtEnd: Bool { step == count }

    /// Handles the stepper's keys and ticks; returns false for anything else.
    public mutating func handle(_ message: ScreenMessage) -> Bool {
        switch message {
        case .tick:
            guard isPlaying else { return false }
            step = min(step + 1, count)
            if step == count { isPlaying = false }
            return true
        case .key(let key):
            guard let action = Self.keyMap.action(for: key) else { return false }
            perform(action)
            return true
        default:
            return false
        }
    }

    /// Does what a stepper key asks.
    public mutating func perform(_ action: Action) {
        switch action {
        case .next: step = min(step + 1, count)
        case .previous: step = max(step - 1, 0)
        case .first: step = 0
        case .last: step = count; isPlaying = false
        case .play:
            isPlaying.toggle()
            if isPlaying && step == count { step = 0 }
        case .faster: speedIndex = min(speedIndex + 1, Self.speeds.count - 1)
        case .slower: speedIndex = max(speedIndex - 1, 0)
        }
    }

    /// Jumps to `step` (clamped), stopping playback.
    public mutating func set(step: Int) {
        self.step = min(max(0, step), count)
        isPlaying = false
    }

    /// A new count (e.g. the scene's settings changed); the step is clamped.
    public mutating func reset(count: Int, step: Int = 0) {
        self.count = max(0, count)
        set(step: step)
    }

    public var tickInterval: Duration? { isPlaying ? Self.speeds[speedIndex] : nil }

    /// `step 3/9`, plus `▶ 600ms` while playing.
    public func status(_ language: Language) -> String {
        let word = Localized(en: "step", ko: "단계")[language]
        let playing = isPlaying ? "▶ \(formatSeconds(Self.speeds[speedIndex]))  " : ""
        return "\(playing)\(word) \(step)/\(count)"
    }
}

/// `1.5s`, `600ms`.
func formatSeconds(_ d: Duration) -> String {
    let ms = Int(d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000)
    if ms >= 1000 { return ms % 1000 == 0 ? "\(ms / 1000)s" : "\(ms / 1000).\(ms % 1000 / 100)s" }
    return "\(ms)ms"
}
