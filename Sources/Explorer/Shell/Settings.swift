import CNN
import Yams

/// A screen's settings: a plain `Decodable` value with defaults for every key left out,
/// built the same way from command-line flags and from YAML (a lesson's `scene` block).
public protocol SceneSettings: Decodable, Sendable {
    /// The settings accepted, declared once (key, values, default, help).
    static var settings: [SettingSpec] { get }
    /// The default settings (every key left out).
    init()
    /// Checks ranges and combinations; throws naming the key at fault.
    func validate() throws(SettingsProblem)
}

extension SceneSettings {
    public func validate() throws(SettingsProblem) {}
    /// The keys the settings accept (YAML keys; the CLI flag is `--` + the key with `_` → `-`).
    public static var keys: [String] { settings.map(\.key) }
}

/// A problem with one setting (`key` nil: with the combination).
public struct SettingsProblem: Error, Sendable, Equatable {
    public let key: String?
    public let message: String

    public init(_ key: String?, _ message: String) {
        self.key = key
        self.message = message
    }
}

/// Where a screen's settings come from.
public enum SettingsSource: Sendable {
    /// Every key at its default.
    case defaults
    /// A YAML mapping from `file`; `firstLine` is the file line of the YAML's first line
    /// (1 for a whole file, later for a block inside a lesson).
    case yaml(String, file: String, firstLine: Int)
    /// Command-line flags: key → the text given (`["kernel": "-1 0 1"]`).
    case flags([String: String])
}

/// A settings error, located: `file:line: message` for YAML, `--flag: message` for flags.
public struct SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String?
    public let line: Int?
    public let flag: String?
    public let message: String

    public init(file: String? = nil, line: Int? = nil, flag: String? = nil, message: String) {
        (self.file, self.line, self.flag, self.message) = (file, line, flag, message)
    }

    public var description: String {
        if let file { return line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
        if let flag { return "--\(flag): \(message)" }
        return message
    }
}

/// Decodes and validates settings of type `T` from `source`: the one path every screen's
/// settings take. Unknown keys are errors (a typo must not be silently ignored).
public func decodeSettings<T: SceneSettings>(_ type: T.Type, from source: SettingsSource) throws(SettingsError) -> T {
    switch source {
    case .defaults:
        return T()
    case .flags(let flags):
        if let unknown = flags.keys.sorted().first(where: { !T.keys.contains($0) }) {
            throw SettingsError(file: nil, line: nil, flag: cliFlag(unknown),
                                message: "not a setting of this screen (its settings: \(T.keys.map { "--" + cliFlag($0) }.joined(separator: ", ")))")
        }
        var pairs: [(Node, Node)] = []
        for (key, value) in flags.sorted(by: { $0.key < $1.key }) {
            pairs.append((Node(key), Node(value, Tag(.implicit), .plain)))
        }
        let node = Node.mapping(Node.Mapping(pairs))
        return try decode(T.self, node: node) { key, message in
            SettingsError(file: nil, line: nil, flag: key.map(cliFlag), message: message)
        }
    case .yaml(let text, let file, let firstLine):
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw SettingsError(file: file, line: yamlErrorLine(error).map { $0 + firstLine - 1 }, flag: nil,
                                message: "invalid YAML: \(yamlErrorText(error))")
        }
        let node = root ?? Node.mapping(Node.Mapping([]))
        func line(_ n: Node?) -> Int? { n?.mark.map { $0.line + firstLine - 1 } }
        guard case .mapping(let mapping) = node else {
            throw SettingsError(file: file, line: line(node), flag: nil, message: "expected settings as key: value lines")
        }
        for (key, _) in mapping {
            let name = key.string ?? "?"
            if !T.keys.contains(name) {
                throw SettingsError(file: file, line: line(key), flag: nil,
                                    message: "unknown setting '\(name)' (settings: \(T.keys.joined(separator: ", ")))")
            }
        }
        return try decode(T.self, node: node) { key, message in
            let keyNode = key.flatMap { k in mapping.first { $0.key.string == k }?.key }
            return SettingsError(file: file, line: line(keyNode) ?? line(node), flag: nil,
                                 message: key.map { "\($0): \(message)" } ?? message)
        }
    }
}

/// `kernel_size` → `kernel-size`.
func cliFlag(_ key: String) -> String { String(key.map { $0 == "_" ? "-" : $0 }) }

private func decode<T: SceneSettings>(_ type: T.Type, node: Node,
                                      error located: (String?, String) -> SettingsError) throws(SettingsError) -> T {
    let value: T
    do {
        value = try YAMLDecoder().decode(T.self, from: node)
    } catch let problem as SettingsProblem {
        throw located(problem.key, problem.message)
    } catch let decoding as DecodingError {
        let (path, text) = describe(decoding)
        throw located(path.first?.stringValue, text)
    } catch {
        throw located(nil, "\(error)")
    }
    do throws(SettingsProblem) {
        try value.validate()
    } catch {
        throw located(error.key, error.message)
    }
    return value
}

private func describe(_ error: DecodingError) -> ([any CodingKey], String) {
    switch error {
    case .typeMismatch(let type, let c): (c.codingPath, "expected \(typeName(type))")
    case .valueNotFound(let type, let c): (c.codingPath, "expected \(typeName(type))")
    case .keyNotFound(let key, let c): (c.codingPath + [key], "missing")
    case .dataCorrupted(let c): (c.codingPath, c.debugDescription)
    @unknown default: ([], "\(error)")
    }
}

private func typeName(_ type: Any.Type) -> String {
    switch type {
    case is Int.Type: "a whole number"
    case is Float.Type, is Double.Type: "a number"
    case is String.Type: "text"
    default: "\(type)"
    }
}

private func yamlErrorLine(_ error: any Error) -> Int? {
    guard let e = error as? YamlError else { return nil }
    switch e {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
    case .duplicatedKeysInMapping(_, let context): return context.mark.line
    default: return nil
    }
}

private func yamlErrorText(_ error: any Error) -> String {
    guard let e = error as? YamlError else { return "\(error)" }
    switch e {
    case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
         .composer(let context, let problem, _, _):
        return (context.map { "\($0.text) " } ?? "") + problem
    case .duplicatedKeysInMapping(let duplicates, _):
        return "duplicate key \(duplicates.sorted().joined(separator: ", "))"
    default: return "\(e)"
    }
}

// MARK: - Values shared by many settings

extension KeyedDecodingContainer {
    /// A matrix written as `"1 2; 3 4"` or as nested lists `[[1, 2], [3, 4]]`, limited to
    /// `maxSize` rows and columns.
    func matrix(_ key: Key, default value: Matrix, maxSize: Int = SettingsLimits.maxInput) throws -> Matrix {
        guard contains(key) else { return value }
        let matrix: Matrix
        do {
            if let text = try? decode(String.self, forKey: key) {
                matrix = try Matrix(parsing: text)
            } else if let rows = try? decode([[Float]].self, forKey: key) {
                matrix = try Matrix(rows)
            } else if let number = try? decode(Float.self, forKey: key) {
                matrix = Matrix(rows: 1, cols: 1, values: [number])
            } else {
                throw SettingsProblem(key.stringValue, "expected a matrix such as \"1 2; 3 4\" or [[1, 2], [3, 4]]")
            }
        } catch let error as CNNError {
            throw SettingsProblem(key.stringValue, error.description)
        }
        guard matrix.rows <= maxSize, matrix.cols <= maxSize else {
            throw SettingsProblem(key.stringValue, "\(matrix.rows)×\(matrix.cols) is too large: at most \(maxSize)×\(maxSize) here")
        }
        return matrix
    }

    /// `valid`, `same`, `full` or a number of cells.
    func padding(_ key: Key, default value: Padding) throws -> Padding {
        guard contains(key) else { return value }
        let text = (try? decode(String.self, forKey: key)) ?? (try? decode(Int.self, forKey: key)).map(String.init) ?? ""
        do {
            let padding = try Padding(parsing: text)
            if case .explicit(let p) = padding, p > SettingsLimits.maxPadding {
                throw SettingsProblem(key.stringValue, "padding \(p) is too large: at most \(SettingsLimits.maxPadding)")
            }
            return padding
        } catch let error as CNNError {
            throw SettingsProblem(key.stringValue, error.description)
        }
    }

    /// A whole number in `range`.
    func integer(_ key: Key, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard contains(key) else { return value }
        guard let n = try? decode(Int.self, forKey: key) else {
            throw SettingsProblem(key.stringValue, "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        guard range.contains(n) else {
            throw SettingsProblem(key.stringValue, "\(n) is out of range: \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    /// A finite number.
    func number(_ key: Key, default value: Float) throws -> Float {
        guard contains(key) else { return value }
        guard let x = try? decode(Float.self, forKey: key), x.isFinite else {
            throw SettingsProblem(key.stringValue, "expected a number")
        }
        return x
    }

    /// One of `choices` (case-insensitive).
    func choice(_ key: Key, default value: String, in choices: [String]) throws -> String {
        guard contains(key) else { return value }
        let text = ((try? decode(String.self, forKey: key)) ?? "").lowercased()
        guard choices.contains(text) else {
            throw SettingsProblem(key.stringValue, "expected \(choices.joined(separator: " or ")), not '\(text)'")
        }
        return text
    }
}

/// Limits that keep a teaching screen readable and its memory small.
public enum SettingsLimits {
    /// Largest input side (an MNIST digit is 28).
    public static let maxInput = 32
    public static let maxKernel = 9
    public static let maxPadding = 8
    public static let maxStride = 8
    public static let maxDilation = 8
}

/// A coding key from a string, for `KeyedDecodingContainer` lookups by name.
public struct SettingKey: CodingKey, Sendable {
    public let stringValue: String
    public var intValue: Int? { nil }
    public init(_ name: String) { stringValue = name }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}
