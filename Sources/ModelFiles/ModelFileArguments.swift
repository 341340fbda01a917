import CNN
import Yams

/// The arguments of one layer in a model file (`{filters: 32, kernel_size: 3}`), read one by
/// one with Keras's defaults. Every error names the layer, the argument and the line.
struct LayerArguments {
    private let values: [(key: String, keyNode: Node, value: Node)]
    private let layer: String
    private let parser: ModelFileParser
    private let anchor: Node?

    /// `node` is the layer's value: a mapping, an empty/null scalar, or nil (`- flatten`).
    init(node: Node?, layer: String, parser: ModelFileParser) throws(CNNError) {
        self.layer = layer
        self.parser = parser
        self.anchor = node
        switch node {
        case nil:
            values = []
        case .scalar(let s)? where s.string.isEmpty || node?.null != nil:
            values = []
        case .mapping(let m)?:
            var list: [(key: String, keyNode: Node, value: Node)] = []
            for (k, v) in m {
                guard let name = k.scalar?.string else { throw parser.fail(k, "\(layer): argument names must be words") }
                list.append((name, k, v))
            }
            values = list
        case let other?:
            throw parser.fail(other, "\(layer): arguments must be a mapping such as {filters: 32, kernel_size: 3}, not '\(parser.text(other))'")
        }
    }

    /// Rejects any argument not in `names`.
    func allow(_ names: [String]) throws(CNNError) {
        for v in values where !names.contains(v.key) {
            let expected = names.isEmpty ? "it takes no arguments" : "expected " + names.joined(separator: ", ")
            throw parser.fail(v.keyNode, "\(layer): unknown argument '\(v.key)'; \(expected)")
        }
    }

    private func node(_ name: String) -> Node? { values.first { $0.key == name }?.value }

    /// A required size ≥ 1 (`filters`, `units`).
    func size(_ name: String) throws(CNNError) -> Int {
        guard let n = node(name) else { throw parser.fail(anchor, "\(layer): missing \(name)") }
        return try positive(n, name)
    }

    private func positive(_ n: Node, _ name: String) throws(CNNError) -> Int {
        guard let v = n.int else { throw parser.fail(n, "\(layer): \(name) must be an integer, not '\(parser.text(n))'") }
        guard v >= 1 else { throw parser.fail(n, "\(layer): \(name) must be ≥ 1, not \(v)") }
        guard v <= ModelFileParser.maxSize else { throw parser.fail(n, "\(layer): \(name) \(v) is too large") }
        return v
    }

    /// An int or a pair `[rows, cols]`, each ≥ 1; required when `default` is nil.
    func pair(_ name: String, default fallback: Size2? = nil) throws(CNNError) -> Size2 {
        if let v = try optionalPair(name) { return v }
        guard let fallback else { throw parser.fail(anchor, "\(layer): missing \(name)") }
        return fallback
    }

    func optionalPair(_ name: String) throws(CNNError) -> Size2? {
        guard let n = node(name) else { return nil }
        switch n {
        case .sequence(let s):
            guard s.count == 2 else {
                throw parser.fail(n, "\(layer): \(name) must be an integer or a pair [rows, cols], not a list of \(s.count)")
            }
            return Size2(try positive(s[0], name), try positive(s[1], name))
        case .scalar:
            guard n.int != nil else {
                throw parser.fail(n, "\(layer): \(name) must be an integer or a pair [rows, cols], not '\(parser.text(n))'")
            }
            return Size2(try positive(n, name))
        default:
            throw parser.fail(n, "\(layer): \(name) must be an integer or a pair [rows, cols], not \(parser.text(n))")
        }
    }

    /// `padding`: `valid` (the default) or `same`.
    func padding() throws(CNNError) -> Padding {
        guard let n = node("padding") else { return .valid }
        switch n.scalar?.string.lowercased() {
        case "valid": return .valid
        case "same": return .same
        default: throw parser.fail(n, "\(layer): padding must be valid or same, not '\(parser.text(n))'")
        }
    }

    /// `activation`: one of Keras's names; required when `default` is nil.
    func activation(default fallback: Activation?) throws(CNNError) -> Activation {
        guard let n = node("activation") else {
            guard let fallback else { throw parser.fail(anchor, "\(layer): missing activation") }
            return fallback
        }
        let name = n.scalar?.string.lowercased() ?? ""
        let value = name == "none" || name == "null" || name.isEmpty ? Activation.linear : Activation(rawValue: name)
        guard let value else {
            let known = Activation.allCases.map(\.rawValue).joined(separator: ", ")
            throw parser.fail(n, "\(layer): unknown activation '\(parser.text(n))'; expected one of \(known)")
        }
        return value
    }

    func bool(_ name: String, default fallback: Bool) throws(CNNError) -> Bool {
        guard let n = node(name) else { return fallback }
        guard let v = n.bool else { throw parser.fail(n, "\(layer): \(name) must be true or false, not '\(parser.text(n))'") }
        return v
    }

    /// `rate` of a dropout layer: required, in [0, 1).
    func rate() throws(CNNError) -> Float {
        guard let n = node("rate") else { throw parser.fail(anchor, "\(layer): missing rate") }
        guard let s = n.scalar?.string, let v = Float(s) ?? n.float.map(Float.init) else {
            throw parser.fail(n, "\(layer): rate must be a number, not '\(parser.text(n))'")
        }
        guard v >= 0, v < 1 else { throw parser.fail(n, "\(layer): rate must be in [0, 1), not \(s)") }
        return v
    }
}
