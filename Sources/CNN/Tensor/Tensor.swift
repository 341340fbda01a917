/// A dense Float32 tensor with reference semantics and stable, preallocated storage.
///
/// Shape letters used throughout the engine (as in llm.c):
/// - `N` batch size (samples), `H` rows (height), `W` columns (width), `C` channels;
/// - `F` filters (output channels), `KH`×`KW` kernel rows × columns, `OH`×`OW` output rows × columns;
/// - `M = N·OH·OW` (rows of an im2col matrix), `K = KH·KW·C` (its columns).
///
/// Images are NHWC (channels last, as Keras): element `[n, h, w, c]` sits at
/// `((n·H + h)·W + w)·C + c`. Conv kernels are `[KH, KW, C, F]` (Keras layout) and dense
/// kernels `[in, out]`; every tensor is row-major ("C order") over its shape.
///
/// Storage is allocated once with a fixed `capacity`; `reshape` changes the logical shape
/// within it without allocating, so the short last batch of an epoch reuses the full-size
/// buffer. A class rather than a struct: no copy-on-write, and `data` stays valid (and
/// at the same address) for the tensor's whole lifetime.
public final class Tensor {
    /// The logical shape; `count` is its product.
    public private(set) var shape: [Int]
    public private(set) var count: Int
    /// Number of floats allocated; `count ≤ capacity` always.
    public let capacity: Int
    /// The first element; `count` valid elements follow (64-byte aligned).
    public let data: UnsafeMutablePointer<Float>

    /// A zero-filled tensor of `shape`, with room for `capacity` elements (default: exactly the shape).
    public init(shape: [Int], capacity: Int? = nil) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in \(shape)")
        let n = shape.reduce(1, *)
        let cap = max(capacity ?? n, n, 1)
        self.shape = shape
        self.count = n
        self.capacity = cap
        let raw = UnsafeMutableRawPointer.allocate(byteCount: cap * MemoryLayout<Float>.stride, alignment: 64)
        self.data = raw.bindMemory(to: Float.self, capacity: cap)
        data.initialize(repeating: 0, count: cap)
    }

    /// A tensor holding a copy of `values` (which must have `shape`'s element count).
    public convenience init(shape: [Int], values: [Float]) {
        self.init(shape: shape)
        precondition(values.count == count, "Tensor: \(values.count) values for shape \(shape)")
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: count) }
    }

    deinit { data.deallocate() }

    /// Changes the logical shape in place; the element count must fit in `capacity`.
    /// Element values are left as they are (whatever the buffer held).
    public func reshape(_ newShape: [Int]) {
        let n = newShape.reduce(1, *)
        precondition(n <= capacity, "Tensor.reshape: \(newShape) needs \(n) > capacity \(capacity)")
        shape = newShape
        count = n
    }

    /// A copy of the `count` valid elements.
    public var values: [Float] { Array(UnsafeBufferPointer(start: data, count: count)) }

    /// The valid elements as a buffer (no copy; valid while the tensor lives).
    public var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: data, count: count) }

    public subscript(_ i: Int) -> Float {
        get { data[i] }
        set { data[i] = newValue }
    }

    /// Row-major flat index of a multi-index (checked).
    public func offset(_ index: [Int]) -> Int {
        precondition(index.count == shape.count, "Tensor: index \(index) for shape \(shape)")
        var o = 0
        for (i, d) in zip(index, shape) {
            precondition(i >= 0 && i < d, "Tensor: index \(index) out of shape \(shape)")
            o = o * d + i
        }
        return o
    }

    public subscript(index: [Int]) -> Float {
        get { data[offset(index)] }
        set { data[offset(index)] = newValue }
    }

    /// Sets every valid element to `value`.
    public func fill(_ value: Float) { data.update(repeating: value, count: count) }

    /// Copies `count` elements from `other` (shapes must have the same element count).
    public func copy(from other: Tensor) {
        precondition(other.count == count, "Tensor.copy: \(other.shape) into \(shape)")
        data.update(from: other.data, count: count)
    }

    /// An immutable copy for other threads (visualisation, checkpoints, tests).
    public var snapshot: TensorSnapshot { TensorSnapshot(shape: shape, values: values) }
}

/// A plain-value copy of a tensor: shape and row-major values. Safe to hand to another thread.
public struct TensorSnapshot: Equatable, Sendable {
    public var shape: [Int]
    public var values: [Float]
    public init(shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "TensorSnapshot: \(values.count) values for \(shape)")
        self.shape = shape
        self.values = values
    }
}
