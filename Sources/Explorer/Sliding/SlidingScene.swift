import CNN
import Terminal

/// The kernel sliding over the input, one output cell per step.
///
/// State: `step` in `0...count`. Step 0 shows the kernel on the first window with nothing
/// computed; step `k ≥ 1` shows outputs `0..<k` filled and the arithmetic of output `k − 1`.
/// Every number comes from the engine's `ConvTrace`.
public struct SlidingScene: Scene {
    public let trace: ConvTrace
    public let language: Language
    public private(set) var step = 0
    public private(set) var isPlaying = false
    /// Index into `speeds`.
    public private(set) var speedIndex = 2

    /// Auto-advance intervals, slowest first.
    public static let speeds: [Duration] = [.seconds(2), .seconds(1), .milliseconds(600), .milliseconds(300), .milliseconds(120)]

    public init(trace: ConvTrace, language: Language = .en) {
        self.trace = trace
        self.language = language
    }

    /// Number of output cells, i.e. of steps after step 0.
    public var count: Int { trace.steps.count }

    /// The step whose window is shown: output `step − 1`, or the first window at step 0.
    public var currentStep: ConvStep { trace.steps[max(step - 1, 0)] }

    public mutating func update(_ message: SceneMessage) -> SceneCommand {
        switch message {
        case .next: step = min(step + 1, count)
        case .previous: step = max(step - 1, 0)
        case .first: step = 0
        case .last: step = count
        case .togglePlay:
            isPlaying.toggle()
            if isPlaying && step == count { step = 0 }
        case .faster: speedIndex = min(speedIndex + 1, Self.speeds.count - 1)
        case .slower: speedIndex = max(speedIndex - 1, 0)
        case .tick:
            guard isPlaying else { break }
            step = min(step + 1, count)
            if step == count { isPlaying = false }
        case .back: return .close
        case .up, .down, .select, .key: break
        }
        return .none
    }

    public var tickInterval: Duration? { isPlaying ? Self.speeds[speedIndex] : nil }

    public var keyHelp: [KeyHelp] { SlidingStrings.keys }

    public var minimumSize: (width: Int, height: Int) {
        let layout = SlidingLayout(trace: trace)
        return (max(80, layout.width + 1), max(24, layout.height))
    }
}
