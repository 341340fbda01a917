import CNN
import Foundation
import Terminal

/// Text shared by the dashboard's views.
enum DashboardText {
    static let epoch = Localized(en: "Epoch", ko: "에포크")
    static let loss = Localized(en: "loss", ko: "손실")
    static let accuracy = Localized(en: "accuracy", ko: "정확도")
    static let testLoss = Localized(en: "test loss", ko: "테스트 손실")
    static let testAccuracy = Localized(en: "test acc.", ko: "테스트 정확도")
    static let time = Localized(en: "time", ko: "시간")
    static let train = Localized(en: "train", ko: "학습")
    static let test = Localized(en: "test", ko: "테스트")
    static let epochs = Localized(en: "epochs", ko: "에포크")
    static let params = Localized(en: "params", ko: "파라미터")
    static let samplesPerSecond = Localized(en: "samples/s", ko: "샘플/초")
}

/// `0.1234` — four decimals, as Keras logs.
func fixed4(_ v: Double) -> String { v.isFinite ? String(format: "%.4f", v) : (v.isNaN ? "NaN" : "inf") }
/// `96.12%`
func percent(_ v: Double) -> String { v.isFinite ? String(format: "%.2f%%", v * 100) : "NaN" }
/// `1:05` (minutes and seconds), `1:02:05` past an hour.
func clockTime(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "–" }
    let s = Int(seconds.rounded())
    return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
}

extension DashboardScreen {
    /// Series colours: training yellow, test cyan.
    /// Orange (#d75f00; bright red on 16 colours) and blue-violet (#5f5fd7; bright blue): each
    /// ≥ 3:1 against a white and a black terminal, and apart in hue (yellow and cyan vanish on white).
    static let trainStyle = Style(foreground: .indexed(166), bold: true)
    static let testStyle = Style(foreground: .indexed(62), bold: true)

    /// The model, data and optimizer in one line.
    var infoLine: String {
        let i = state.info, l = language
        let rate = state.learningRate.map { " lr \(formatNumber($0, digits: 4))" } ?? ""
        return "\(i.model) · \(groupThousands(i.parameters)) \(DashboardText.params[l]) · \(i.dataset) "
            + "\(groupThousands(i.trainCount))/\(groupThousands(i.testCount)) · \(i.optimizer)\(rate) · batch \(i.batchSize)"
    }

    /// What the run is doing, for the line after the progress bar.
    var phaseText: (String, Style)? {
        let l = language
        switch state.phase {
        case .starting: return (Localized(en: "starting…", ko: "시작하는 중…")[l], Palette.note)
        case .running: return nil
        case .paused: return (Localized(en: "paused — p resumes", ko: "일시정지 — p로 재개")[l], Palette.accent)
        case .finished(let s):
            let acc = s.testAccuracy.map { percent($0) } ?? "–"
            return (Localized(en: "finished: \(counted(s.epochs, "epoch")), test accuracy \(acc) — \(endKeysText[l])",
                              ko: "완료: 에포크 \(s.epochs)회, 테스트 정확도 \(acc) — \(endKeysText[l])")[l], Palette.current)
        case .stopped: return (Localized(en: "stopped — \(endKeysText[l])", ko: "멈춤 — \(endKeysText[l])")[l], Palette.accent)
        case .diverged(let epoch, let batch, let loss):
            return (Localized(en: "diverged: loss \(fixed4(loss)) at epoch \(epoch), batch \(batch); training stopped (try a smaller --learning-rate)",
                              ko: "발산: 에포크 \(epoch), 배치 \(batch)에서 손실 \(fixed4(loss)); 학습을 멈췄습니다 (--learning-rate를 줄여 보세요)")[l], Palette.warning)
        case .failed(let message): return (Localized(en: "failed: \(message)", ko: "실패: \(message)")[l], Palette.warning)
        }
    }

    /// What the keys do once the run is over: the save key while unsaved, and the way out
    /// this dashboard really has (q quits `stride train`; Esc goes back to a lesson or home).
    var endKeysText: Localized {
        let leave = leaveKey == .quit ? Localized(en: "q quits", ko: "q: 끝내기") : Localized(en: "Esc goes back", ko: "Esc: 뒤로")
        guard isUnsaved else { return leave }
        return Localized(en: "s saves, \(leave.en)", ko: "s: 저장, \(leave.ko)")
    }

    /// Rows 0–3 of every view: info, progress bar, running figures, phase or notice.
    /// Returns the rows used.
    func renderHeader(into buffer: inout Buffer, area: Rect) -> Int {
        let l = language, i = state.info
        buffer.write(infoLine, x: area.x, y: area.y, style: Palette.note, maxWidth: area.width)
        let p = state.progress
        let epoch = p?.epoch ?? (i.initialEpoch + 1)
        let label = "\(DashboardText.epoch[l]) \(epoch)/\(i.epochs) "
        var x = area.x + buffer.write(label, x: area.x, y: area.y + 1, style: Palette.heading, maxWidth: area.width)
        let fraction = p?.fraction ?? 0
        let tail: String = {
            var t = String(format: " %3.0f%%  %d/%d", fraction * 100, p?.batch ?? 0, p?.batches ?? i.batchesPerEpoch)
            if let p, !state.phase.isOver {
                if let left = p.secondsLeft, p.batch < p.batches { t += "  ETA \(clockTime(left))" }
                t += "  \(groupThousands(Int(p.samplesPerSecond))) \(DashboardText.samplesPerSecond[l])"
            }
            return t
        }()
        let barWidth = max(4, min(30, area.maxX - x - displayWidth(tail)))
        buffer.render(ProgressBar(fraction: fraction, style: Self.trainStyle), in: Rect(x: x, y: area.y + 1, width: barWidth, height: 1))
        x += barWidth
        buffer.write(tail, x: x, y: area.y + 1, maxWidth: area.maxX - x)
        if let p {
            buffer.write("\(DashboardText.loss[l]) \(fixed4(p.loss))  \(DashboardText.accuracy[l]) \(percent(p.accuracy))",
                         x: area.x, y: area.y + 2, maxWidth: area.width)
        }
        if let (text, style) = phaseText {
            buffer.write(text, x: area.x, y: area.y + 3, style: style, maxWidth: area.width)
            // After the end, a save's notice gets a row of its own (where the checkpoint went).
            if state.phase.isOver, let notice = state.notice, area.height > 12 {
                buffer.write(notice, x: area.x, y: area.y + 4, style: Palette.note, maxWidth: area.width)
                return 5
            }
        } else if let notice = state.notice {
            buffer.write(notice, x: area.x, y: area.y + 3, style: Palette.note, maxWidth: area.width)
        }
        return 4
    }

    func renderOverview(into buffer: inout Buffer, area: Rect) {
        let top = renderHeader(into: &buffer, area: area)
        let tableRows = min(max(state.epochs.count, 1), max(1, area.height / 5)) + 1
        var body = Rect(x: area.x, y: area.y + top, width: area.width, height: area.height - top - tableRows - 1)
        // The compact model summary on the left when there is room for it beside the charts.
        let summary = compactSummary
        let summaryWidth = (summary.map(displayWidth).max() ?? 0) + 2
        if area.width - summaryWidth >= 80, body.height >= summary.count {
            for (k, line) in summary.enumerated() { buffer.write(line, x: body.x, y: body.y + k, style: k == 0 ? Palette.heading : .plain) }
            body = body.inset(left: summaryWidth)
        }
        if body.height >= 5 {
            let charts = body.width >= 70 ? body.splitHorizontally(widths: [nil, nil], spacing: 2) : body.splitVertically(heights: [nil, nil], spacing: 0)
            buffer.render(lossChart, in: charts[0])
            buffer.render(accuracyChart, in: charts[1])
        }
        renderEpochTable(into: &buffer, area: Rect(x: area.x, y: area.maxY - tableRows, width: area.width, height: tableRows))
    }

    /// `layer  output  #` rows and the total, as in a compact Keras summary.
    var compactSummary: [String] {
        let rows = state.info.layers.map { [$0.name, LayerSpec.format($0.outputShape).replacingOccurrences(of: "None, ", with: ""), groupThousands($0.paramCount)] }
        guard !rows.isEmpty else { return [] }
        let w0 = rows.map { displayWidth($0[0]) }.max()!, w1 = rows.map { displayWidth($0[1]) }.max()!, w2 = rows.map { displayWidth($0[2]) }.max()!
        let header = pad(Localized(en: "layer", ko: "층")[language], toWidth: w0) + "  " + pad(Localized(en: "output", ko: "출력")[language], toWidth: w1)
            + "  " + pad("#", toWidth: w2, alignment: .right)
        return [header] + rows.map { pad($0[0], toWidth: w0) + "  " + pad($0[1], toWidth: w1) + "  " + pad($0[2], toWidth: w2, alignment: .right) }
    }

    /// The whole run, in epochs.
    var fullXRange: ClosedRange<Double> { Double(state.info.initialEpoch)...Double(max(state.info.epochs, state.info.initialEpoch + 1)) }

    /// The charts' x range: the whole run, or zoomed (z) the last two epochs reached.
    var chartXRange: ClosedRange<Double> {
        let full = fullXRange
        guard zoomed else { return full }
        let reached = state.curve.last.map { state.epochX(step: $0.step) } ?? full.lowerBound
        let end = min(full.upperBound, max(reached.rounded(.up), full.lowerBound + 1))
        return max(full.lowerBound, end - 2)...end
    }

    /// "epochs" after the last x label, "epoch" when that label is 1.
    var epochsCaption: String {
        chartXRange.upperBound == 1 ? Localized(en: "epoch", ko: "에포크")[language] : DashboardText.epochs[language]
    }

    /// Whole epochs, labelled under the x axis.
    var epochTicks: [Double] {
        let r = chartXRange
        return stride(from: r.lowerBound.rounded(.up), through: r.upperBound, by: 1).map { $0 }
    }

    /// The train series (drawn on top) and the test series (● at each epoch's end), both
    /// limited to the x range shown.
    func series(_ train: (_ loss: Double, _ accuracy: Double) -> Double, _ test: KeyPath<EpochResult, Double?>) -> [ChartSeries] {
        let l = language, shown = chartXRange
        let trainPoints = state.curve.map { ChartPoint(state.epochX(step: $0.step), train($0.loss, $0.accuracy)) }
        return [ChartSeries(name: DashboardText.train[l], points: trainPoints.filter { shown.contains($0.x) }, style: Self.trainStyle, asciiMark: "*"),
                ChartSeries(name: DashboardText.test[l], points: testPoints(test).filter { shown.contains($0.x) }, style: Self.testStyle,
                            asciiMark: "o", marker: "●")]
    }

    var lossChart: LineChart {
        let l = language
        let lines = series({ loss, _ in loss }, \.testLoss)
        let values = lines.flatMap(\.points).map(\.y).filter(\.isFinite)
        let high = min(max(values.max() ?? 1, 0.1), 10)
        var range = 0...high * 1.05
        if logLoss {
            let low = max(values.filter { $0 > 0 }.min() ?? 0.01, 1e-4)
            range = low / 1.2...max(high * 1.2, low * 2)
        }
        var chart = LineChart(series: lines, title: DashboardText.loss[l] + (logLoss ? Localized(en: " (log)", ko: " (로그)")[l] : ""),
                              xRange: chartXRange, yRange: range, xCaption: epochsCaption, xFormat: { formatChartNumber($0) })
        chart.logY = logLoss
        chart.xTicks = epochTicks
        return chart
    }

    var accuracyChart: LineChart {
        let l = language
        let lines = series({ _, accuracy in accuracy }, \.testAccuracy)
        let low = min(lines.flatMap(\.points).map(\.y).filter(\.isFinite).min() ?? 0, 0.9)
        var chart = LineChart(series: lines, title: DashboardText.accuracy[l], xRange: chartXRange,
                              yRange: max(0, (low * 20).rounded(.down) / 20)...1, xCaption: epochsCaption,
                              yFormat: { String(format: "%.0f%%", $0 * 100) })
        chart.xTicks = epochTicks
        return chart
    }

    /// Test figures at each finished epoch (the first at the run's start epoch has none).
    func testPoints(_ value: KeyPath<EpochResult, Double?>) -> [ChartPoint] {
        state.epochs.compactMap { e in e[keyPath: value].map { ChartPoint(Double(e.epoch), $0) } }
    }

    /// The header and the last epochs that fit (`area.height − 1` rows).
    func renderEpochTable(into buffer: inout Buffer, area: Rect) {
        let l = language
        let columns = [DashboardText.epoch[l], DashboardText.loss[l], DashboardText.accuracy[l], DashboardText.testLoss[l],
                       DashboardText.testAccuracy[l], DashboardText.time[l]]
        let widths = columns.map { max(displayWidth($0), 9) }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { pad($0, toWidth: $1, alignment: .right) }.joined(separator: "  ")
        }
        buffer.write(line(columns), x: area.x, y: area.y, style: Palette.heading, maxWidth: area.width)
        let shown = state.epochs.suffix(max(0, area.height - 1))
        if shown.isEmpty {
            buffer.write(Localized(en: "(a row per finished epoch)", ko: "(에포크가 끝날 때마다 한 줄)")[l], x: area.x, y: area.y + 1,
                         style: Palette.note, maxWidth: area.width)
        }
        for (k, e) in shown.enumerated() {
            let cells = ["\(e.epoch)", fixed4(e.loss), percent(e.accuracy), e.testLoss.map(fixed4) ?? "–",
                         e.testAccuracy.map(percent) ?? "–", String(format: "%.1f s", e.seconds)]
            let best = e.testAccuracy != nil && e.testAccuracy == state.bestTestAccuracy
            buffer.write(line(cells), x: area.x, y: area.y + 1 + k, style: best ? Palette.heading : .plain, maxWidth: area.width)
        }
    }
}
