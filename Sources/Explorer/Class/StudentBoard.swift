import Terminal

/// Draws the student's screen as rows, top to bottom, cut at the area's bottom: a header (name,
/// class code, address; the connection's state), then the stage — connecting, waiting, the
/// question with its answer field or the state of the answer, the reveal, the final score, a
/// refusal. Text from the server was made `TerminalSafe` when it arrived (and the question's
/// text by `QuizQuestion.screenLines`).
struct StudentBoard {
    let screen: StudentScreen

    enum Row: Equatable {
        case text(String, Style, indent: Int)
        case field
        case blank
    }

    static func fieldLabel(_ l: Language) -> String { Localized(en: "Answer:", ko: "답:")[l] }
    /// The answer field's column: after its label and a space.
    static func fieldX(_ l: Language) -> Int { displayWidth(fieldLabel(l)) + 1 }

    /// The row the answer field is on, if it is shown.
    func fieldRow(width: Int) -> Int? { rows(width: width).firstIndex(of: .field) }

    func rows(width: Int) -> [Row] {
        let s = screen
        let l = s.language
        var rows: [Row] = []
        func add(_ text: String, _ style: Style = .plain, indent: Int = 0) {
            for piece in wrap(text, toWidth: max(10, width - indent)) { rows.append(.text(piece, style, indent: indent)) }
        }
        func say(_ text: Localized, _ style: Style = .plain) { add(text[l], style) }
        let name = TerminalSafe.text(s.name), code = TerminalSafe.text(s.code), address = TerminalSafe.text(s.address)
        say(Localized(en: "\(name) · class \(code) · \(address)", ko: "\(name) · 수업 \(code) · \(address)"), Palette.heading)
        if let why = s.reconnecting {
            say(Localized(en: "Connection lost (\(why)). Reconnecting… your answers are kept.",
                          ko: "연결이 끊겼습니다 (\(why)). 다시 연결하는 중… 답은 그대로입니다."), Palette.warning)
        } else if let note = s.note {
            add(note, Palette.note)
        }
        rows.append(.blank)
        switch s.stage {
        case .connecting:
            say(Localized(en: "Connecting to \(address)…", ko: "\(address)에 연결하는 중…"))
        case .waiting:
            say(Localized(en: "Joined. Waiting for the instructor to show the first question…",
                          ko: "참여했습니다. 강사가 첫 문제를 보여 주기를 기다리는 중…"), Palette.heading)
            say(Localized(en: "Each question appears here as soon as the instructor shows it.",
                          ko: "강사가 문제를 보여 주면 바로 여기에 나타납니다."), Palette.note)
        case .question:
            rows += questionRows(width: width)
        case .ended:
            say(Localized(en: "The class has ended.", ko: "수업이 끝났습니다."), Palette.heading)
            if let score = s.score {
                say(Localized(en: "Final score: \(score.correct)/\(score.total)", ko: "최종 점수: \(score.correct)/\(score.total)"), Palette.heading)
            }
            rows.append(.blank)
            say(Localized(en: "Esc or q leaves.", ko: "Esc 또는 q: 나가기"), Palette.note)
        case .refused(let message):
            say(Localized(en: "Could not join the class:", ko: "수업에 참여하지 못했습니다:"), Palette.heading)
            add(message, Palette.warning)
            rows.append(.blank)
            say(Localized(en: "Press any key to leave.", ko: "아무 키나 누르면 나갑니다."), Palette.note)
        }
        return rows
    }

    /// The question, then the answer field, the state of the answer, or the reveal.
    private func questionRows(width: Int) -> [Row] {
        let s = screen
        let l = s.language
        var rows: [Row] = []
        func add(_ text: String, _ style: Style, _ indent: Int) {
            for piece in wrap(text, toWidth: max(10, width - indent)) { rows.append(.text(piece, style, indent: indent)) }
        }
        func say(_ text: Localized, _ style: Style = .plain, indent: Int = 0) { add(text[l], style, indent) }
        if let q = s.question {
            for line in q.screenLines(index: s.index, count: s.count, language: l, width: width, figures: s.reveal == nil) {
                rows.append(.text(line.text, line.style, indent: 0))
            }
        }
        rows.append(.blank)
        if let r = s.reveal {
            add(r.verdict, r.correct == true ? Palette.current : r.correct == false ? Palette.warning : Palette.heading, 0)
            for line in r.feedback { add(line, Palette.warning, 0) }
            add(r.tally, Palette.heading, 0)
            if !r.working.isEmpty {
                rows.append(.blank)
                for line in r.working { add(line, .plain, 2) }
            }
            rows.append(.blank)
            if s.count > 0 && s.index >= s.count {
                say(Localized(en: "That was the last question: the final score comes when the instructor ends the class.",
                              ko: "마지막 문제였습니다. 강사가 수업을 끝내면 최종 점수가 나옵니다."), Palette.note)
            } else {
                say(Localized(en: "Waiting for the next question…", ko: "다음 문제를 기다리는 중…"), Palette.note)
            }
            return rows
        }
        let what = (s.question?.answerFormat ?? .real).typedWhat
        switch s.answer {
        case .typing where s.locked:
            say(Localized(en: "The instructor locked the answers before you answered: no answer from you to this question.",
                          ko: "답하기 전에 강사가 답 받기를 마감했습니다. 이 문제에는 답이 없습니다."), Palette.warning)
        case .typing:
            rows.append(.field)
            rows.append(.blank)
            if let hint = s.hint {
                add("! " + hint, Palette.warning, 0)
            } else if s.fieldFocused {
                say(Localized(en: "Type \(what.en) and press Enter (Esc leaves the field).",
                              ko: "\(what.ko) 입력하고 Enter (Esc: 입력 끝내기)"), Palette.note)
            } else {
                say(Localized(en: "Type \(what.en) or press Enter to answer; Esc or q leaves the class.",
                              ko: "\(what.ko) 입력하거나 Enter를 누르면 답합니다. Esc 또는 q: 수업 나가기"), Palette.note)
            }
        case .sending(let text):
            say(Localized(en: "Your answer \(TerminalSafe.text(text)): sending…", ko: "답 \(TerminalSafe.text(text)): 보내는 중…"), Palette.heading)
        case .received(let text):
            let given = text.map { " " + TerminalSafe.text($0) } ?? ""
            say(Localized(en: "✓ received: your answer\(given) is stored.", ko: "✓ 받았습니다: 답\(given) 저장됨."), Palette.heading)
            say(Localized(en: "It is locked in until the instructor reveals the answer.",
                          ko: "강사가 정답을 공개할 때까지 답은 바꿀 수 없습니다."), Palette.note)
            if s.locked { say(Localized(en: "Answers are locked.", ko: "답 받기가 마감되었습니다."), Palette.note) }
        }
        return rows
    }

    func render(into buffer: inout Buffer, area: Rect) {
        buffer.fill(area)
        let l = screen.language
        var y = area.y
        for row in rows(width: area.width) {
            guard y < area.maxY else { break }
            switch row {
            case .text(let text, let style, let indent):
                if indent < area.width {
                    buffer.write(text, x: area.x + indent, y: y, style: style, maxWidth: area.width - indent)
                    // The window on the input in a working's grid, as the quiz marks it.
                    highlightWindow(text, row: y, x: area.x + indent, within: area, buffer: &buffer)
                }
            case .field:
                buffer.write(Self.fieldLabel(l), x: area.x, y: y, style: Palette.heading, maxWidth: area.width)
                let x = Self.fieldX(l)
                if x < area.width {
                    screen.field.render(into: &buffer, x: area.x + x, y: y, width: min(16, area.width - x))
                }
            case .blank:
                break
            }
            y += 1
        }
    }
}
