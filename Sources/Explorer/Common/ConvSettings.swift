import CNN

/// What a convolution scene convolves: an input, a kernel and the window options.
/// Shared by the sliding, padding, stride, flip, im2col and playground scenes.
///
/// YAML keys (and CLI flags): `input`, `kernel`, `padding`, `stride`, `dilation`, `mode`, `bias`.
public struct ConvSettings: SceneSettings, Equatable {
    public var input: Matrix
    public var kernel: Matrix
    public var bias: Float
    public var padding: Padding
    public var stride: Int
    public var dilation: Int
    public var mode: ConvMode

    public static let settings = SettingSpec.convolution

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

    public init() { self = .example }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SettingKey.self)
        let d = ConvSettings.example
        input = try c.matrix(.input, default: d.input)
        kernel = try c.matrix(.kernel, default: d.kernel)
        padding = try c.padding(.padding, default: d.padding)
        stride = try c.integer(.stride, default: 1)
        dilation = try c.integer(.dilation, default: 1)
        mode = try ConvMode(parsing: c.choice(.mode, default: "correlate"))
        bias = try c.number(.bias, default: 0)
    }

    public func validate() throws(SettingsProblem) {
        do { _ = try trace() } catch { throw SettingsProblem(nil, error.description) }
    }

    /// The default example: a 4×4 input and a 3×3 kernel, as in the seed notes,
    /// which gives a 2×2 feature map with valid padding.
    public static let example = ConvSettings(
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
