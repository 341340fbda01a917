import Foundation

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
public enum ModelFile {
    /// Names accepted by `builtin(_:)` and `load(_:)`.
    public static let builtinNames: [String] = BuiltinModels.all.map(\.name)

    /// A built-in model by name (`seed`, `small`), or nil.
    public static func builtin(_ name: String) -> ModelSpec? {
        BuiltinModels.all.first { $0.name == name }?.spec
    }

    /// A built-in name (`seed`, `small`) or the path of a YAML model file.
    public static func load(_ nameOrPath: String) throws(CNNError) -> ModelSpec {
        if let spec = builtin(nameOrPath) { return spec }
        guard FileManager.default.fileExists(atPath: nameOrPath) else {
            throw CNNError.io(path: nameOrPath, message:
                "no such model file (built-in models: \(builtinNames.joined(separator: ", ")))")
        }
        let bytes = try readFileBytes(nameOrPath, limit: 1 << 20)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CNNError.badFile(path: nameOrPath, line: nil, message: "not UTF-8 text")
        }
        return try parse(text, path: nameOrPath)
    }

    /// Parses a model file's text; `path` is only used in error messages.
    public static func parse(_ yaml: String, path: String) throws(CNNError) -> ModelSpec {
        try ModelFileParser(path: path).parse(yaml)
    }

    /// The model file for `spec`: only arguments that differ from Keras's defaults, one layer
    /// per line, in flow style. `parse(yaml(for: s), …) == s` for every spec whose paddings are
    /// `valid` or `same` (the only ones a model file can express).
    public static func yaml(for spec: ModelSpec) -> String {
        ModelFileWriter.yaml(for: spec)
    }
}
