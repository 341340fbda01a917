#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of a `LineChart`: points in data coordinates, drawn in `style`.
public struct ChartSeries: Sendable, Equatable {
    public var name: String
    public var points: [ChartPoint]
    public var style: Style
    /// The mark used in ASCII drawing (where braille is not available).
    public var asciiMark: Character
    /// Drawn over each point's cell (e.g. `●` for a few per-epoch figures), after the lines.
    public var marker: Character?

    public init(name: String, points: [ChartPoint], style: Style = .plain, asciiMark: Character = "*", marker: Character? = nil) {
        self.name = name
        self.points = points
        self.style = style
        self.asciiMark = asciiMark
        self.marker = marker
    }
}

/// A point of a chart series.
public struct ChartPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
}

/// A line chart drawn as text: a legend on the first row, y labels on the left, an axis
/// corner `└`, x labels under the axis, and the series in braille dots (2×4 per cell) in
/// Unicode or in their `asciiMark` (one per cell) in ASCII.
///
/// Mapping: with plot width `w` cells and height `h` cells, a point maps to dot column
/// `round((x − x₀) / (x₁ − x₀) · (2w − 1))` and dot row `round((t(y₁) − t(y)) / (t(y₁) − t(y₀)) · (4h − 1))`
/// with `t(y) = y`, or `log₁₀ y` on a log scale (`logY`; values ≤ 0 are skipped there);
/// consecutive points are joined by straight dot lines. Non-finite values are skipped (the
/// line breaks there); values outside the range are clamped to its edge.
///
/// Layering: the first series' line is on top — where lines share a cell, the cell shows the
/// first one's colour — and markers (a few points, e.g. per epoch) are drawn over every line.
public struct LineChart: Widget {
    public var series: [ChartSeries]
    /// The x range; nil = from the data (at least 0...1).
    public var xRange: ClosedRange<Double>?
    /// The y range; nil = from the data (finite values), widened by 5 % either side.
    public var yRange: ClosedRange<Double>?
    /// Formats the y labels (top, middle, bottom) and x labels (first, last).
    public var yFormat: @Sendable (Double) -> String
    public var xFormat: @Sendable (Double) -> String
    /// A caption at the right of the x-axis row (e.g. "epochs").
    public var xCaption: String
    public var axisStyle: Style
    public var title: String?
    /// A logarithmic y axis (for a loss that falls by orders of magnitude).
    public var logY = false
    /// x values labelled under the axis besides the first and last (e.g. every epoch); labels
    /// that would touch another are left out.
    public var xTicks: [Double] = []

    public init(series: [ChartSeries], title: String? = nil, xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
                xCaption: String = "", axisStyle: Style = Style(dim: true),
                yFormat: @escaping @Sendable (Double) -> String = { formatChartNumber($0) },
                xFormat: @escaping @Sendable (Double) -> String = { formatChartNumber($0) }) {
        self.series = series
        self.title = title
        self.xRange = xRange
        self.yRange = yRange
        self.xCaption = xCaption
        self.axisStyle = axisStyle
        self.yFormat = yFormat
        self.xFormat = xFormat
    }

    /// The ranges the chart uses (given, or derived from the data).
    public var resolvedRanges: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let points = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let x = xRange ?? Self.span(points.map(\.x), pad: 0, fallback: 0...1)
        let y = yRange ?? Self.span(points.map(\.y), pad: 0.05, fallback: 0...1)
        return (x, y)
    }

    static func span(_ values: [Double], pad: Double, fallback: ClosedRange<Double>) -> ClosedRange<Double> {
        guard let lo = values.min(), let hi = values.max() else { return fallback }
        if hi - lo < 1e-12 { return (lo - 0.5)...(hi + 0.5) }
        let margin = (hi - lo) * pad
        return (lo - margin)...(hi + margin)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard area.width >= 8, area.height >= 3 else { return }
        let (xr, yr) = resolvedRanges
        var top = area.y
        // Legend (and title) on the first row.
        var x = area.x
        if let title {
            x += buffer.write(title + " ", x: x, y: top, style: Style(bold: true), maxWidth: area.x + area.width - x)
        }
        for s in series where x < area.x + area.width {
            let mark = buffer.charset == .unicode ? "━" : String(s.asciiMark)
            x += buffer.write(mark + " ", x: x, y: top, style: s.style, maxWidth: area.x + area.width - x)
            x += buffer.write(s.name + "  ", x: x, y: top, maxWidth: area.x + area.width - x)
        }
        top += 1
        let bottom = area.y + area.height - 2  // the axis row; x labels below it
        let plotHeight = bottom - top
        let middle = logY && yr.lowerBound > 0 ? (yr.lowerBound * yr.upperBound).squareRoot() : (yr.lowerBound + yr.upperBound) / 2
        let labels = [yFormat(yr.upperBound), yFormat(middle), yFormat(yr.lowerBound)]
        let labelWidth = labels.map { displayWidth($0) }.max() ?? 0
        let plotX = area.x + labelWidth + 1
        let plotWidth = area.x + area.width - plotX
        guard plotHeight >= 1, plotWidth >= 2 else { return }

        // Axes and labels.
        let vertical = buffer.charset == .unicode ? "│" : "|"
        for row in top..<bottom { buffer.write(vertical, x: plotX - 1, y: row, style: axisStyle) }
        buffer.write(buffer.charset == .unicode ? "└" : "+", x: plotX - 1, y: bottom, style: axisStyle)
        buffer.write(String(repeating: buffer.charset == .unicode ? "─" : "-", count: plotWidth), x: plotX, y: bottom, style: axisStyle)
        let labelRows = plotHeight >= 3 ? [top, top + (plotHeight - 1) / 2, bottom - 1] : [top, bottom - 1]
        let labelTexts = plotHeight >= 3 ? labels : [labels[0], labels[2]]
        for (row, text) in zip(labelRows, labelTexts) {
            buffer.write(text, x: plotX - 1 - displayWidth(text), y: row, style: axisStyle)
        }
        let first = xFormat(xr.lowerBound), last = xFormat(xr.upperBound)
        buffer.write(first, x: plotX, y: bottom + 1, style: axisStyle, maxWidth: plotWidth)
        let caption = xCaption.isEmpty ? last : "\(last) \(xCaption)"
        let captionX = max(plotX + displayWidth(first) + 1, plotX + plotWidth - displayWidth(caption))
        buffer.write(caption, x: captionX, y: bottom + 1, style: axisStyle, maxWidth: area.x + area.width - captionX)
        // Ticks between the first and last labels, each centred on its dot column, with a space either side.
        var freeFrom = plotX + displayWidth(first) + 1
        for tick in xTicks where tick > xr.lowerBound && tick < xr.upperBound {
            let text = xFormat(tick)
            let fx = (tick - xr.lowerBound) / max(xr.upperBound - xr.lowerBound, 1e-300)
            let column = plotX + Int((fx * Double(plotWidth * 2 - 1)).rounded()) / 2
            let start = column - displayWidth(text) / 2
            guard start >= freeFrom, start + displayWidth(text) < captionX else { continue }
            buffer.write(buffer.charset == .unicode ? "┴" : "+", x: column, y: bottom, style: axisStyle)
            buffer.write(text, x: start, y: bottom + 1, style: axisStyle)
            freeFrom = start + displayWidth(text) + 1
        }

        // The series.
        let canvas = Rect(x: plotX, y: top, width: plotWidth, height: plotHeight)
        if buffer.charset == .unicode {
            drawBraille(in: canvas, xr: xr, yr: yr, buffer: &buffer)
        } else {
            drawMarks(in: canvas, xr: xr, yr: yr, buffer: &buffer)
        }
    }

    /// Dot coordinates of every series' line, in a grid of `dotsX` × `dotsY`.
    func dotLines(dotsX: Int, dotsY: Int, xr: ClosedRange<Double>, yr: ClosedRange<Double>) -> [[(Int, Int)]] {
        func map(_ p: ChartPoint) -> (Int, Int)? {
            guard p.x.isFinite, p.y.isFinite else { return nil }
            let fx = (p.x - xr.lowerBound) / max(xr.upperBound - xr.lowerBound, 1e-300)
            guard let fy = yFraction(p.y, yr) else { return nil }
            let cx = Int((min(max(fx, 0), 1) * Double(dotsX - 1)).rounded())
            let cy = Int((min(max(fy, 0), 1) * Double(dotsY - 1)).rounded())
            return (cx, cy)
        }
        return series.map { s in
            var dots: [(Int, Int)] = []
            var previous: (Int, Int)?
            for p in s.points {
                guard let d = map(p) else { previous = nil; continue }
                if let a = previous { dots += Self.line(from: a, to: d).dropFirst() } else { dots.append(d) }
                previous = d
            }
            return dots
        }
    }

    /// How far down the plot `y` sits: 0 at the top of `yr`, 1 at its bottom (nil: not drawable,
    /// e.g. a value ≤ 0 on a log scale).
    func yFraction(_ y: Double, _ yr: ClosedRange<Double>) -> Double? {
        guard y.isFinite else { return nil }
        guard logY else { return (yr.upperBound - y) / max(yr.upperBound - yr.lowerBound, 1e-300) }
        guard y > 0, yr.lowerBound > 0 else { return nil }
        let (top, low) = (log10(yr.upperBound), log10(yr.lowerBound))
        return (top - log10(y)) / max(top - low, 1e-300)
    }

    /// The dots of a straight line from `a` to `b`, both included (Bresenham).
    static func line(from a: (Int, Int), to b: (Int, Int)) -> [(Int, Int)] {
        var (x0, y0) = a
        let (x1, y1) = b
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        var dots: [(Int, Int)] = []
        while true {
            dots.append((x0, y0))
            if x0 == x1 && y0 == y1 { return dots }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x0 += sx }
            if e2 <= dx { err += dx; y0 += sy }
        }
    }

    private func drawBraille(in canvas: Rect, xr: ClosedRange<Double>, yr: ClosedRange<Double>, buffer: inout Buffer) {
        let lines = dotLines(dotsX: canvas.width * 2, dotsY: canvas.height * 4, xr: xr, yr: yr)
        var bits = [UInt32](repeating: 0, count: canvas.width * canvas.height)
        var owner = [Int](repeating: -1, count: canvas.width * canvas.height)
        // Braille dot bits by (column within cell, row within cell).
        let dotBit: [[UInt32]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
        // Last series first, so that an earlier series takes the cells they share.
        for (index, dots) in lines.enumerated().reversed() {
            for (dx, dy) in dots {
                let cell = (dy / 4) * canvas.width + dx / 2
                bits[cell] |= dotBit[dx % 2][dy % 4]
                owner[cell] = index
            }
        }
        for cy in 0..<canvas.height {
            for cx in 0..<canvas.width where bits[cy * canvas.width + cx] != 0 {
                let i = cy * canvas.width + cx
                let glyph = Character(Unicode.Scalar(0x2800 + bits[i])!)
                buffer.write(String(glyph), x: canvas.x + cx, y: canvas.y + cy, style: series[owner[i]].style)
            }
        }
        // Point markers, one per point's cell, over the lines.
        for s in series {
            guard let marker = s.marker else { continue }
            for p in s.points where p.x.isFinite {
                guard let fy = yFraction(p.y, yr) else { continue }
                let fx = (p.x - xr.lowerBound) / max(xr.upperBound - xr.lowerBound, 1e-300)
                let cx = Int((min(max(fx, 0), 1) * Double(canvas.width * 2 - 1)).rounded()) / 2
                let cy = Int((min(max(fy, 0), 1) * Double(canvas.height * 4 - 1)).rounded()) / 4
                buffer.write(String(marker), x: canvas.x + cx, y: canvas.y + cy, style: s.style)
            }
        }
    }

    private func drawMarks(in canvas: Rect, xr: ClosedRange<Double>, yr: ClosedRange<Double>, buffer: inout Buffer) {
        let lines = dotLines(dotsX: canvas.width, dotsY: canvas.height, xr: xr, yr: yr)
        for (index, dots) in lines.enumerated().reversed() {
            for (cx, cy) in dots {
                buffer.write(String(series[index].asciiMark), x: canvas.x + cx, y: canvas.y + cy, style: series[index].style)
            }
        }
    }
}

/// A short label for a chart axis: up to 4 significant digits, no trailing zeros
/// (`0.25`, `1.5`, `120`, `1.2k`), `−` never used (plain `-`).
public func formatChartNumber(_ v: Double) -> String {
    guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "inf" : "-inf") }
    let a = abs(v)
    if a >= 10_000 { return formatChartNumber(v / 1000) + "k" }
    let decimals = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3
    var s = fixedPoint(v, decimals: decimals)
    if s.contains(".") {
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
    }
    return s == "-0" ? "0" : s
}

/// `v` rounded to `decimals` places, as plain digits (no Foundation).
func fixedPoint(_ v: Double, decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(v) * scale).rounded()
    guard scaled < 9e15 else { return String(v) }
    let n = Int(scaled)
    var digits = String(n)
    if decimals > 0 {
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
    }
    return (v < 0 && n != 0 ? "-" : "") + digits
}
