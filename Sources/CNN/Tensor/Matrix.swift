import Foundation

/// A dense row-major 2-D matrix of `Float`: the single-channel input and kernel of the teaching scenes.
public struct Matrix: Equatable, Hashable, Sendable {
    public let rows: Int
    public let cols: Int
    /// Row-major storage: element `(r, c)` is `values[r * cols + c]`.
    public var values: [Float]

    public init(rows: Int, cols: Int, values: [Float]) {
        precondition(rows >= 0 && cols >= 0 && values.count == rows * cols, "Matrix: \(values.count) values for \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    public init(rows: Int, cols: Int, repeating value: Float = 0) {
        self.init(rows: rows, cols: cols, values: Array(repeating: value, count: rows * cols))
    }

    /// From nested rows; throws when they are empty or ragged.
    public init(_ nested: [[Float]]) throws(CNNError) {
        guard let first = nested.first, !first.isEmpty else {
            throw CNNError.shapeMismatch("matrix is empty")
        }
        for (i, row) in nested.enumerated() where row.count != first.count {
            throw CNNError.shapeMismatch("matrix is ragged: row 1 has \(first.count) values, row \(i + 1) has \(row.count)")
        }
        self.init(rows: nested.count, cols: first.count, values: nested.flatMap { $0 })
    }

    /// Parses rows separated by `;` (or newlines), values separated by spaces or commas:
    /// `"1 2 3 4; 5 6 7 8"`. Throws naming the offending row/column for a ragged,
    /// empty, non-numeric or non-finite entry.
    public init(parsing text: String) throws(CNNError) {
        let rowTexts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == ";" || $0 == "\n" })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        var nested: [[Float]] = []
        for (i, rowText) in rowTexts.enumerated() {
            if rowText.isEmpty {
                if i == rowTexts.count - 1 && i > 0 { continue } // tolerate a trailing ';'
                throw CNNError.shapeMismatch("matrix row \(i + 1) is empty")
            }
            var row: [Float] = []
            for (j, token) in rowText.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).enumerated() {
                guard let value = Float(token), value.isFinite else {
                    throw CNNError.invalidArgument("matrix row \(i + 1), column \(j + 1): '\(token)' is not a number")
                }
                row.append(value)
            }
            nested.append(row)
        }
        try self.init(nested)
    }

    @inlinable public subscript(row: Int, col: Int) -> Float {
        get { values[row * cols + col] }
        set { values[row * cols + col] = newValue }
    }

    /// The rows as nested arrays (for JSON and display).
    public var nestedRows: [[Float]] {
        (0..<rows).map { r in Array(values[(r * cols)..<((r + 1) * cols)]) }
    }

    /// The matrix rotated by 180°: `w'[u, v] = w[rows−1−u, cols−1−v]`.
    public var rotated180: Matrix {
        Matrix(rows: rows, cols: cols, values: values.reversed())
    }
}

extension Matrix {
    /// The rows in reverse order: `w'[u, v] = w[rows−1−u, v]` (half of a 180° rotation).
    public var flippedUpDown: Matrix {
        Matrix(rows: rows, cols: cols, values: (0..<rows).reversed().flatMap { r in values[(r * cols)..<((r + 1) * cols)] })
    }

    /// Each row reversed: `w'[u, v] = w[u, cols−1−v]`; `flippedUpDown.flippedLeftRight == rotated180`.
    public var flippedLeftRight: Matrix {
        Matrix(rows: rows, cols: cols, values: (0..<rows).flatMap { r in values[(r * cols)..<((r + 1) * cols)].reversed() })
    }
}
