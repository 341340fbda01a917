/// A model description: what a YAML model file or a built-in name (`seed`, `small`) says.
/// Uses Keras's layer and argument names. Building layers from it is the engine's job;
/// parsing it from YAML is `ModelFile`'s.
public struct ModelSpec: Equatable, Sendable {
    /// Input shape as `[height, width, channels]` (NHWC without the batch).
    public var inputShape: [Int]
    public var layers: [LayerSpec]

    public init(inputShape: [Int], layers: [LayerSpec]) {
        self.inputShape = inputShape
        self.layers = layers
    }
}

/// Keras activation names.
public enum Activation: String, Equatable, Sendable, CaseIterable {
    case linear, relu, sigmoid, softmax, tanh
}

/// A pair of sizes, `(rows, cols)`; Keras accepts an int (both) or a pair.
public struct Size2: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var rows: Int
    public var cols: Int
    public init(_ rows: Int, _ cols: Int) { self.rows = rows; self.cols = cols }
    public init(_ both: Int) { self.init(both, both) }
    public var description: String { "(\(rows), \(cols))" }
}

/// One layer of a `ModelSpec`, with Keras's defaults.
public enum LayerSpec: Equatable, Sendable {
    case conv2d(Conv2DSpec)
    case maxPooling2d(PoolSpec)
    case averagePooling2d(PoolSpec)
    case flatten
    case dense(DenseSpec)
    case dropout(rate: Float)
    case activation(Activation)
}

public struct Conv2DSpec: Equatable, Sendable {
    public var filters: Int
    public var kernelSize: Size2
    public var strides: Size2 = Size2(1)
    /// `.valid` or `.same` (Keras semantics).
    public var padding: Padding = .valid
    public var dilation: Size2 = Size2(1)
    public var activation: Activation = .linear
    public var useBias: Bool = true

    public init(filters: Int, kernelSize: Size2, strides: Size2 = Size2(1), padding: Padding = .valid,
                dilation: Size2 = Size2(1), activation: Activation = .linear, useBias: Bool = true) {
        self.filters = filters
        self.kernelSize = kernelSize
        self.strides = strides
        self.padding = padding
        self.dilation = dilation
        self.activation = activation
        self.useBias = useBias
    }
}

public struct PoolSpec: Equatable, Sendable {
    public var poolSize: Size2
    /// `nil` means `poolSize` (Keras's default).
    public var strides: Size2?
    public var padding: Padding = .valid

    public init(poolSize: Size2, strides: Size2? = nil, padding: Padding = .valid) {
        self.poolSize = poolSize
        self.strides = strides
        self.padding = padding
    }
}

public struct DenseSpec: Equatable, Sendable {
    public var units: Int
    public var activation: Activation = .linear
    public var useBias: Bool = true

    public init(units: Int, activation: Activation = .linear, useBias: Bool = true) {
        self.units = units
        self.activation = activation
        self.useBias = useBias
    }
}
