import CNN

/// A number in a quiz: a whole number (sizes, parameter counts) or a real one (cell values).
public enum QuizValue: Sendable, Equatable, Codable, CustomStringConvertible {
    case integer(Int)
    case real(Double)

    public var doubleValue: Double {
        switch self {
        case .integer(let n): Double(n)
        case .real(let x): x
        }
    }

    /// `13`, `4.5` (reals through the engine's `formatNumber`).
    public var description: String {
        switch self {
        case .integer(let n): String(n)
        case .real(let x): formatNumber(Float(x))
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self) { self = .integer(n) } else { self = .real(try c.decode(Double.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .integer(let n): try c.encode(n)
        case .real(let x):
            // The engine computes in Float: print its shortest decimal (0.1, not 0.10000000149).
            if x == x.rounded(), abs(x) < 1e15 { try c.encode(Int(x)) } else { try c.encode(Double(Float(x).description) ?? x) }
        }
    }
}

/// Why a question cannot be asked (the engine rejects it, or the cell lies outside the output).
public struct QuizQuestionError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    init(_ message: String) { description = message }
}

extension QuizQuestion {
    /// Whether the answer is a whole number (compared exactly) or a real one (within `tolerance`).
    public var wantsInteger: Bool {
        switch kind {
        case .size, .chain, .params: true
        case .cell, .pool: false
        }
    }

    /// Real answers are right within this distance of the engine's value.
    public static let tolerance = 1e-3

    /// The answer, computed by the engine: `AxisGeometry` for sizes, the layer specs'
    /// parameter counts, `ConvTrace` and `PoolTrace` for cells. Throws when the question
    /// cannot be answered (output smaller than 1, cell outside the output, …).
    public func expected() throws(QuizQuestionError) -> QuizValue {
        do {
            switch body {
            case .size(let q): return .integer(try q.geometry().outputSize)
            case .chain(let q): return .integer(try q.geometries().last!.outputSize)
            case .params(let q): return .integer(try q.paramCount())
            case .cell(let q): return .real(Double(try q.step().result))
            case .pool(let q): return .real(Double(try q.step().result))
            }
        } catch let error as QuizQuestionError {
            throw error
        } catch {
            throw QuizQuestionError("\(error)")
        }
    }

    /// Whether `answer` is right: exactly for whole numbers, within `tolerance` for reals.
    public func isCorrect(_ answer: Double, expected: QuizValue) -> Bool {
        switch expected {
        case .integer(let n): answer == Double(n)
        case .real(let x): abs(answer - x) <= Self.tolerance
        }
    }
}

extension SizeQuestion {
    /// The engine's geometry for these numbers.
    public func geometry() throws(CNNError) -> AxisGeometry {
        try AxisGeometry(input: n, kernel: k, stride: s, dilation: d, padding: p)
    }
}

extension ChainQuestion {
    /// One `AxisGeometry` per layer, each taking the previous output size as its input.
    public func geometries() throws -> [AxisGeometry] {
        var size = n
        var result: [AxisGeometry] = []
        for (index, layer) in layers.enumerated() {
            do {
                let g = try AxisGeometry(input: size, kernel: layer.k, stride: layer.stride, padding: layer.p)
                result.append(g)
                size = g.outputSize
            } catch {
                throw QuizQuestionError("layer \(index + 1) (\(layer.type.rawValue) k=\(layer.k)) on size \(size): \(error.description)")
            }
        }
        guard !result.isEmpty else { throw QuizQuestionError("a chain needs at least one layer") }
        return result
    }
}

extension ParamsQuestion {
    /// The layer as the engine describes it, with an input shape that fits.
    public var modelSpec: ModelSpec {
        switch self {
        case .conv(let k, let cIn, let cOut):
            ModelSpec(inputShape: [k, k, cIn], layers: [.conv2d(Conv2DSpec(filters: cOut, kernelSize: Size2(k)))])
        case .dense(let inputs, let units):
            ModelSpec(inputShape: [1, 1, inputs], layers: [.flatten, .dense(DenseSpec(units: units))])
        }
    }

    /// The parameter count from the engine's layer specs (`ModelSpec.layerInfos`).
    public func paramCount() throws(CNNError) -> Int {
        try modelSpec.layerInfos().last!.paramCount
    }
}

extension CellQuestion {
    public func trace() throws(CNNError) -> ConvTrace {
        try ConvTrace(input: input, kernel: kernel, padding: p, stride: s, mode: mode)
    }

    /// The traced output cell `(i, j)`.
    public func step() throws -> ConvStep {
        let t = try trace()
        guard i >= 0, j >= 0, i < t.output.rows, j < t.output.cols else {
            throw QuizQuestionError("cell (\(i), \(j)) is outside the \(t.output.rows)×\(t.output.cols) output")
        }
        return t.steps[i * t.output.cols + j]
    }
}

extension PoolQuestion {
    public func trace() throws(CNNError) -> PoolTrace {
        try PoolTrace(input: input, kind: pool, size: size, stride: stride)
    }

    /// The traced output cell `(i, j)`.
    public func step() throws -> PoolStep {
        let t = try trace()
        guard i >= 0, j >= 0, i < t.output.rows, j < t.output.cols else {
            throw QuizQuestionError("cell (\(i), \(j)) is outside the \(t.output.rows)×\(t.output.cols) output")
        }
        return t.steps[i * t.output.cols + j]
    }
}
