import Foundation

/// Keras 3's `model.summary()` for a `ModelSpec`, as plain text.
///
/// Keras draws the table with `rich` at its default 88 columns, which gives cells of
/// 38, 29 and 17 characters (one space of padding on each side), a heavy header
/// (`┏━┳━┓`, `┃`, `┡━╇━┩`), light rows separated by `├─┼─┤`, and `└─┴─┘` at the
/// bottom. Text that does not fit wraps at spaces inside its cell. Below the table:
///
///      Total params: 93,322 (364.54 KB)
///      Trainable params: 93,322 (364.54 KB)
///      Non-trainable params: 0 (0.00 B)
///
/// Sizes are 4 bytes per (float32) parameter, in units of 1024.
extension ModelSpec {
    /// The summary, lines separated by `\n`, without a final newline.
    public func summary(modelName: String = "sequential") throws(CNNError) -> String {
        let infos = try layerInfos()
        var total = 0
        for info in infos {
            let (sum, overflow) = total.addingReportingOverflow(info.paramCount)
            guard !overflow else { throw CNNError.shapeMismatch("the model has too many parameters to count") }
            total = sum
        }
        let rows = infos.map { info in
            ["\(info.name) (\(info.typeName))", LayerSpec.format(info.outputShape), groupThousands(info.paramCount)]
        }
        let size = readableByteSize(Double(total) * 4)
        var lines = ["Model: \"\(modelName)\""]
        lines += SummaryTable.render(header: ["Layer (type)", "Output Shape", "Param #"], rows: rows)
        lines.append(" Total params: \(groupThousands(total)) (\(size))")
        lines.append(" Trainable params: \(groupThousands(total)) (\(size))")
        lines.append(" Non-trainable params: 0 (\(readableByteSize(0)))")
        return lines.joined(separator: "\n")
    }
}

/// `18496` → `18,496` (Python's `f"{n:,}"`).
public func groupThousands(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return n < 0 ? "-" + out : out
}

/// Keras's `readable_memory_size`: divide by 1024 while ≥ 1024, two decimals
/// (`0.00 B`, `364.54 KB`, `1.20 MB`).
func readableByteSize(_ bytes: Double) -> String {
    var value = bytes
    for unit in ["B", "KB", "MB", "GB", "TB"] {
        if value / 1024 < 1 { return String(format: "%.2f %@", value, unit) }
        value /= 1024
    }
    return String(format: "%.2f PB", value)
}

/// The three-column box table of a Keras summary; see `ModelSpec.summary()`.
enum SummaryTable {
    /// Cell widths including one space of padding on each side.
    static let cellWidths = [38, 29, 17]
    /// Which columns are right-aligned (the parameter count).
    static let rightAligned = [false, false, true]

    static func render(header: [String], rows: [[String]]) -> [String] {
        func rule(_ left: String, _ fill: String, _ mid: String, _ right: String) -> String {
            left + cellWidths.map { String(repeating: fill, count: $0) }.joined(separator: mid) + right
        }
        var lines = [rule("┏", "━", "┳", "┓")]
        lines += cells(header, bar: "┃")
        lines.append(rule("┡", "━", "╇", "┩"))
        for (i, row) in rows.enumerated() {
            if i > 0 { lines.append(rule("├", "─", "┼", "┤")) }
            lines += cells(row, bar: "│")
        }
        lines.append(rule("└", "─", "┴", "┘"))
        return lines
    }

    /// One table row, as many lines as its tallest wrapped cell.
    private static func cells(_ texts: [String], bar: String) -> [String] {
        let wrapped = texts.enumerated().map { wrap($0.element, width: cellWidths[$0.offset] - 2) }
        let height = wrapped.map(\.count).max() ?? 1
        return (0..<height).map { line in
            let parts = wrapped.enumerated().map { column, cellLines in
                let text = line < cellLines.count ? cellLines[line] : ""
                let pad = String(repeating: " ", count: max(0, cellWidths[column] - 2 - text.count))
                return " " + (rightAligned[column] ? pad + text : text + pad) + " "
            }
            return bar + parts.joined(separator: bar) + bar
        }
    }

    /// Greedy word wrap at spaces; a word longer than `width` is cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            if current.isEmpty {
                while word.count > width {
                    lines.append(String(word.prefix(width)))
                    word = word.dropFirst(width)
                }
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = ""
                while word.count > width {
                    lines.append(String(word.prefix(width)))
                    word = word.dropFirst(width)
                }
                current = String(word)
            }
        }
        lines.append(current)
        return lines
    }
}
