import CNN
import Terminal

/// The live training dashboard: progress, curves and the epoch table (overview), test
/// digits with predictions and a confusion matrix, and the first layer's filters with
/// feature maps; Tab cycles the views.
///
/// Updates arrive through a subscription to the run (started when the screen opens, stopped
/// when it leaves); tests call `receive` directly.
/// Keys: p pause/resume, s save a checkpoint, + / − learning rate ×2 / ÷2, Tab view,
/// [ / ] feature-map layer. q (the app's) quits; the caller then stops the run. Once the run
/// is over, s still saves (off the UI thread), and leaving with an unsaved model asks first.
public struct DashboardScreen: Screen {
    public enum View: Int, CaseIterable, Sendable { case overview, predictions, confusion, filters }
    /// How the user leaves this dashboard, as its texts say: q quits (`stride train`, the first
    /// screen) or Esc goes back (a run opened from home or a lesson).
    public enum LeaveKey: Sendable { case quit, back }

    public private(set) var state: DashboardState
    public private(set) var view = View.overview
    /// Which spatial layer the filters view shows feature maps of.
    public private(set) var mapLayer = 0
    /// The loss chart on a log scale (l).
    public private(set) var logLoss = false
    /// The charts show only the last two epochs (z).
    public private(set) var zoomed = false
    /// Which page of test digits (predictions view) or feature maps (filters view) is shown,
    /// when they do not all fit (PgDn/PgUp; taken modulo the pages there are).
    public private(set) var page = 0
    public let language: Language
    public let leaveKey: LeaveKey
    private let handle: (any TrainingHandle)?

    public init(info: DashboardInfo, handle: (any TrainingHandle)?, language: Language = .en, leaveKey: LeaveKey = .quit) {
        self.state = DashboardState(info: info, language: language)
        self.handle = handle
        self.language = language
        self.leaveKey = leaveKey
    }

    public typealias Message = TrainingUpdate

    /// Folds in updates (what the subscription's messages do).
    public mutating func receive(_ updates: [TrainingUpdate]) {
        for update in updates { state.apply(update) }
    }

    public var title: String {
        Localized(en: "Training \(state.info.model) on \(state.info.dataset)",
                  ko: "\(state.info.dataset) 데이터로 \(state.info.model) 모델 학습")[language]
    }

    public var status: String {
        let views = [Localized(en: "overview", ko: "개요"), Localized(en: "predictions", ko: "예측"),
                     Localized(en: "confusion", ko: "혼동 행렬"), Localized(en: "filters", ko: "필터")]
        return "\(views[view.rawValue][language]) \(view.rawValue + 1)/\(View.allCases.count)"
    }

    static let pause = KeyBinding([.char("p")], "p", Localized(en: "pause/resume", ko: "일시정지/재개"))
    static let save = KeyBinding([.char("s")], "s", Localized(en: "save", ko: "저장"))
    static let rate = KeyBinding([.char("+"), .char("="), .char("-")], "+/-", Localized(en: "learning rate", ko: "학습률"))
    static let nextView = KeyBinding([.tab], "Tab", Localized(en: "view", ko: "화면"))
    static let layer = KeyBinding([.char("["), .char("]")], "[/]", Localized(en: "feature-map layer", ko: "특성 맵 층"), footer: false)
    static let logScale = KeyBinding([.char("l")], "l", Localized(en: "log loss", ko: "로그 손실"))
    static let zoom = KeyBinding([.char("z")], "z", Localized(en: "last epochs", ko: "최근 에포크"))
    static let more = KeyBinding([.pageDown, .pageUp], "PgDn/PgUp", Localized(en: "more digits or maps", ko: "숫자·특성 맵 더 보기"), footer: false)

    enum Action: Sendable { case pause, save, faster, slower, nextView, nextLayer, previousLayer, logScale, zoom, nextPage, previousPage }

    /// Keys that steer the run (while it runs), then keys that change the view (always).
    static let runKeys = KeyMap<Action>([
        .init(pause.keys, pause.label, pause.help, .pause),
        .init(save.keys, save.label, save.help, .save),
        .init(rate.label, rate.help, [(.char("+"), .faster), (.char("="), .faster), (.char("-"), .slower)]),
    ])
    static let viewKeys = KeyMap<Action>([
        .init(nextView.keys, nextView.label, nextView.help, .nextView),
        .init(layer.label, layer.help, footer: false, [(.char("]"), .nextLayer), (.char("["), .previousLayer)]),
        .init(logScale.keys, logScale.label, logScale.help, .logScale),
        .init(zoom.keys, zoom.label, zoom.help, .zoom),
        .init(more.label, more.help, footer: false, [(.pageDown, .nextPage), (.pageUp, .previousPage)]),
    ])

    /// After the end: s still saves (unless the run diverged or failed), then the view keys.
    static let endKeys = KeyMap<Action>([.init(save.keys, save.label, save.help, .save)])

    var keyMap: KeyMap<Action> {
        guard state.phase.isOver else { return Self.runKeys + Self.viewKeys }
        return canSaveAfterEnd ? Self.endKeys + Self.viewKeys : Self.viewKeys
    }

    /// The run is over with weights worth keeping, and there is a run to save.
    var canSaveAfterEnd: Bool {
        switch state.phase {
        case .finished, .stopped: handle != nil
        default: false
        }
    }

    /// The trained model is not in a checkpoint yet (asked before leaving).
    public var isUnsaved: Bool { handle.map { state.isUnsaved(epochsTrained: $0.epochsTrained) } ?? false }

    public var leaveWarning: Localized? {
        isUnsaved ? Localized(en: "The trained model is not saved (s saves it).", ko: "모델을 아직 저장하지 않았습니다 (s: 저장).") : nil
    }

    public var bindings: [KeyBinding] { keyMap.bindings }

    /// Subscribes to the run's updates.
    public func start() -> Command<TrainingUpdate> {
        guard let handle else { return .none }
        return .subscribe(Subscription(id: "training", coalescingKey: { $0.coalescingKey }) { send in
            handle.subscribe(send)
        })
    }

    public mutating func update(_ message: ScreenEvent<TrainingUpdate>) -> Command<TrainingUpdate> {
        switch message {
        case .own(let update):
            state.apply(update)
        case .key(let key):
            let count = max(1, state.snapshot?.featureMaps.count ?? 1)
            switch keyMap.action(for: key) {
            case .nextView: view = View(rawValue: (view.rawValue + 1) % View.allCases.count) ?? .overview; page = 0
            case .nextLayer: mapLayer = (mapLayer + 1) % count; page = 0
            case .previousLayer: mapLayer = (mapLayer + count - 1) % count; page = 0
            case .nextPage: page += 1
            case .previousPage: page = max(0, page - 1)
            case .logScale: logLoss.toggle()
            case .zoom: zoomed.toggle()
            case .pause:
                let pause = state.phase != .paused
                handle?.setPaused(pause)
                state.phase = pause ? .paused : .running
            case .save:
                guard let handle else { break }
                if state.phase.isOver {
                    state.notice = Localized(en: "saving…", ko: "저장하는 중…")[language]
                    return .perform { handle.saveAfterEnd() }
                }
                handle.requestSave()
                state.notice = Localized(en: "saving at the next batch…", ko: "다음 배치에서 저장합니다…")[language]
            case .faster: handle?.scaleLearningRate(by: 2)
            case .slower: handle?.scaleLearningRate(by: 0.5)
            case nil: break
            }
        default: break
        }
        return .none
    }

    public var contentSize: (width: Int, height: Int) { (78, 22) }

    /// Ten frames a second while training runs (the clock and ETA move between updates).
    public var tickInterval: Duration? { state.phase.isOver ? nil : .milliseconds(100) }

    public func didClose() { handle?.stop() }

    /// Draws the current view; in an area smaller than `contentSize` its fixed-size pictures
    /// are cut at the area's edges (`renderCropped`) rather than drawn outside it.
    public func render(into buffer: inout Buffer, area: Rect) {
        guard area.width > 0, area.height > 0 else { return }
        let need = contentSize
        if area.width >= need.width && area.height >= need.height { return renderView(into: &buffer, area: area) }
        buffer.renderCropped(into: area, room: (need.width + 20, need.height + 10)) { renderView(into: &$0, area: $1) }
    }

    private func renderView(into buffer: inout Buffer, area: Rect) {
        switch view {
        case .overview: renderOverview(into: &buffer, area: area)
        case .predictions: renderPredictions(into: &buffer, area: area)
        case .confusion:
            let top = renderHeader(into: &buffer, area: area)
            renderConfusion(into: &buffer, area: area.inset(top: top))
        case .filters: renderFilters(into: &buffer, area: area)
        }
    }
}
