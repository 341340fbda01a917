/// Model files: Keras-style YAML descriptions of a sequential convnet.
///
///     input: [28, 28, 1]            # height, width, channels
///     layers:
///       - conv2d: {filters: 32, kernel_size: 3, activation: relu}
///       - max_pooling2d: {pool_size: 2}
///       - conv2d: {filters: 64, kernel_size: [3, 3], padding: same, strides: 1}
///       - average_pooling2d: {pool_size: 2, strides: 2}
///       - flatten                   # or `flatten: {}` / `flatten:`
///       - dropout: {rate: 0.5}
///       - dense: {units: 10, activation: softmax}
///
/// Layers and arguments use Keras's names and defaults:
///
/// | layer | arguments |
/// |---|---|
/// | `conv2d` | `filters`, `kernel_size`, `strides`, `padding` (`valid`/`same`), `dilation_rate`, `activation`, `use_bias` |
/// | `max_pooling2d`, `average_pooling2d` | `pool_size`, `strides` (default: `pool_size`), `padding` |
/// | `flatten` | — |
/// | `dense` | `units`, `activation`, `use_bias` |
/// | `dropout` | `rate` in [0, 1) |
/// | `activation` | `activation` |
///
/// `kernel_size`, `strides`, `pool_size` and `dilation_rate` take an int or a pair `[rows, cols]`.
/// Activations: `linear`, `relu`, `sigmoid`, `softmax`, `tanh`. Every error is a
/// `CNNError.badFile` with the file, the line, the layer and the argument; shapes are
/// checked too (a window larger than its input, `dense` before `flatten`).
///
/// Reading model files (`load`, `parse`) is the `ModelFiles` module's, which alone depends on
/// Yams: the engine compiles in parallel with the YAML library on a cold build.
public enum ModelFile {
    /// Names accepted by `builtin(_:)` and `load(_:)` (in `ModelFiles`).
    public static let builtinNames: [String] = BuiltinModels.all.map(\.name)

    /// A built-in model by name (`seed`, `small`), or nil.
    public static func builtin(_ name: String) -> ModelSpec? {
        BuiltinModels.all.first { $0.name == name }?.spec
    }

    /// The model file for `spec`: only arguments that differ from Keras's defaults, one layer
    /// per line, in flow style. `parse(yaml(for: s), …) == s` for every spec whose paddings are
    /// `valid` or `same` (the only ones a model file can express).
    public static func yaml(for spec: ModelSpec) -> String {
        ModelFileWriter.yaml(for: spec)
    }
}
