import Terminal
import Testing

/// The chart and progress-bar widgets against hand-made series.
@Suite("Line chart and progress bar")
struct ChartTests {
    /// A 20×6 chart: legend row, 3 plot rows, the axis row, the x-label row.
    func draw(_ chart: LineChart, width: Int = 20, height: Int = 6, charset: Charset = .unicode) -> [String] {
        var buffer = Buffer(width: width, height: height, charset: charset)
        buffer.render(chart, in: buffer.area)
        return buffer.lines
    }

    @Test func aRisingLineFromCornerToCorner() {
        let chart = LineChart(series: [ChartSeries(name: "up", points: [ChartPoint(0, 0), ChartPoint(1, 1)])],
                              xRange: 0...1, yRange: 0...1)
        // Plot: 16 cells × 3 rows = 32 × 12 dots; the line runs from dot (0, 11) to (31, 0),
        // about 2.8 dot columns per dot row: cells 0–4 in the bottom row, 5–10, then 11–15.
        #expect(draw(chart) == [
            "━ up",
            "  1│           ⣀⠤⠔⠒⠉",
            "0.5│     ⣀⡠⠤⠒⠊⠉",
            "  0│⣀⠤⠔⠒⠉",
            "   └────────────────",
            "    0              1",
        ])
    }

    @Test func aConstantSeriesIsAFlatLineInTheMiddle() {
        let chart = LineChart(series: [ChartSeries(name: "flat", points: (0...10).map { ChartPoint(Double($0), 0.5) })],
                              xRange: 0...10, yRange: 0...1)
        let lines = draw(chart, height: 7)
        // 4 plot rows = 16 dot rows; y = 0.5 maps to dot row round(0.5 × 15) = 8: cell row 2
        // (screen row 3), dot row 0 (⠉). Labels: top, row 1 + (4 − 1) / 2 = 2, bottom.
        #expect(lines[3] == "   │" + String(repeating: "⠉", count: 16))
        #expect(lines[1].hasPrefix("  1│") && lines[2].hasPrefix("0.5│") && lines[4].hasPrefix("  0│"))
    }

    @Test func notANumberBreaksTheLineAndOutOfRangeIsClamped() {
        let chart = LineChart(series: [ChartSeries(name: "s", points: [ChartPoint(0, 5), ChartPoint(1, .nan), ChartPoint(2, -5)])],
                              xRange: 0...2, yRange: 0...1)
        let lines = draw(chart)
        // Two single dots: top-left (clamped from 5) and bottom-right (clamped from −5), nothing between.
        #expect(lines[1] == "  1│⠁")
        #expect(lines[2] == "0.5│")
        #expect(lines[3] == "  0│" + String(repeating: " ", count: 15) + "⢀")
    }

    @Test func asciiUsesTheSeriesMarks() {
        let chart = LineChart(series: [ChartSeries(name: "a", points: [ChartPoint(0, 0), ChartPoint(1, 1)], asciiMark: "*"),
                                       ChartSeries(name: "b", points: [ChartPoint(0, 1), ChartPoint(1, 1)], asciiMark: "o")],
                              xRange: 0...1, yRange: 0...1)
        // One mark per cell: b along the top row, a rising below and on top where they meet.
        #expect(draw(chart, charset: .ascii) == [
            "* a  o b",
            "  1|oooooooooooo****",
            "0.5|    ********",
            "  0|****",
            "   +----------------",
            "    0              1",
        ])
    }

    @Test func markersSitOnTheirPointsCells() {
        let chart = LineChart(series: [ChartSeries(name: "t", points: [ChartPoint(0.5, 1)], marker: "●")], xRange: 0...1, yRange: 0...1)
        // x = 0.5 → dot column round(0.5 × 31) = 16 → cell 8; y = 1 → the top row.
        #expect(draw(chart)[1] == "  1│        ●")
    }

    @Test func derivedRangesCoverTheData() {
        let chart = LineChart(series: [ChartSeries(name: "s", points: [ChartPoint(2, 10), ChartPoint(4, 20)])])
        let (x, y) = chart.resolvedRanges
        #expect(x == 2...4)
        #expect(y == 9.5...20.5)
        #expect(formatChartNumber(0.25) == "0.25" && formatChartNumber(2.3989) == "2.4" && formatChartNumber(-0.0001) == "0"
                && formatChartNumber(12_345) == "12.3k" && formatChartNumber(.nan) == "NaN")
    }

    @Test func progressBarFillsByEighths() {
        func bar(_ f: Double, _ charset: Charset = .unicode) -> String {
            var buffer = Buffer(width: 10, height: 1, charset: charset)
            buffer.render(ProgressBar(fraction: f), in: buffer.area)
            return buffer.lines[0]
        }
        #expect(bar(0) == "░░░░░░░░░░")
        #expect(bar(0.5) == "█████░░░░░")
        #expect(bar(0.4625) == "████▋░░░░░")  // 37 eighths: 4 cells and 5/8
        #expect(bar(1) == "██████████")
        #expect(bar(.nan) == "░░░░░░░░░░")
        #expect(bar(0.5, .ascii) == "#####.....")
    }

    @Test func neverDrawsOutsideItsArea() {
        let chart = LineChart(series: [ChartSeries(name: "s", points: (0..<50).map { ChartPoint(Double($0), Double($0 % 7)) })])
        for (w, h) in [(0, 0), (3, 2), (8, 3), (30, 10)] {
            var buffer = Buffer(width: 40, height: 14)
            buffer.render(chart, in: Rect(x: 2, y: 2, width: w, height: h))
            for y in 0..<14 { for x in 0..<40 where !(x >= 2 && x < 2 + w && y >= 2 && y < 2 + h) { #expect(buffer[x, y].character == " ") } }
        }
    }
}
