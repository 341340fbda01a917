import CNN
import Explorer
import Foundation
import Synchronization
import Terminal
import Testing

/// A training handle that records what the dashboard asked for.
final class RecordingHandle: TrainingHandle, @unchecked Sendable {
    let calls = Mutex<[String]>([])
    let pending = Mutex<[TrainingUpdate]>([])
    func drain() -> [TrainingUpdate] { pending.withLock { p in defer { p.removeAll() }; return p } }
    func setPaused(_ paused: Bool) { calls.withLock { $0.append(paused ? "pause" : "resume") } }
    func stop() { calls.withLock { $0.append("stop") } }
    func requestSave() { calls.withLock { $0.append("save") } }
    func scaleLearningRate(by factor: Float) { calls.withLock { $0.append("lr×\(factor)") } }
    /// What `epochsTrained` reports (set by a test).
    let trained = Mutex<Double>(0)
    var epochsTrained: Double { trained.withLock { $0 } }
    func saveAfterEnd() -> TrainingUpdate {
        calls.withLock { $0.append("save after end") }
        let t = epochsTrained
        return .saved(path: "/tmp/run.safetensors", epoch: Int(t.rounded(.up)), batch: nil, epochsTrained: t)
    }
    /// The dashboard's subscription, while it is subscribed.
    let sink = Mutex<(@Sendable (TrainingUpdate) -> Void)?>(nil)
    func subscribe(_ send: @escaping @Sendable (TrainingUpdate) -> Void) -> @Sendable () -> Void {
        sink.withLock { $0 = send }
        return { [weak self] in self?.sink.withLock { $0 = nil } }
    }
    /// Sends updates as the training thread would.
    func emit(_ updates: [TrainingUpdate]) {
        let send = sink.withLock { $0 }
        for update in updates { send?(update) }
    }
    var isSubscribed: Bool { sink.withLock { $0 != nil } }
}

/// Synthetic training events, so the dashboard is tested without training.
enum DashboardFixture {
    static let info = DashboardInfo(
        model: "small", layers: [], parameters: 5258, dataset: "MNIST", classNames: (0..<10).map(String.init),
        trainCount: 3000, testCount: 1000, optimizer: "rmsprop", batchSize: 64, epochs: 3)

    /// A 28×28 picture of a vertical bar (the digit 1) or a ring (0).
    static func digit(_ label: Int) -> [Float] {
        (0..<784).map { i in
            let (r, c) = (i / 28, i % 28)
            if label == 1 { return (6...21).contains(r) && (13...14).contains(c) ? 1 : 0 }
            let d = (Double(r) - 13.5) * (Double(r) - 13.5) + (Double(c) - 13.5) * (Double(c) - 13.5)
            return d > 30 && d < 60 ? 1 : 0
        }
    }

    /// Epoch 1 done (test 91.5 %), epoch 2 at batch 20 of 47; 60 curve points; a snapshot.
    static var updates: [TrainingUpdate] {
        var u: [TrainingUpdate] = [.learningRate(0.001)]
        for step in 1...60 {
            let t = Double(step) / 60
            u.append(.curve(step: step, loss: 2.3 * exp(-3 * t) + 0.2, accuracy: 0.1 + 0.85 * (1 - exp(-4 * t))))
        }
        u.append(.epoch(EpochResult(epoch: 1, loss: 0.8123, accuracy: 0.7411, testLoss: 0.3012, testAccuracy: 0.915, seconds: 4.2)))
        u.append(.progress(TrainingProgress(epoch: 2, epochs: 3, batch: 20, batches: 47, loss: 0.2871, accuracy: 0.9133,
                                            samplesPerSecond: 5120, seconds: 0.25)))
        let predictions = [DigitPrediction(pixels: digit(1), height: 28, width: 28, label: 1, predicted: 1, confidence: 0.98),
                           DigitPrediction(pixels: digit(0), height: 28, width: 28, label: 0, predicted: 6, confidence: 0.55)]
        let filters = FilterBank(layer: "conv2d", kernelHeight: 3, kernelWidth: 3,
                                 kernels: (0..<8).map { f in (0..<9).map { Float(($0 + f) % 5) - 2 } })
        let maps = FeatureMaps(layer: "conv2d", height: 26, width: 26, maps: (0..<8).map { f in (0..<676).map { Float(($0 / 26 + f) % 7) } })
        u.append(.snapshot(TrainingSnapshot(predictions: predictions, filters: filters, featureMaps: [maps], step: 67)))
        var confusion = ConfusionMatrix(classes: 10)
        for k in 0..<10 { confusion.counts[k][k] = 90 + k }
        confusion.counts[4][9] = 7
        u.append(.confusion(confusion))
        return u
    }

    static func screen(language: Language = .en, handle: RecordingHandle? = nil) -> DashboardScreen {
        var s = DashboardScreen(info: info, handle: handle, language: language)
        s.receive(updates)
        return s
    }

    static func lines(_ screen: DashboardScreen, width: Int = 80, height: Int = 24, charset: Charset = .unicode) -> [String] {
        var app = ExplorerApp(screens: [screen], language: screen.language)
        return drive(&app, events: [], size: (width, height), charset: charset).lines
    }
}

@Suite("Training dashboard")
struct DashboardTests {
    @Test func overviewAt80x24() {
        let lines = DashboardFixture.lines(DashboardFixture.screen())
        print(lines.joined(separator: "\n"))
        // Whole screen: header, progress bar with ETA and speed, both charts with axes and
        // labels (0 to 3 epochs), the epoch table, the footer.
        #expect(lines == [
            " Stride · Training small on MNIST                                  overview 1/4",
            "small · 5,258 params · MNIST 3,000/1,000 · rmsprop lr 0.001 · batch 64",
            "Epoch 2/3 ████████████▊░░░░░░░░░░░░░░░░░  43%  20/47  ETA 0:00  5,120 samples/s",
            "loss 0.2871  accuracy 91.33%",
            "",
            "loss ━ train  ━ test                     accuracy ━ train  ━ test",
            "2.51│⢄                                   100%│",
            "    │⠸⡀                                      │        ⢀⡤⠖●⠉⠉⠉",
            "    │ ⢇                                      │      ⣠⠞⠁",
            "    │ ⠘⡄                                     │     ⡜⠁",
            "    │  ⠱⡀                                    │    ⡜",
            "1.25│   ⢣                                 57%│   ⡸",
            "    │    ⢣⡀                                  │  ⢰⠁",
            "    │     ⠣⡀                                 │  ⡎",
            "    │      ⠙⢦⡀                               │ ⢸",
            "    │        ⠈⠳⢤⣀                            │ ⡇",
            "    │           ●⠉⠑⠒                         │⢰⠁",
            "   0│                                     15%│⡜",
            "    └───────────┴──────────┴───────────      └───────────┴──────────┴───────────",
            "     0          1          2   3 epochs       0          1          2   3 epochs",
            "",
            "    Epoch       loss   accuracy  test loss  test acc.       time",
            "        1     0.8123     74.11%     0.3012     91.50%      4.2 s",
            "p pause/resume  s save  +/- learning rate  Tab view  l log loss  ? help  q quit",
        ])
        // The curves are drawn in braille, and the loss falls: its first dot is higher than its last.
        let braille = lines[6..<18].map { $0.unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }.count }
        #expect(braille.reduce(0, +) > 40)
    }

    @Test func koreanOverviewFits() {
        let lines = DashboardFixture.lines(DashboardFixture.screen(language: .ko))
        print(lines.joined(separator: "\n"))
        #expect(lines[0].contains("MNIST 데이터로 small 모델 학습") && lines[0].hasSuffix("개요 1/4"))
        #expect(lines[2].hasPrefix("에포크 2/3 ") && lines[2].contains("샘플/초"))
        #expect(lines[3] == "손실 0.2871  정확도 91.33%")
        #expect(lines.contains { $0.contains("에포크") && $0.contains("테스트 정확도") })
        #expect(lines.allSatisfy { displayWidth($0) <= 80 })
    }

    @Test func predictionsMarkTheWrongOnes() {
        var s = DashboardFixture.screen()
        _ = s.update(.key(.tab))
        let lines = DashboardFixture.lines(s)
        print(lines.joined(separator: "\n"))
        #expect(lines[0].hasSuffix("predictions 2/4"))
        #expect(lines.contains { $0.contains("1 ✓ 98%") && $0.contains("0→6 ✗ 55%") })
        // The bar of the 1 is drawn with full blocks in the middle columns of its picture.
        #expect(lines[5...12].contains { $0.contains("█") })
    }

    @Test func confusionViewAt80x24AndBesideThePredictionsWhenWide() {
        var s = DashboardFixture.screen()
        _ = s.update(.key(.tab))
        _ = s.update(.key(.tab))
        let lines = DashboardFixture.lines(s)
        print(lines.joined(separator: "\n"))
        #expect(lines[5] == "Confusion (952 test images, 99.26% right)")
        #expect(lines[7] == "         0    1    2    3    4    5    6    7    8    9")
        #expect(lines[12] == "   4     ·    ·    ·    ·   94    ·    ·    ·    ·    7")
        var wide = DashboardFixture.screen()
        _ = wide.update(.key(.tab))
        let wideLines = DashboardFixture.lines(wide, width: 140, height: 40)
        #expect(wideLines.contains { $0.contains("1 ✓ 98%") } && wideLines.contains { $0.contains("Confusion (952 test images") })
    }

    @Test func filtersAndFeatureMaps() {
        var s = DashboardFixture.screen()
        for _ in 0..<3 { _ = s.update(.key(.tab)) }
        let lines = DashboardFixture.lines(s)
        print(lines.joined(separator: "\n"))
        #expect(lines[0].hasSuffix("filters 4/4"))
        #expect(lines[5] == "conv2d: 8 kernels 3×3 (black −2, grey 0, white +2)")
        #expect(lines[6].hasPrefix("▀▀▀▀▀▀ ▀▀▀▀▀▀ "))
        #expect(lines[9].hasPrefix("conv2d: 8 maps 26×26 for a test 1"))
    }

    @Test func keysReachTheRunAndStopWhenItIsOver() {
        let handle = RecordingHandle()
        var app = ExplorerApp(screens: [DashboardFixture.screen(handle: handle)], runtime: CommandRuntime(mode: .inline))
        _ = drive(&app, events: [Key.char("p"), .char("p"), .char("s"), .char("+"), .char("-")].map { .key($0) }, size: (80, 24))
        #expect(handle.calls.withLock { $0 } == ["pause", "resume", "save", "lr×2.0", "lr×0.5"])
        handle.emit([.learningRate(0.002), .finished(TrainingSummary(
            epochs: 3, loss: 0.2, accuracy: 0.95, testLoss: 0.25, testAccuracy: 0.93, trainSeconds: 12, samplesPerSecond: 5000, stopped: false))])
        _ = drive(&app, events: [.wake, .key(.char("p"))], size: (80, 24))
        let s = app.top as! DashboardScreen
        #expect(s.state.learningRate == 0.002)
        #expect(handle.calls.withLock { $0.count } == 5, "a finished run takes no more commands")
        let lines = DashboardFixture.lines(s)
        #expect(lines[4] == "finished: 3 epochs, test accuracy 93.00% — q quits")
        #expect(lines[1].contains("lr 0.002"))
        #expect(lines[23] == "s save  Tab view  l log loss  z last epochs  ? help  q quit", "s still saves after the end")
    }

    /// After the end, s saves (off the UI thread, as a command) and says where; q on a model
    /// that is not saved asks first — n stays, s pressed at the question saves, then q quits.
    @Test func aFinishedRunIsSavedOnSAndQAsksWhileUnsaved() {
        for language in [Language.en, .ko] {
            let handle = RecordingHandle()
            handle.trained.withLock { $0 = 3 }
            var app = ExplorerApp(screens: [DashboardFixture.screen(language: language, handle: handle)], language: language,
                                  runtime: CommandRuntime(mode: .inline))
            handle.emit([.finished(TrainingSummary(epochs: 3, loss: 0.2, accuracy: 0.95, testLoss: 0.25, testAccuracy: 0.93,
                                                   trainSeconds: 12, samplesPerSecond: 5000, stopped: false))])
            var lines = drive(&app, events: [.wake], size: (80, 24)).lines
            #expect(lines[4] == (language == .en ? "finished: 3 epochs, test accuracy 93.00% — s saves, q quits"
                                                 : "완료: 에포크 3회, 테스트 정확도 93.00% — s: 저장, q: 끝내기"), "\(lines)")
            // q asks; n stays.
            #expect(app.handle(.key(.char("q"))) != .quit && app.pendingLeave == .quit)
            var result = drive(&app, events: [], size: (80, 24))
            let question = language == .en ? "The trained model is not saved (s saves it). Quit anyway? y quit · n stay"
                                           : "모델을 아직 저장하지 않았습니다 (s: 저장). 끝낼까요? y 예 · n 아니요"
            #expect(result.lines[22] == " " + question, "\(result.lines)")
            #expect(app.handle(.key(.char("n"))) != .quit)
            result = drive(&app, events: [], size: (80, 24))
            #expect(app.pendingLeave == nil && !result.lines[22].contains("y "))
            // q, then s at the question: stays, and the save runs (inline runtime) and is shown.
            _ = drive(&app, events: [.key(.char("q"))], size: (80, 24))
            lines = drive(&app, events: [.key(.char("s")), .wake], size: (80, 24)).lines
            #expect(handle.calls.withLock { $0 } == ["save after end"])
            #expect(lines[5].contains(language == .en ? "saved (epoch 3) to /tmp/run.safetensors" : "저장했습니다 (에포크 3): /tmp/run.safetensors"),
                    "\(lines)")
            #expect(lines[4].hasSuffix(language == .en ? "— q quits" : "— q: 끝내기"), "saved: the phase no longer offers s first")
            // Saved: q quits at once.
            #expect(app.handle(.key(.char("q"))) == .quit)
        }
    }

    /// A finished five-epoch run whose loss falls from 1.74 to about 0.05: on the linear axis
    /// epochs 2–5 lie on the floor; l spreads them over the chart on a log scale, z shows the
    /// last two epochs only, and the x axis is labelled at every epoch. Every test point (●)
    /// stays visible over the train line.
    @Test func logScaleAndZoomShowTheLateEpochs() {
        var info = DashboardFixture.info
        info.epochs = 5
        var s = DashboardScreen(info: info, handle: nil)
        var updates: [TrainingUpdate] = []
        for step in 1...235 {
            let t = Double(step) / 47
            updates.append(.curve(step: step, loss: 1.74 * exp(-3 * t) + 0.03, accuracy: 1 - 0.9 * exp(-3 * t)))
        }
        for epoch in 1...5 {
            let t = Double(epoch)
            updates.append(.epoch(EpochResult(epoch: epoch, loss: 0.1, accuracy: 0.9, testLoss: 1.74 * exp(-3 * t) + 0.06,
                                              testAccuracy: 1 - 0.9 * exp(-3 * t) - 0.01, seconds: 1)))
        }
        s.receive(updates + [.finished(TrainingSummary(epochs: 5, loss: 0.05, accuracy: 0.99, testLoss: 0.06, testAccuracy: 0.98,
                                                       trainSeconds: 5, samplesPerSecond: 3000, stopped: false))])
        /// Rows of the loss chart (left half) holding braille dots, and its ● markers.
        /// (rows: of epochs 2–5, right of column 21, on which the curves have dots.)
        func lossChart(_ screen: DashboardScreen) -> (rows: Int, markers: Int, axis: String) {
            let lines = DashboardFixture.lines(screen)
            let chart = lines[6..<15].map { String($0.prefix(40)) }
            let rows = chart.filter { $0.dropFirst(21).unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) || $0 == "●" } }.count
            let markers = chart.map { $0.filter { $0 == "●" }.count }.reduce(0, +)
            let axisRow = (lines.firstIndex { $0.contains("└") } ?? 0) + 1
            let axis = String(lines[axisRow].prefix(40))
            return (rows, markers, String(axis.reversed().drop { $0 == " " }.reversed()))
        }
        let linear = lossChart(s)
        #expect(linear.axis.contains(" 1 ") && linear.axis.contains(" 3 ") && linear.axis.hasSuffix("5 epochs"), "\(linear.axis)")
        #expect(linear.markers == 5, "every test point is drawn")
        _ = s.update(.key(.char("l")))
        let log = lossChart(s)
        #expect(DashboardFixture.lines(s)[5].hasPrefix("loss (log) ━ train  ━ test"))
        #expect(linear.rows <= 2 && log.rows >= 3, "epochs 2–5 use \(linear.rows) rows on the linear axis, \(log.rows) on the log one")
        #expect(log.markers == 5)
        _ = s.update(.key(.char("z")))
        let zoomed = lossChart(s)
        #expect(zoomed.axis.hasPrefix("      3 ") && zoomed.axis.contains(" 4 ") && zoomed.axis.hasSuffix("5 epochs"), "\(zoomed.axis)")
        #expect(zoomed.markers == 3, "epochs 3, 4 and 5 (\(zoomed.markers))")
    }

    /// At 100×30 not every test digit or feature map fits: the view says how many more there
    /// are and PgDn shows them (every one is reachable), in both languages.
    @Test func digitsAndMapsThatDoNotFitAreCountedAndPaged() {
        let predictions = (0..<12).map { k in
            DigitPrediction(pixels: DashboardFixture.digit(k % 2), height: 28, width: 28, label: k % 10, predicted: k % 10, confidence: 0.9)
        }
        let maps = FeatureMaps(layer: "conv2d", height: 26, width: 26, maps: (0..<32).map { f in (0..<676).map { Float(($0 / 26 + f) % 7) } })
        let snapshot = TrainingSnapshot(predictions: predictions, filters: nil, featureMaps: [maps], step: 9)
        for language in [Language.en, .ko] {
            var s = DashboardFixture.screen(language: language)
            s.receive([.snapshot(snapshot)])
            for view in 1...3 where view != 2 {
                var screen = s
                for _ in 0..<view { _ = screen.update(.key(.tab)) }
                let total = view == 1 ? 12 : 32
                var seen = 0, pages = 0
                repeat {
                    let lines = DashboardFixture.lines(screen, width: 100, height: 30)
                    let pattern = language == .en ? #"(\d+)–(\d+) of \#(total)"# : #"\#(total)개 중 (\d+)–(\d+)"#
                    guard let line = lines.first(where: { $0.range(of: pattern, options: .regularExpression) != nil }),
                          let range = line.range(of: pattern, options: .regularExpression) else {
                        Issue.record("view \(view) (\(language)) does not say how many more:\n\(lines.joined(separator: "\n"))"); break
                    }
                    let numbers = line[range].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
                    guard numbers.count == 3 else { Issue.record("\(line)"); break }
                    let (from, to) = language == .en ? (numbers[0], numbers[1]) : (numbers[1], numbers[2])
                    #expect(from == seen + 1, "pages follow each other: \(line)")
                    if to < total { #expect(line.contains(language == .en ? "\(total - to) more → PgDn" : "\(total - to)개 더 → PgDn"), "\(line)") }
                    seen = to
                    pages += 1
                    _ = screen.update(.key(.pageDown))
                } while seen < total && pages < 10
                #expect(seen == total, "every item is reachable (view \(view), \(language))")
                #expect(pages >= 2)
            }
        }
    }

    /// A run opened from home or a lesson says the key that really leaves it (Esc), asks on Esc
    /// while unsaved, and y goes back.
    @Test func aLaunchedRunSaysEscAndAsksOnEsc() {
        let handle = RecordingHandle()
        handle.trained.withLock { $0 = 0.37 }
        var dashboard = DashboardScreen(info: DashboardFixture.info, handle: handle, leaveKey: .back)
        dashboard.receive(DashboardFixture.updates + [.stopped])
        var app = ExplorerApp(screens: [HomeScreen(registry: .builtIn), dashboard], runtime: CommandRuntime(mode: .inline))
        var result = drive(&app, events: [], size: (80, 24))
        #expect(result.lines[4] == "stopped — s saves, Esc goes back", "\(result.lines)")
        result = drive(&app, events: [.key(.escape)], size: (80, 24))
        #expect(app.stack.count == 2 && result.lines[22].contains("Go back anyway? y back · n stay"))
        result = drive(&app, events: [.key(.char("y"))], size: (80, 24))
        #expect(app.stack.count == 1, "y goes back")
    }

    /// A save after a stopped run records the fraction of the epoch it got to.
    @Test func savedNoticeSaysHowFarTheRunGot() {
        func notice(_ path: String, _ epoch: Int, _ batch: Int?, _ trained: Double) -> String? {
            var state = DashboardState(info: DashboardFixture.info)
            state.apply(.saved(path: path, epoch: epoch, batch: batch, epochsTrained: trained))
            return state.notice
        }
        #expect(notice("p", 1, nil, 0.37) == "saved (0.37 epochs) to p")
        #expect(notice("p", 2, 40, 1.4) == "saved (epoch 2, batch 40) to p")
        #expect(notice("p\u{1b}[2J", 3, nil, 3)?.contains("\u{1b}") == false, "a path is sanitised")
    }

    @Test func escFromTheDashboardStopsItsRun() {
        let handle = RecordingHandle()
        var app = ExplorerApp(screens: [HomeScreen(registry: .builtIn), DashboardFixture.screen(handle: handle)])
        #expect(handle.isSubscribed, "the dashboard subscribes to its run when it opens")
        _ = drive(&app, events: [.key(.escape)], size: (80, 24))
        #expect(app.stack.count == 1)
        #expect(handle.calls.withLock { $0 } == ["stop"])
        #expect(!handle.isSubscribed, "leaving ends the subscription")
        var quitting = ExplorerApp(screens: [DashboardFixture.screen(handle: handle)])
        quitting.closeAll()
        #expect(handle.calls.withLock { $0 } == ["stop", "stop"])
    }

    /// Progress floods coalesce in the runtime's inbox: 500 reports arrive as the newest one.
    @Test func updatesArriveThroughTheSubscriptionAndCoalesce() {
        let handle = RecordingHandle()
        let runtime = CommandRuntime(mode: .inline)
        var app = ExplorerApp(screens: [DashboardScreen(info: DashboardFixture.info, handle: handle)], runtime: runtime)
        #expect((app.top as! DashboardScreen).tickInterval == .milliseconds(100))
        handle.emit((1...500).map { .progress(TrainingProgress(epoch: 1, epochs: 3, batch: $0, batches: 500, loss: 2, accuracy: 0.2,
                                                                samplesPerSecond: 100, seconds: 1)) })
        #expect(runtime.inbox.count == 1)
        _ = drive(&app, events: [.wake], size: (80, 24))
        let s = app.top as! DashboardScreen
        #expect(s.state.progress?.batch == 500 && s.state.phase == .running)
    }

    @Test func divergenceIsShownNotCrashed() {
        var s = DashboardScreen(info: DashboardFixture.info, handle: nil)
        s.receive([.curve(step: 1, loss: 2.3, accuracy: 0.1), .curve(step: 2, loss: .nan, accuracy: 0.1),
                   .diverged(epoch: 1, batch: 2, loss: .nan), .stopped])
        #expect(s.state.phase == .diverged(epoch: 1, batch: 2, loss: .nan) || { if case .diverged = s.state.phase { return true }; return false }())
        let lines = DashboardFixture.lines(s)
        #expect(lines[4].hasPrefix("diverged: loss NaN at epoch 1, batch 2; training stopped"))
    }

    @Test func fitsEverySizeFrom80x24Up() {
        for language in [Language.en, .ko] {
            var s = DashboardFixture.screen(language: language)
            for _ in 0..<4 {
                for (w, h) in [(80, 24), (100, 30), (120, 40), (200, 60)] {
                    let lines = DashboardFixture.lines(s, width: w, height: h)
                    #expect(lines.count == h && lines.allSatisfy { displayWidth($0) <= w })
                    #expect(!lines.contains { $0.contains("too small") })
                }
                _ = s.update(.key(.tab))
            }
        }
    }

    @Test func asciiDrawingWhereTheLocaleIsNotUTF8() {
        let lines = DashboardFixture.lines(DashboardFixture.screen(), charset: .ascii)
        #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(lines[2].contains("#####"))
        #expect(lines.contains { $0.contains("*") && $0.contains("|") })
    }
}
