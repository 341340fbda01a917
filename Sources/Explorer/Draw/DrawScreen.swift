import CNN
import Foundation
import Terminal

/// Draw a digit and watch the model guess: a 28×28 canvas in half blocks, the pen at the
/// centre (row 14, column 14); arrows move it, space lifts or lowers it, the mouse draws by
/// dragging, c clears. After every stroke the picture is normalized as MNIST's digits were
/// (`DigitNormalization`) and `predict` gives the probabilities shown as bars.
public struct DrawScreen: Screen {
    public static let size = 28
    public private(set) var canvas = [Float](repeating: 0, count: size * size)
    public private(set) var pen = (row: 14, col: 14)
    public private(set) var penDown = false
    public private(set) var probabilities: [Float] = []
    /// What the model is, for the info line (e.g. "small, 3 epochs, test accuracy 97.1 %").
    let modelNote: String
    let classNames: [String]
    let language: Language
    private let predict: @Sendable ([Float]) -> [Float]
    /// The last mouse position on the canvas (pixels), while the button is held.
    private var lastMouse: (row: Int, col: Int)?
    /// Where the canvas was drawn (for the mouse), relative to the screen's area.
    private var canvasOrigin = (x: 1, y: 2)

    public init(modelNote: String, classNames: [String] = (0..<10).map(String.init), language: Language = .en,
                predict: @escaping @Sendable ([Float]) -> [Float]) {
        self.modelNote = modelNote
        self.classNames = classNames
        self.language = language
        self.predict = predict
        probabilities = predict(canvas)
    }

    public var title: String { Localized(en: "Draw a digit", ko: "숫자 그리기")[language] }
    public var status: String {
        (penDown ? Localized(en: "pen down", ko: "펜 내림") : Localized(en: "pen up", ko: "펜 올림"))[language]
            + " (\(pen.row), \(pen.col))"
    }

    static let move = KeyBinding([.up, .down, .left, .right], "←↑↓→", Localized(en: "move the pen", ko: "펜 이동"))
    static let toggle = KeyBinding([.space], "Space", Localized(en: "pen down/up", ko: "펜 내리기/올리기"))
    static let clear = KeyBinding([.char("c")], "c", Localized(en: "clear", ko: "지우기"))
    static let mouse = KeyBinding([], "mouse", Localized(en: "drag to draw", ko: "끌어서 그리기"))
    enum Action: Sendable { case up, down, left, right, togglePen, clear }

    static let keyMap = KeyMap<Action>([
        .init(move.label, move.help, [(.up, .up), (.down, .down), (.left, .left), (.right, .right)]),
        .init(toggle.keys, toggle.label, toggle.help, .togglePen),
        .init(clear.keys, clear.label, clear.help, .clear),
    ])

    public var bindings: [KeyBinding] { Self.keyMap.bindings + [Self.mouse] }

    /// The image the model sees: the canvas normalized like MNIST.
    public var modelInput: [Float] { DigitNormalization.normalize(canvas) }

    /// The most likely class and its probability (nil before any ink).
    public var prediction: (label: Int, probability: Float)? {
        guard canvas.contains(where: { $0 > 0.05 }), let best = probabilities.indices.max(by: { probabilities[$0] < probabilities[$1] }) else { return nil }
        return (best, probabilities[best])
    }

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        switch message {
        case .key(let key):
            var moved = true
            switch Self.keyMap.action(for: key) {
            case .up: pen.row = max(0, pen.row - 1)
            case .down: pen.row = min(Self.size - 1, pen.row + 1)
            case .left: pen.col = max(0, pen.col - 1)
            case .right: pen.col = min(Self.size - 1, pen.col + 1)
            case .togglePen: penDown.toggle()
            case .clear:
                canvas = [Float](repeating: 0, count: Self.size * Self.size)
                moved = false
                refresh()
            case nil: moved = false
            }
            if moved, penDown { stroke(from: pen, to: pen) }
        case .mouse(let event):
            let col = event.x - canvasOrigin.x, row = (event.y - canvasOrigin.y) * 2 + 1
            let inside = col >= 0 && col < Self.size && row >= 0 && row < Self.size + 1
            switch event.kind {
            case .press where inside:
                let p = (min(row, Self.size - 1), col)
                stroke(from: p, to: p)
                lastMouse = p
                pen = p
            case .drag where inside:
                let p = (min(row, Self.size - 1), col)
                stroke(from: lastMouse ?? p, to: p)
                lastMouse = p
                pen = p
            case .release: lastMouse = nil
            default: break
            }
        default: break
        }
        return .none
    }

    /// Ink along the straight line between two pixels, then a new prediction.
    mutating func stroke(from a: (row: Int, col: Int), to b: (row: Int, col: Int)) {
        let steps = max(abs(b.row - a.row), abs(b.col - a.col), 1)
        for s in 0...steps {
            let t = Float(s) / Float(steps)
            stamp(row: Float(a.row) + t * Float(b.row - a.row), col: Float(a.col) + t * Float(b.col - a.col))
        }
        refresh()
    }

    /// A soft round brush about two pixels wide: full ink within 0.75 px of the centre,
    /// fading linearly to none at 1.75 px (like MNIST's anti-aliased strokes).
    mutating func stamp(row: Float, col: Float) {
        for r in max(0, Int(row) - 2)...min(Self.size - 1, Int(row) + 2) {
            for c in max(0, Int(col) - 2)...min(Self.size - 1, Int(col) + 2) {
                let d = ((Float(r) - row) * (Float(r) - row) + (Float(c) - col) * (Float(c) - col)).squareRoot()
                let ink = min(1, max(0, 1.75 - d))
                canvas[r * Self.size + c] = max(canvas[r * Self.size + c], ink)
            }
        }
    }

    private mutating func refresh() { probabilities = predict(modelInput) }

    public var contentSize: (width: Int, height: Int) { (30 + 2 + 40, 18) }

    public var cursor: (x: Int, y: Int)? { (canvasOrigin.x + pen.col, canvasOrigin.y + pen.row / 2) }

    /// Draws the screen; in an area smaller than `contentSize` the fixed-size canvas is cut at
    /// the area's edges (`renderCropped`) rather than drawn outside it.
    public func render(into buffer: inout Buffer, area: Rect) {
        let need = contentSize
        if area.width >= need.width && area.height >= need.height { return renderPicture(into: &buffer, area: area) }
        buffer.renderCropped(into: area, room: (need.width + 20, need.height + 10)) { renderPicture(into: &$0, area: $1) }
    }

    private func renderPicture(into buffer: inout Buffer, area: Rect) {
        let l = language
        buffer.write(modelNote, x: area.x, y: area.y, style: Palette.note, maxWidth: area.width)
        let box = Rect(x: area.x, y: area.y + 1, width: Self.size + 2, height: Self.size / 2 + 2)
        buffer.render(Box(title: Localized(en: "canvas 28×28", ko: "캔버스 28×28")[l]), in: box)
        PixelImage(pixels: canvas, height: Self.size, width: Self.size).render(into: &buffer, x: box.x + 1, y: box.y + 1)
        // The pen: a marker in the cell holding it (the terminal cursor sits there too).
        let penCell = (x: box.x + 1 + pen.col, y: box.y + 1 + pen.row / 2)
        buffer.patchStyle(Rect(x: penCell.x, y: penCell.y, width: 1, height: 1),
                          style: penDown ? Style(background: .red) : Style(background: .blue))
        let status = penDown ? Localized(en: "pen DOWN: moving draws", ko: "펜 내림: 움직이면 그려집니다")
            : Localized(en: "pen up: Space to draw", ko: "펜 올림: Space로 그리기")
        buffer.write(status[l], x: box.x, y: box.maxY, style: penDown ? Palette.warning : Palette.note, maxWidth: box.width)

        // Probabilities as bars.
        let x = box.maxX + 2, width = area.maxX - x
        guard width >= 12 else { return }
        var y = area.y + 2
        if let p = prediction {
            let text = Localized(en: "prediction: \(classNames[safe: p.label] ?? "\(p.label)") (\(String(format: "%.1f", p.probability * 100)) %)",
                                 ko: "예측: \(classNames[safe: p.label] ?? "\(p.label)") (\(String(format: "%.1f", p.probability * 100)) %)")[l]
            buffer.write(text, x: x, y: y, style: Palette.current, maxWidth: width)
        } else {
            buffer.write(Localized(en: "Draw a digit: the model's guess appears here.", ko: "숫자를 그리면 모델의 예측이 여기에 나옵니다.")[l],
                         x: x, y: y, style: Palette.note, maxWidth: width)
        }
        y += 2
        let best = prediction?.label
        let barWidth = max(4, min(30, width - 14))
        for (k, p) in probabilities.enumerated() where y < area.maxY {
            let name = pad(truncate(classNames[safe: k] ?? "\(k)", toWidth: 3), toWidth: 3)
            buffer.write(name, x: x, y: y, style: k == best ? Palette.heading : .plain)
            buffer.render(ProgressBar(fraction: Double(p), style: k == best ? Style(foreground: .green, bold: true) : Style(foreground: .cyan)),
                          in: Rect(x: x + 4, y: y, width: barWidth, height: 1))
            buffer.write(String(format: "%5.1f%%", p * 100), x: x + 5 + barWidth, y: y, style: k == best ? Palette.heading : .plain)
            y += 1
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
