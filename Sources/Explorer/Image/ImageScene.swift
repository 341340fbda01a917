import CNN
import Foundation
import Terminal

/// Your own picture through a kernel: the picture (a PNG, JPEG or PGM file, or a built-in one)
/// in half-block greys on the left, the kernel's output as a heatmap on the right, both shrunk
/// to fit by the same whole factor (the view says "shown at 1/f"). `k` cycles the presets.
///
/// The file is read by a command off the UI thread (`start`); until it arrives the scene says
/// so, and a file that cannot be read is shown as its error (`FILE: …`), not replaced.
/// Every number comes from the engine: `GreyImage` (decode, luma, shrink) and `conv2d`.
public struct ImageScene: Screen {
    public enum Message: Sendable {
        case loaded(Result<GreyImage, CNNError>)
    }

    enum Picture: Equatable {
        case loading(String)
        case failed(String)
        case ready(GreyImage, name: String)
    }

    public let language: Language
    public private(set) var kernel: ImageKernel
    let path: String?
    private(set) var picture: Picture
    /// Draw with shade characters instead of coloured half blocks (NO_COLOR is set).
    let shades: Bool
    /// The view for the last area size (`.resize`), so a large picture is not shrunk every frame.
    private var cached: (width: Int, height: Int, view: ImageView)?

    public init(settings: ImageSettings = ImageSettings(), language: Language = .en,
                shades: Bool = ProcessInfo.processInfo.environment["NO_COLOR"] != nil) {
        self.language = language
        self.kernel = settings.kernel
        self.path = settings.image
        self.shades = shades
        picture = settings.image.map { .loading($0) } ?? .ready(BuiltInPicture.image, name: "")
    }

    /// Reads the file, when there is one (IO off the UI thread).
    public func start() -> Command<Message> {
        guard let path else { return .none }
        return .perform { .loaded(Result { () throws(CNNError) -> GreyImage in try GreyImage.load(path) }) }
    }

    public var title: String { Localized(en: "Your own image", ko: "내 그림")[language] }
    public var status: String { kernel.name(language) }

    static let nextKernel = KeyBinding([.char("k")], "k", Localized(en: "next kernel preset", ko: "다음 커널 프리셋"))
    public var bindings: [KeyBinding] { [Self.nextKernel] }

    public mutating func update(_ event: ScreenEvent<Message>) -> Command<Message> {
        switch event {
        case .key(let key) where Self.nextKernel.matches(key):
            kernel = kernel.next
            refresh(size: cached.map { ($0.width, $0.height) })
        case .resize(let width, let height):
            refresh(size: (width, height))
        case .own(.loaded(let result)):
            switch result {
            case .success(let image): picture = .ready(image, name: path ?? "")
            case .failure(let error): picture = .failed(error.description)
            }
            refresh(size: cached.map { ($0.width, $0.height) })
        default: break
        }
        return .none
    }

    private mutating func refresh(size: (Int, Int)?) {
        guard let (w, h) = size else { return }
        cached = nil
        cached = (try? view(width: w, height: h)).flatMap { $0 }.map { (w, h, $0) }
    }

    /// The view for an area of this size (nil while loading or after a failure).
    func view(width: Int, height: Int) throws(CNNError) -> ImageView? {
        guard case .ready(let image, _) = picture else { return nil }
        if let cached, cached.width == width, cached.height == height {
            return cached.view
        }
        return try ImageView(picture: image, kernel: kernel.matrix, width: width, height: height)
    }

    public var contentSize: (width: Int, height: Int) { (60, 14) }

    /// Draws inside `area` only: rows that do not fit are left out, and the pictures only when
    /// both panels and the scale line below them fit.
    public func render(into buffer: inout Buffer, area: Rect) {
        let inner = area.inset(left: 1, right: 1)
        guard inner.width > 0, inner.height > 0 else { return }
        let l = language
        func line(_ text: String, row: Int, x: Int? = nil, width: Int? = nil, style: Style = .plain) {
            let x = x ?? inner.x
            let width = min(width ?? inner.width, inner.maxX - x)
            guard row < inner.height, width > 0 else { return }
            buffer.writeLine(text, x: x, y: inner.y + row, style: style, width: width)
        }
        let k = kernel.matrix.nestedRows.map { $0.map { formatNumber($0, digits: 3) }.joined(separator: " ") }.joined(separator: "; ")
        line(Localized(en: "kernel: ", ko: "커널: ")[l] + kernel.name(l) + "  [\(k)]", row: 0)
        switch picture {
        case .loading(let path):
            line(Localized(en: "reading \(TerminalSafe.text(path))…", ko: "\(TerminalSafe.text(path)) 읽는 중…")[l], row: 2, style: Palette.note)
        case .failed(let message):
            guard inner.height > 2 else { return }
            Text(TerminalSafe.text(message), style: Palette.warning)
                .render(in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2), buffer: &buffer)
        case .ready(let image, let name):
            guard let view = try? view(width: area.width, height: area.height) else {
                line(Localized(en: "the kernel does not fit this picture", ko: "이 그림에는 커널이 맞지 않습니다")[l], row: 2, style: Palette.warning)
                return
            }
            let source = name.isEmpty ? Localized(en: "built-in picture", ko: "기본 그림")[l]
                : TerminalSafe.text(URL(fileURLWithPath: name).lastPathComponent)
            let (w, h, sw, sh) = (image.width, image.height, view.shown.width, view.shown.height)
            line(Localized(en: "shown at 1/\(view.factor): \(w)×\(h) → \(sw)×\(sh) px · padding same · \(source)",
                           ko: "1/\(view.factor) 크기로 표시: \(w)×\(h) → \(sw)×\(sh) 픽셀 · 패딩 same · \(source)")[l],
                 row: 1, style: Palette.note)
            let panel = ImageView.panelSize(width: area.width, height: area.height)
            let right = inner.x + panel.columns + 2
            let cellRows = (view.shown.height + 1) / 2
            // Titles, pictures, then the scale on the last row: all of it, or no pictures.
            guard inner.height >= 3 + cellRows + 1, right + view.output.cols <= inner.maxX else {
                line(view.legend(l), row: 2, style: Palette.note)
                return
            }
            line(Localized(en: "picture (grey 0–255)", ko: "그림 (회색 0–255)")[l], row: 2, width: panel.columns, style: Palette.heading)
            line(Localized(en: "output of ", ko: "출력: ")[l] + kernel.name(l), row: 2, x: right, width: panel.columns, style: Palette.heading)
            HalfBlockPicture(width: sw, height: sh, levels: view.shown.pixels.map { Double($0) / 255 }, shades: shades)
                .render(into: &buffer, x: inner.x, y: inner.y + 3)
            HalfBlockPicture(width: view.output.cols, height: view.output.rows, levels: view.output.values.map(view.level), shades: shades)
                .render(into: &buffer, x: right, y: inner.y + 3)
            line(view.legend(l), row: inner.height - 1, style: Palette.note)
        }
    }
}

extension ImageScene {
    public static let entry = ScreenEntry.scene(
        "image", ImageSettings.self,
        title: Localized(en: "Your own image", ko: "내 그림"),
        summary: Localized(en: "a PNG, JPEG or PGM picture through a kernel, its output as a heatmap",
                           ko: "PNG·JPEG·PGM 그림에 커널을 적용하고 출력을 히트맵으로")
    ) { settings, language in ImageScene(settings: settings, language: language) }
}
