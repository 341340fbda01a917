import CNN
import Foundation
import Terminal

extension DashboardScreen {
    static let right = Style(foreground: .green, bold: true)
    static let wrong = Palette.warning

    /// The name of class `k` (digits for MNIST, names for Fashion-MNIST), at most `width` wide.
    func className(_ k: Int, width: Int = 12) -> String {
        let names = state.info.classNames
        return truncate(k < names.count ? names[k] : "\(k)", toWidth: width)
    }

    // MARK: Predictions

    /// Test images with the model's answer (wrong ones marked ✗), and the confusion matrix.
    func renderPredictions(into buffer: inout Buffer, area: Rect) {
        let top = renderHeader(into: &buffer, area: area)
        let body = area.inset(top: top)
        let matrixWidth = 7 + 10 * 5
        let showMatrix = body.width >= matrixWidth + 30
        let digitsArea = showMatrix ? body.inset(right: matrixWidth + 2) : body
        guard let snapshot = state.snapshot, !snapshot.predictions.isEmpty else {
            buffer.write(Localized(en: "Predictions appear after the first second of training.",
                                   ko: "학습을 시작하고 1초쯤 지나면 예측이 나타납니다.")[language],
                         x: body.x, y: body.y, style: Palette.note, maxWidth: body.width)
            return
        }
        let first = snapshot.predictions[0]
        // Full size when at least two rows of four fit, else half size.
        var scale = 1
        var image = PixelImage(pixels: first.pixels, height: first.height, width: first.width, scale: scale)
        if (image.size.height + 1) * 2 > digitsArea.height || (image.size.width + 2) * 2 > digitsArea.width { scale = 2 }
        image.scale = scale
        let cellWidth = max(image.size.width, 10) + 2, cellHeight = image.size.height + 1
        let perRow = max(1, digitsArea.width / cellWidth)
        var rows = max(1, digitsArea.height / cellHeight)
        // When they do not all fit, the last row says how many more (and the digits leave it free).
        let pages = perRow * rows < snapshot.predictions.count
        if pages { rows = max(1, (digitsArea.height - 1) / cellHeight) }
        let shown = Self.pageSlice(count: snapshot.predictions.count, capacity: perRow * rows, page: page)
        if pages { renderMore(shown: shown, of: snapshot.predictions.count, into: &buffer, at: digitsArea.maxY - 1, x: digitsArea.x, width: digitsArea.width) }
        for (k, p) in snapshot.predictions[shown].enumerated() {
            let x = digitsArea.x + (k % perRow) * cellWidth, y = digitsArea.y + (k / perRow) * cellHeight
            PixelImage(pixels: p.pixels, height: p.height, width: p.width, scale: scale).render(into: &buffer, x: x, y: y)
            let label = p.isCorrect ? "\(className(p.predicted, width: cellWidth - 7)) ✓ \(Int((p.confidence * 100).rounded()))%"
                : "\(className(p.label, width: (cellWidth - 9) / 2))→\(className(p.predicted, width: (cellWidth - 9) / 2)) ✗ \(Int((p.confidence * 100).rounded()))%"
            buffer.write(label, x: x, y: y + image.size.height, style: p.isCorrect ? Self.right : Self.wrong, maxWidth: cellWidth - 1)
        }
        if showMatrix { renderConfusion(into: &buffer, area: Rect(x: body.maxX - matrixWidth, y: body.y, width: matrixWidth, height: body.height)) }
    }

    /// The items on page `page` (modulo the pages there are) when `capacity` fit at once.
    static func pageSlice(count: Int, capacity: Int, page: Int) -> Range<Int> {
        let capacity = max(1, capacity)
        let pages = max(1, (count + capacity - 1) / capacity)
        let start = (page % pages) * capacity
        return start..<min(count, start + capacity)
    }

    /// "5–8 of 12 · 4 more → PgDn" on the row `y`, right-aligned in `width`.
    func renderMore(shown: Range<Int>, of count: Int, into buffer: inout Buffer, at y: Int, x: Int, width: Int) {
        let rest = count - shown.upperBound
        let text = rest > 0
            ? Localized(en: "\(shown.lowerBound + 1)–\(shown.upperBound) of \(count) · \(rest) more → PgDn",
                        ko: "\(count)개 중 \(shown.lowerBound + 1)–\(shown.upperBound) · \(rest)개 더 → PgDn")[language]
            : Localized(en: "\(shown.lowerBound + 1)–\(shown.upperBound) of \(count) · PgDn first page",
                        ko: "\(count)개 중 \(shown.lowerBound + 1)–\(shown.upperBound) · PgDn 처음으로")[language]
        let w = displayWidth(text)
        buffer.fill(Rect(x: max(x, x + width - w - 1), y: y, width: min(width, w + 1), height: 1))
        buffer.write(text, x: max(x, x + width - w), y: y, style: Palette.accent, maxWidth: width)
    }

    /// Rows: true class; columns: predicted class; the diagonal (right answers) in green,
    /// mistakes in red.
    func renderConfusion(into buffer: inout Buffer, area: Rect) {
        let l = language
        guard let matrix = state.confusion else {
            buffer.write(Localized(en: "Confusion matrix: after the first epoch.", ko: "혼동 행렬: 첫 에포크가 끝나면 나타납니다.")[l],
                         x: area.x, y: area.y, style: Palette.note, maxWidth: area.width)
            return
        }
        let title = Localized(en: "Confusion (\(groupThousands(matrix.total)) test images, \(percent(Double(matrix.correct) / Double(max(1, matrix.total)))) right)",
                              ko: "혼동 행렬 (테스트 이미지 \(groupThousands(matrix.total))장, 정답률 \(percent(Double(matrix.correct) / Double(max(1, matrix.total)))))")[l]
        buffer.write(title, x: area.x, y: area.y, style: Palette.heading, maxWidth: area.width)
        buffer.write(Localized(en: "true ↓ predicted →", ko: "정답 ↓ 예측 →")[l], x: area.x, y: area.y + 1, style: Palette.note, maxWidth: area.width)
        let classes = matrix.counts.count
        var header = "     "
        for c in 0..<classes { header += pad("\(c)", toWidth: 5, alignment: .right) }
        buffer.write(header, x: area.x, y: area.y + 2, style: Palette.heading, maxWidth: area.width)
        for (r, row) in matrix.counts.enumerated() where area.y + 3 + r < area.maxY {
            let y = area.y + 3 + r
            buffer.write(pad("\(r)", toWidth: 4, alignment: .right) + " ", x: area.x, y: y, style: Palette.heading)
            for (c, n) in row.enumerated() {
                let style: Style = n == 0 ? Palette.note : (r == c ? Self.right : Style(foreground: .red, bold: true))
                buffer.write(pad(n == 0 ? "·" : "\(n)", toWidth: 5, alignment: .right), x: area.x + 5 + c * 5, y: y, style: style,
                             maxWidth: area.maxX - (area.x + 5 + c * 5))
            }
        }
        // Class names, when they are not the digits themselves.
        if state.info.classNames != (0..<classes).map(String.init) {
            var y = area.y + 3 + classes, x = area.x
            for (k, name) in state.info.classNames.enumerated() where y < area.maxY {
                let item = "\(k) \(name)  "
                if x + displayWidth(item) > area.maxX { y += 1; x = area.x; if y >= area.maxY { break } }
                x += buffer.write(item, x: x, y: y, style: Palette.note)
            }
        }
    }

    // MARK: Filters and feature maps

    /// The first layer's kernels as small heatmaps (grey = 0, white positive, black
    /// negative), then what each map of one layer shows for the first test digit.
    func renderFilters(into buffer: inout Buffer, area: Rect) {
        let l = language
        let top = renderHeader(into: &buffer, area: area)
        var y = area.y + top
        guard let snapshot = state.snapshot else {
            buffer.write(Localized(en: "Filters appear after the first second of training.", ko: "학습을 시작하고 1초쯤 지나면 필터가 나타납니다.")[l],
                         x: area.x, y: y, style: Palette.note, maxWidth: area.width)
            return
        }
        if let bank = snapshot.filters {
            let limit = bank.kernels.joined().map { abs($0) }.max() ?? 1
            buffer.write(Localized(en: "\(bank.layer): \(counted(bank.kernels.count, "kernel")) \(bank.kernelHeight)×\(bank.kernelWidth) (black −\(formatNumber(limit, digits: 2)), grey 0, white +\(formatNumber(limit, digits: 2)))",
                                   ko: "\(bank.layer): 커널 \(bank.kernels.count)개 \(bank.kernelHeight)×\(bank.kernelWidth) (검정 −\(formatNumber(limit, digits: 2)), 회색 0, 흰색 +\(formatNumber(limit, digits: 2)))")[l],
                         x: area.x, y: y, style: Palette.heading, maxWidth: area.width)
            y += 1
            // Kernels drawn two columns per weight, so they look square.
            let wide = bank.kernels.map { k in (0..<(bank.kernelHeight * bank.kernelWidth * 2)).map { k[($0 / (bank.kernelWidth * 2)) * bank.kernelWidth + ($0 % (bank.kernelWidth * 2)) / 2] } }
            var image = PixelImage(pixels: wide.first ?? [], height: bank.kernelHeight, width: bank.kernelWidth * 2, range: -limit...max(limit, 1e-6))
            image.twoTone = true
            let cell = image.size.width + 1
            let perRow = max(1, area.width / cell)
            let rows = (bank.kernels.count + perRow - 1) / perRow
            for (k, pixels) in wide.enumerated() where y + (k / perRow) * image.size.height < area.maxY {
                var picture = image
                picture.pixels = pixels
                picture.render(into: &buffer, x: area.x + (k % perRow) * cell, y: y + (k / perRow) * image.size.height)
            }
            y += rows * image.size.height + 1
        }
        guard !snapshot.featureMaps.isEmpty, y < area.maxY - 2 else { return }
        let set = snapshot.featureMaps[mapLayer % snapshot.featureMaps.count]
        let digit = snapshot.predictions.first
        buffer.write(Localized(en: "\(set.layer): \(counted(set.maps.count, "map")) \(set.height)×\(set.width) for a test \(digit.map { className($0.label) } ?? "") ([ ] change layer)",
                               ko: "\(set.layer): 특성 맵 \(set.maps.count)개 \(set.height)×\(set.width), 테스트 이미지 \(digit.map { className($0.label) } ?? "") ([ ]로 층 바꾸기)")[l],
                     x: area.x, y: y, style: Palette.heading, maxWidth: area.width)
        y += 1
        let room = Rect(x: area.x, y: y, width: area.width, height: area.maxY - y)
        // The largest size at which the digit and at least three maps fit side by side.
        var scale = 1
        while scale < 6 {
            let probe = PixelImage(pixels: [], height: set.height, width: set.width, scale: scale)
            let digitWidth = (digit?.width ?? 0) * probe.size.width / max(set.width, 1) + 2
            if probe.size.height <= room.height && digitWidth + (probe.size.width + 1) * min(3, set.maps.count) <= room.width { break }
            scale += 1
        }
        var left = room.x
        if let digit {
            var picture = PixelImage(pixels: digit.pixels, height: digit.height, width: digit.width, scale: max(1, scale * digit.height / max(set.height, 1)))
            picture.twoTone = false
            if picture.size.height <= room.height {
                picture.render(into: &buffer, x: left, y: y)
                left += picture.size.width + 2
            }
        }
        // Maps per page: the same grid the loop below fills (a row wraps when the next map would
        // pass the right edge; no row starts below the bottom).
        let mapSize = PixelImage(pixels: [], height: set.height, width: set.width, scale: scale).size
        let perRow = max(1, (room.maxX - left + 1) / (mapSize.width + 1))
        let rowsFit = max(1, (room.maxY - y + 1) / (mapSize.height + 1))
        let shown = Self.pageSlice(count: set.maps.count, capacity: perRow * rowsFit, page: page)
        if shown.count < set.maps.count { renderMore(shown: shown, of: set.maps.count, into: &buffer, at: y - 1, x: area.x, width: area.width) }
        var x = left, rowY = y
        for map in set.maps[shown] {
            let lo = map.min() ?? 0, hi = map.max() ?? 1
            var picture = PixelImage(pixels: map, height: set.height, width: set.width, range: lo...max(hi, lo + 1e-6), scale: scale)
            picture.twoTone = true
            if x + picture.size.width > room.maxX { x = left; rowY += picture.size.height + 1 }
            guard rowY + picture.size.height <= room.maxY else { break }
            picture.render(into: &buffer, x: x, y: rowY)
            x += picture.size.width + 1
        }
    }
}
