/// One window layer of a stack, as far as the receptive field is concerned: a convolution or
/// a pooling of side `kernel`, moving `stride` cells, taps `dilation` apart, with `padding`.
public struct WindowLayer: Equatable, Hashable, Sendable {
    public enum Kind: String, Equatable, Hashable, Sendable, CaseIterable { case conv, pool }

    public var kind: Kind
    public var kernel: Int
    public var stride: Int
    public var dilation: Int
    public var padding: Padding

    public init(_ kind: Kind, kernel: Int, stride: Int = 1, dilation: Int = 1, padding: Padding = .valid) {
        self.kind = kind
        self.kernel = kernel
        self.stride = stride
        self.dilation = dilation
        self.padding = padding
    }

    /// Keras's `Conv2D(filters, kernel, strides)` (ReLU) or `MaxPooling2D(kernel, strides)`.
    public func layerSpec(filters: Int) -> LayerSpec {
        switch kind {
        case .conv:
            .conv2d(Conv2DSpec(filters: filters, kernelSize: Size2(kernel), strides: Size2(stride), padding: padding,
                               dilation: Size2(dilation), activation: .relu))
        case .pool:
            .maxPooling2d(PoolSpec(poolSize: Size2(kernel), strides: Size2(stride), padding: padding))
        }
    }
}

/// The receptive field of a stack of window layers along one axis: how many input cells one
/// output cell of each layer depends on.
///
/// Level 0 is the input (`r₀ = 1`, `j₀ = 1`, `a₀ = 0`); for layer `l` with effective kernel
/// `k_l = d_l(k_l − 1) + 1`, stride `s_l` and `p_l` cells of padding before the input:
///
///     r_l = r_{l−1} + (k_l − 1)·j_{l−1}      (the field's side)
///     j_l = j_{l−1}·s_l                      (input cells between neighbouring outputs)
///     a_l = a_{l−1} − p_l·j_{l−1}            (first input cell of output 0; < 0 is padding)
///
/// so output cell `i` of level `l` sees input cells `a_l + i·j_l … a_l + i·j_l + r_l − 1`
/// (a span: with `s > k` some cells inside it are skipped). Without padding that span is
/// exactly what the cell depends on; with padding it is the textbook field, and a cell near a
/// border depends on fewer inputs (its windows read zeros there). Output sizes come from
/// `AxisGeometry`, so a layer that does not fit throws as the model would.
public struct ReceptiveField: Equatable, Sendable {
    public struct Level: Equatable, Sendable {
        /// `r`: the side of the input region one cell sees.
        public let size: Int
        /// `j`: how far apart, in input cells, neighbouring cells' regions start.
        public let jump: Int
        /// `a`: the first input cell seen by cell 0 (negative: it starts in the padding).
        public let start: Int
        /// The number of cells of this level along the axis.
        public let outputSize: Int
    }

    public let inputSize: Int
    public let layers: [WindowLayer]
    /// `levels[0]` is the input; `levels[l]` is layer `l`'s output.
    public let levels: [Level]

    /// Throws `CNNError.shapeMismatch` naming the layer (1-based) whose window does not fit.
    public init(inputSize: Int, layers: [WindowLayer]) throws(CNNError) {
        var level = Level(size: 1, jump: 1, start: 0, outputSize: inputSize)
        var levels = [level]
        for (index, layer) in layers.enumerated() {
            let g: AxisGeometry
            do {
                g = try AxisGeometry(input: level.outputSize, kernel: layer.kernel, stride: layer.stride,
                                     dilation: layer.dilation, padding: layer.padding)
            } catch {
                throw CNNError.shapeMismatch("layer \(index + 1) (\(layer.kind.rawValue) \(layer.kernel)×\(layer.kernel)) on a \(level.outputSize)-cell input: \(error.description)")
            }
            level = Level(size: level.size + (g.effectiveKernel - 1) * level.jump,
                          jump: level.jump * layer.stride,
                          start: level.start - g.padBefore * level.jump,
                          outputSize: g.outputSize)
            levels.append(level)
        }
        self.inputSize = inputSize
        self.layers = layers
        self.levels = levels
    }

    /// The field of output cell `cell` of level `level` in input coordinates, padding
    /// included: `a + i·j … a + i·j + r − 1`.
    public func span(cell: Int, level: Int) -> ClosedRange<Int> {
        let l = levels[level]
        let first = l.start + cell * l.jump
        return first...(first + l.size - 1)
    }

    /// `span` clipped to the input (`0..<inputSize`); nil when it covers only padding.
    public func region(cell: Int, level: Int) -> ClosedRange<Int>? {
        let s = span(cell: cell, level: level)
        let lower = max(s.lowerBound, 0), upper = min(s.upperBound, inputSize - 1)
        return lower <= upper ? lower...upper : nil
    }

    /// The middle cell of a level (the lower one of two middles).
    public func centre(level: Int) -> Int { (levels[level].outputSize - 1) / 2 }
}
