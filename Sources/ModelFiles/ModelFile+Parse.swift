import CNN
import Foundation

/// Reading model files (the format is described at `ModelFile`, in CNN).
extension ModelFile {
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
}
