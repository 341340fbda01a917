/// Shape inference and parameter counts for a `ModelSpec`, computed from the spec alone.
///
/// Shapes are per sample (no batch axis): `[height, width, channels]` for images,
/// `[n]` after `flatten` or `dense`. Output sizes of convolutions and poolings come from
/// `AxisGeometry`. Parameter counts follow Keras:
///
/// - `Conv2D`: `kh·kw·c_in·filters + filters` (the bias term only with `use_bias`)
/// - `Dense`:  `n_in·units + units` (likewise)
/// - pooling, `Flatten`, `Dropout`, `Activation`: 0

/// One row of a model summary.
public struct LayerInfo: Sendable, Equatable {
    /// Keras's automatic name (`conv2d`, `max_pooling2d_1`, …).
    public let name: String
    /// Keras's class name (`Conv2D`, `MaxPooling2D`, …).
    public let typeName: String
    /// Output shape without the batch axis.
    public let outputShape: [Int]
    public let paramCount: Int

    public init(name: String, typeName: String, outputShape: [Int], paramCount: Int) {
        self.name = name
        self.typeName = typeName
        self.outputShape = outputShape
        self.paramCount = paramCount
    }
}

extension ModelSpec {
    /// Name, type, output shape and parameter count of every layer, in order.
    /// Throws `CNNError.shapeMismatch` naming the layer when a shape does not fit
    /// (a window larger than its input, `dense` on an unflattened tensor, …).
    public func layerInfos() throws(CNNError) -> [LayerInfo] {
        try Self.validateInput(inputShape)
        let names = layerNames
        var shape = inputShape
        var infos: [LayerInfo] = []
        infos.reserveCapacity(layers.count)
        for (i, layer) in layers.enumerated() {
            let step: (shape: [Int], params: Int)
            do throws(LayerShapeError) {
                step = try layer.infer(input: shape)
            } catch {
                throw CNNError.shapeMismatch("layer \(i + 1) (\(names[i])): \(error.message)")
            }
            shape = step.shape
            infos.append(LayerInfo(name: names[i], typeName: layer.kerasTypeName, outputShape: shape, paramCount: step.params))
        }
        return infos
    }

    /// The number of trainable parameters (all of them are trainable).
    public func totalParams() throws(CNNError) -> Int {
        var total = 0
        for info in try layerInfos() {
            let (sum, overflow) = total.addingReportingOverflow(info.paramCount)
            guard !overflow else { throw CNNError.shapeMismatch("the model has too many parameters to count") }
            total = sum
        }
        return total
    }

    /// The output shape of the whole model (the input shape when there are no layers).
    public func outputShape() throws(CNNError) -> [Int] {
        try layerInfos().last?.outputShape ?? inputShape
    }

    /// Checks that an input shape is `[height, width, channels]` with every size ≥ 1.
    static func validateInput(_ shape: [Int]) throws(CNNError) {
        guard shape.count == 3 else {
            throw CNNError.shapeMismatch("input must be [height, width, channels], not \(shape)")
        }
        guard shape.allSatisfy({ $0 >= 1 }) else {
            throw CNNError.shapeMismatch("input sizes must be ≥ 1, not \(shape)")
        }
        guard checkedProduct(shape) != nil else {
            throw CNNError.shapeMismatch("input \(shape) is too large")
        }
    }
}

/// Why one layer cannot take its input; the caller adds where (layer number, file line).
package struct LayerShapeError: Error {
    package let message: String
    init(_ message: String) { self.message = message }
}

/// The product of `values`, or nil on overflow.
package func checkedProduct(_ values: [Int]) -> Int? {
    var p = 1
    for v in values {
        let (r, o) = p.multipliedReportingOverflow(by: v)
        if o { return nil }
        p = r
    }
    return p
}

extension LayerSpec {
    /// This layer's output shape and parameter count for a given input shape.
    package func infer(input: [Int]) throws(LayerShapeError) -> (shape: [Int], params: Int) {
        switch self {
        case .conv2d(let c):
            let (h, w, cin) = try Self.image(input, key: kerasKey)
            guard c.filters >= 1 else { throw LayerShapeError("filters must be ≥ 1, not \(c.filters)") }
            let rows = try Self.axis(h, c.kernelSize.rows, c.strides.rows, c.dilation.rows, c.padding, what: "height")
            let cols = try Self.axis(w, c.kernelSize.cols, c.strides.cols, c.dilation.cols, c.padding, what: "width")
            guard let weights = checkedProduct([c.kernelSize.rows, c.kernelSize.cols, cin, c.filters]),
                  case let (params, false) = weights.addingReportingOverflow(c.useBias ? c.filters : 0)
            else { throw LayerShapeError("too many parameters") }
            return ([rows, cols, c.filters], params)
        case .maxPooling2d(let p), .averagePooling2d(let p):
            let (h, w, cin) = try Self.image(input, key: kerasKey)
            let strides = p.strides ?? p.poolSize
            let rows = try Self.axis(h, p.poolSize.rows, strides.rows, 1, p.padding, what: "height")
            let cols = try Self.axis(w, p.poolSize.cols, strides.cols, 1, p.padding, what: "width")
            return ([rows, cols, cin], 0)
        case .flatten:
            guard let n = checkedProduct(input) else { throw LayerShapeError("input \(input) is too large to flatten") }
            return ([n], 0)
        case .dense(let d):
            guard input.count == 1 else {
                throw LayerShapeError("dense needs a flat input; add flatten (its input is \(Self.format(input)))")
            }
            guard d.units >= 1 else { throw LayerShapeError("units must be ≥ 1, not \(d.units)") }
            guard case let (weights, false) = input[0].multipliedReportingOverflow(by: d.units),
                  case let (params, false) = weights.addingReportingOverflow(d.useBias ? d.units : 0)
            else { throw LayerShapeError("too many parameters") }
            return ([d.units], params)
        case .dropout(let rate):
            guard rate >= 0, rate < 1 else { throw LayerShapeError("rate must be in [0, 1), not \(rate)") }
            return (input, 0)
        case .activation:
            return (input, 0)
        }
    }

    /// Splits an image shape, or explains that the layer needs one.
    private static func image(_ s: [Int], key: String) throws(LayerShapeError) -> (Int, Int, Int) {
        guard s.count == 3 else {
            throw LayerShapeError("\(key) needs a (height, width, channels) input, not \(format(s))")
        }
        return (s[0], s[1], s[2])
    }

    /// One axis through `AxisGeometry`, with the message rephrased for a model file.
    private static func axis(_ n: Int, _ k: Int, _ s: Int, _ d: Int, _ padding: Padding,
                             what: String) throws(LayerShapeError) -> Int {
        do {
            return try AxisGeometry(input: n, kernel: k, stride: s, dilation: d, padding: padding).outputSize
        } catch {
            switch error {
            case .shapeMismatch:
                let kEff = d * (k - 1) + 1
                throw LayerShapeError("the window (\(kEff)) is larger than the input \(what) (\(n)): the output would be smaller than 1×1")
            default:
                throw LayerShapeError(error.description)
            }
        }
    }

    /// `(None, 26, 26, 32)`: Keras's way of printing a shape with its batch axis.
    public static func format(_ shape: [Int]) -> String {
        "(" + (["None"] + shape.map(String.init)).joined(separator: ", ") + ")"
    }
}
