import CNN

/// What the sliding-kernel scene convolves: an input, a kernel and the window options.
public struct SlidingConfig: Sendable, Equatable {
    public var input: Matrix
    public var kernel: Matrix
    public var bias: Float
    public var padding: Padding
    public var stride: Int
    public var dilation: Int
    public var mode: ConvMode

    public init(input: Matrix, kernel: Matrix, bias: Float = 0, padding: Padding = .valid,
                stride: Int = 1, dilation: Int = 1, mode: ConvMode = .correlate) {
        self.input = input
        self.kernel = kernel
        self.bias = bias
        self.padding = padding
        self.stride = stride
        self.dilation = dilation
        self.mode = mode
    }

    /// The default example: a 4×4 input and a 3×3 kernel, as in the seed notes,
    /// which gives a 2×2 feature map with valid padding.
    public static let example = SlidingConfig(
        input: Matrix(rows: 4, cols: 4, values: [3, 1, 0, 2,
                                                 5, 2, 4, 1,
                                                 0, 6, 1, 3,
                                                 2, 1, 5, 0]),
        kernel: Matrix(rows: 3, cols: 3, values: [1, 0, 1,
                                                  0, 2, 0,
                                                  1, 0, 1]))

    /// The engine's step-by-step record of this convolution.
    public func trace() throws(CNNError) -> ConvTrace {
        try ConvTrace(input: input, kernel: kernel, bias: bias, padding: padding,
                      stride: stride, dilation: dilation, mode: mode)
    }
}
