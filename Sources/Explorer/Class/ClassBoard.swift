import Foundation
import Terminal

/// Draws a class snapshot in an area of at least 78×21: a header (join address, code,
/// students), the question, the answers' histogram in block characters, and the
/// scoreboard. Every name and answer goes through the buffer, which drops control
/// characters; they are also `TerminalSafe`d here so an escape shows as text.
struct ClassBoard {
    let snapshot: ClassSnapshot
    let language: Language
    let note: String?
    let confirming: Bool

    func render(into buffer: inout Buffer, area: Rect) {
        buffer.fill(area)
        let s = snapshot
        let l = language
        var y = area.y
        func put(_ text: String, _ style: Style = .plain, x: Int = 0) {
            guard y < area.maxY else { return }
            _ = buffer.write(text, x: area.x + x, y: y, style: style, maxWidth: max(0, area.width - x))
            y += 1
        }
        let join = s.addresses.first ?? "?"
        put(Localized(en: "Join:  stride class join \(join) --code \(s.code) --name NAME",
                      ko: "참여:  stride class join \(join) --code \(s.code) --name 이름")[l], Palette.heading)
        if s.addresses.count > 1 {
            put(Localized(en: "   also: ", ko: "   또는: ")[l] + s.addresses.dropFirst().prefix(3).joined(separator: "  "), Palette.note)
        }
        let names = s.students.map { TerminalSafe.text($0) + (s.connected.contains($0) ? "" : "·") }
        let studentLine = Localized(en: "Students (\(s.students.count)): ", ko: "학생 (\(s.students.count)명): ")[l]
            + (names.isEmpty ? Localized(en: "none yet", ko: "아직 없음")[l] : names.joined(separator: ", "))
        put(studentLine)
        y += 1
        let scoreRows = 5
        switch s.phase {
        case .lobby:
            put(Localized(en: "\(s.count) questions ready. Press n to show the first.",
                          ko: "문제 \(s.count)개 준비됨. n을 누르면 첫 문제를 보여 줍니다.")[l], Palette.heading)
        case .ended:
            put(Localized(en: "The class has ended.", ko: "수업이 끝났습니다.")[l], Palette.heading)
        case .open, .locked, .revealed:
            let state: String = switch s.phase {
            case .open: Localized(en: "open", ko: "답 받는 중")[l]
            case .locked: Localized(en: "locked", ko: "마감")[l]
            default: Localized(en: "revealed", ko: "정답 공개")[l]
            }
            put(Localized(en: "Question \(s.index)/\(s.count) · \(state)", ko: "문제 \(s.index)/\(s.count) · \(state)")[l], Palette.heading)
            if let q = s.question {
                for line in wrap(TerminalSafe.text(q.prompt(l)), toWidth: area.width).prefix(2) { put(line) }
            }
            let pct = s.answered == 0 ? 0 : Int((Double(s.correct) / Double(s.answered) * 100).rounded())
            var summary = Localized(en: "Answers: \(s.answered) of \(s.students.count)", ko: "답: \(s.students.count)명 중 \(s.answered)명")[l]
            if s.phase == .revealed, let e = s.expected {
                summary += Localized(en: " · right: \(s.correct) (\(pct)%) · answer \(e)", ko: " · 정답 \(s.correct)명 (\(pct)%) · 답 \(e)")[l]
            }
            put(summary)
            let histogramRows = max(0, area.maxY - y - scoreRows - 3)
            drawHistogram(&buffer, x: area.x, y: &y, width: area.width, rows: histogramRows)
            if s.phase == .revealed, let q = s.question, y < area.maxY - scoreRows - 2 {
                for line in q.worked(l).prefix(max(0, area.maxY - scoreRows - 2 - y)) { put("  " + line, Palette.note) }
            }
        }
        // The scoreboard, at the bottom.
        y = max(y + 1, area.maxY - scoreRows - 1)
        if y < area.maxY {
            put(Localized(en: "Scoreboard (right answers, revealed questions)", ko: "점수판 (공개된 문제의 정답 수)")[l], Palette.heading)
            let columns = 2
            let rows = min(scoreRows - 2, (s.scoreboard.count + columns - 1) / columns)
            let top = Array(s.scoreboard.prefix(rows * columns))
            let colWidth = area.width / columns
            for row in 0..<rows {
                guard y < area.maxY else { break }
                for col in 0..<columns {
                    let i = row + col * rows
                    guard i < top.count else { continue }
                    let text = "\(i + 1). \(TerminalSafe.text(top[i].name))  \(top[i].correct)/\(top[i].answered)"
                    _ = buffer.write(text, x: area.x + col * colWidth, y: y, maxWidth: colWidth - 1)
                }
                y += 1
            }
        }
        if let note {
            _ = buffer.write(TerminalSafe.text(note), x: area.x, y: area.maxY - 1, style: confirming ? Palette.warning : Palette.note,
                             maxWidth: area.width)
        }
    }

    /// One bar per distinct answer, most common first: `24 ████████ 12  ✗ diagnosis`.
    /// Before the reveal the bars are neutral (no right/wrong marks on the projector).
    private func drawHistogram(_ buffer: inout Buffer, x: Int, y: inout Int, width: Int, rows: Int) {
        let bars = snapshot.histogram.prefix(rows)
        guard let most = bars.map(\.count).max(), most > 0 else { return }
        let revealed = snapshot.phase == .revealed
        let labelWidth = min(12, bars.map { displayWidth(TerminalSafe.text($0.answer)) }.max() ?? 1)
        let barWidth = max(4, min(40, width - labelWidth - 24))
        for bar in bars {
            let label = TerminalSafe.text(bar.answer)
            let filled = max(1, Int((Double(bar.count) / Double(most) * Double(barWidth)).rounded()))
            var line = String(repeating: " ", count: max(0, labelWidth - displayWidth(label))) + label + " "
            line += String(repeating: "█", count: filled) + " \(bar.count)"
            let style: Style = revealed ? (bar.correct ? Palette.current : .plain) : .plain
            _ = buffer.write(line, x: x, y: y, style: .plain, maxWidth: width)
            if revealed {
                let mark = bar.correct ? " ✓" : " ✗" + (bar.diagnosis.map { " " + TerminalSafe.text($0) } ?? "")
                _ = buffer.write(mark, x: x + displayWidth(line), y: y, style: bar.correct ? style : Palette.note,
                                 maxWidth: max(0, width - displayWidth(line)))
            }
            y += 1
        }
    }
}
