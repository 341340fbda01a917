import CNN
import Yams

/// Turns a model file's YAML (see `ModelFile`) into a `ModelSpec`, with the file and line
/// of the offending node in every error. Works on Yams's `Node` tree, which keeps each
/// node's position (`mark`).
struct ModelFileParser {
    let path: String

    /// Sizes above this are surely typos; refusing them keeps later allocations sane.
    static let maxSize = 1 << 24

    func parse(_ yaml: String) throws(CNNError) -> ModelSpec {
        if let line = YAMLAliases.firstAliasLine(in: yaml) {
            throw CNNError.badFile(path: path, line: line, message: YAMLAliases.message)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw yamlError(error)
        }
        guard let root, root.null == nil else {
            throw CNNError.badFile(path: path, line: nil,
                                   message: "the file is empty; a model file needs input: and layers:")
        }
        guard case .mapping(let top) = root else {
            throw fail(root, "expected a mapping with input: and layers:")
        }
        var inputNode: Node?, layersNode: Node?
        for (key, value) in top {
            switch key.scalar?.string {
            case "input": inputNode = value
            case "layers": layersNode = value
            default: throw fail(key, "unknown key '\(key.scalar?.string ?? "?")'; a model file has input: and layers:")
            }
        }
        guard let inputNode else { throw fail(root, "missing input: (e.g. input: [28, 28, 1])") }
        guard let layersNode else { throw fail(root, "missing layers: (a list such as - conv2d: {filters: 32, kernel_size: 3})") }

        let input = try parseInput(inputNode)
        guard case .sequence(let items) = layersNode else {
            throw fail(layersNode, "layers: must be a list (lines starting with '- ')")
        }
        guard !items.isEmpty else { throw fail(layersNode, "layers: is empty") }
        var layers: [LayerSpec] = []
        var lines: [Int?] = []
        for (i, item) in items.enumerated() {
            layers.append(try parseLayer(item, number: i + 1))
            lines.append(item.mark?.line)
        }
        let spec = ModelSpec(inputShape: input, layers: layers)
        try checkShapes(spec, lines: lines)
        return spec
    }

    // MARK: - Top level

    private func parseInput(_ node: Node) throws(CNNError) -> [Int] {
        let usage = "input: must be [height, width, channels], e.g. [28, 28, 1]"
        guard case .sequence(let seq) = node, seq.count == 3 else { throw fail(node, usage) }
        var shape: [Int] = []
        for item in seq {
            guard let v = item.int else { throw fail(item, "\(usage); '\(text(item))' is not an integer") }
            guard v >= 1 else { throw fail(item, "input sizes must be ≥ 1, not \(v)") }
            guard v <= Self.maxSize else { throw fail(item, "input size \(v) is too large") }
            shape.append(v)
        }
        guard checkedProduct(shape) != nil else { throw fail(node, "input \(shape) is too large") }
        return shape
    }

    /// Runs shape inference layer by layer, so an error points at the layer's line.
    private func checkShapes(_ spec: ModelSpec, lines: [Int?]) throws(CNNError) {
        let names = spec.layerNames
        var shape = spec.inputShape
        for (i, layer) in spec.layers.enumerated() {
            do throws(LayerShapeError) {
                shape = try layer.infer(input: shape).shape
            } catch {
                throw CNNError.badFile(path: path, line: lines[i],
                                       message: "layer \(i + 1) (\(layer.kerasKey), named \(names[i])): \(error.message)")
            }
        }
    }

    // MARK: - Layers

    /// One list item: `- conv2d: {…}`, `- flatten:`, `- flatten: {}` or `- flatten`.
    private func parseLayer(_ item: Node, number: Int) throws(CNNError) -> LayerSpec {
        let keyNode: Node, argsNode: Node?
        switch item {
        case .scalar:
            (keyNode, argsNode) = (item, nil)
        case .mapping(let m) where m.count == 1:
            (keyNode, argsNode) = (m[m.startIndex].key, m[m.startIndex].value)
        default:
            throw fail(item, "layer \(number): each layer is one key such as `- conv2d: {filters: 32, kernel_size: 3}`")
        }
        guard let key = keyNode.scalar?.string else { throw fail(keyNode, "layer \(number): expected a layer name") }
        let args = try LayerArguments(node: argsNode, layer: "layer \(number) (\(key))", parser: self)
        let spec: LayerSpec
        switch key {
        case "conv2d":
            try args.allow(["filters", "kernel_size", "strides", "padding", "dilation_rate", "activation", "use_bias"])
            spec = .conv2d(Conv2DSpec(
                filters: try args.size("filters"),
                kernelSize: try args.pair("kernel_size"),
                strides: try args.pair("strides", default: Size2(1)),
                padding: try args.padding(),
                dilation: try args.pair("dilation_rate", default: Size2(1)),
                activation: try args.activation(default: .linear),
                useBias: try args.bool("use_bias", default: true)))
        case "max_pooling2d", "average_pooling2d":
            try args.allow(["pool_size", "strides", "padding"])
            let pool = PoolSpec(poolSize: try args.pair("pool_size", default: Size2(2)),
                                strides: try args.optionalPair("strides"),
                                padding: try args.padding())
            spec = key == "max_pooling2d" ? .maxPooling2d(pool) : .averagePooling2d(pool)
        case "flatten":
            try args.allow([])
            spec = .flatten
        case "dense":
            try args.allow(["units", "activation", "use_bias"])
            spec = .dense(DenseSpec(units: try args.size("units"),
                                    activation: try args.activation(default: .linear),
                                    useBias: try args.bool("use_bias", default: true)))
        case "dropout":
            try args.allow(["rate"])
            spec = .dropout(rate: try args.rate())
        case "activation":
            try args.allow(["activation"])
            spec = .activation(try args.activation(default: nil))
        default:
            throw fail(keyNode, "layer \(number): unknown layer '\(key)'; known layers: "
                       + "conv2d, max_pooling2d, average_pooling2d, flatten, dense, dropout, activation")
        }
        return spec
    }

    // MARK: - Errors

    func fail(_ node: Node?, _ message: String) -> CNNError {
        CNNError.badFile(path: path, line: node?.mark?.line, message: message)
    }

    /// A node's source text, for messages.
    func text(_ node: Node) -> String {
        switch node {
        case .scalar(let s): s.string
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }

    /// Yams's syntax errors, reduced to one line with the file and line.
    private func yamlError(_ error: any Error) -> CNNError {
        guard let e = error as? YamlError else {
            return CNNError.badFile(path: path, line: nil, message: "invalid YAML: \(error)")
        }
        switch e {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return CNNError.badFile(path: path, line: mark.line, message: "invalid YAML: \(prefix)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return CNNError.badFile(path: path, line: context.mark.line,
                                    message: "duplicate key \(duplicates.sorted().joined(separator: ", "))")
        default:
            return CNNError.badFile(path: path, line: nil, message: "invalid YAML: \(e)")
        }
    }
}
