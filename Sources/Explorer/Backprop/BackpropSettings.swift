import CNN

/// The backprop scene's settings: the forward convolution (`input`, `kernel`, `padding`,
/// `stride`, `dilation`; always cross-correlation, as Keras's Conv2D trains), the upstream
/// gradient `upstream` (default: all ones, the forward output's shape) and the `view` to open.
public struct BackpropSettings: SceneSettings, Equatable {
    public var input: Matrix
    public var kernel: Matrix
    public var padding: Padding
    public var stride: Int
    public var dilation: Int
    /// `∂L/∂y`; nil: all ones.
    public var upstream: Matrix?
    public var view: Int

    public static let upstreamSpec = SettingSpec("upstream", .matrix(maxSize: SettingsLimits.maxInput), default: "all ones", Localized(
        en: "∂L/∂y, the gradient arriving from above: the forward output's shape",
        ko: "∂L/∂y, 위층에서 내려오는 기울기: 순전파 출력과 같은 모양"))
    public static let viewSpec = SettingSpec("view", .integer(1...BackpropScene.View.allCases.count), default: "1", Localized(
        en: "the view to open: 1 forward and ∂L/∂y, 2 ∂L/∂x, 3 ∂L/∂w, 4 ∂L/∂b and the check",
        ko: "열 화면: 1 순전파와 ∂L/∂y, 2 ∂L/∂x, 3 ∂L/∂w, 4 ∂L/∂b와 검산"))

    public static let settings: [SettingSpec] = [.input, .kernel, .padding, .stride, .dilation, upstreamSpec, viewSpec]

    public init() {
        let d = ConvSettings.example
        input = d.input
        kernel = d.kernel
        padding = d.padding
        stride = d.stride
        dilation = d.dilation
        upstream = nil
        view = 1
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SettingKey.self)
        self.init()
        input = try c.matrix(SettingSpec.input, default: input)
        kernel = try c.matrix(SettingSpec.kernel, default: kernel)
        padding = try c.padding(SettingSpec.padding, default: padding)
        stride = try c.integer(SettingSpec.stride, default: stride)
        dilation = try c.integer(SettingSpec.dilation, default: dilation)
        if c.contains(Self.upstreamSpec) { upstream = try c.matrix(Self.upstreamSpec, default: Matrix(rows: 1, cols: 1)) }
        view = try c.integer(Self.viewSpec, default: 1)
    }

    /// The forward geometry; throws naming `upstream` when it is not the output's shape.
    public func validate() throws(SettingsProblem) {
        let g: ConvGeometry
        do {
            g = try ConvTrace.geometry(input: input, kernel: kernel, padding: padding, stride: stride, dilation: dilation)
        } catch { throw SettingsProblem(nil, error.description) }
        if let upstream, upstream.rows != g.outputRows || upstream.cols != g.outputCols {
            throw SettingsProblem("upstream", "is \(upstream.rows)×\(upstream.cols) but must have the forward output's shape \(g.outputRows)×\(g.outputCols)")
        }
    }

    /// `upstream`, or all ones of the forward output's shape.
    public func upstreamMatrix() throws(CNNError) -> Matrix {
        if let upstream { return upstream }
        let g = try ConvTrace.geometry(input: input, kernel: kernel, padding: padding, stride: stride, dilation: dilation)
        return Matrix(rows: g.outputRows, cols: g.outputCols, repeating: 1)
    }
}
