/// Keras's names for each layer kind: the YAML key, the auto-naming base, and the class name.
extension LayerSpec {
    /// The snake-case name used as the YAML key and as the base of Keras's auto-names
    /// (`conv2d`, `max_pooling2d`, …).
    public var kerasKey: String {
        switch self {
        case .conv2d: "conv2d"
        case .maxPooling2d: "max_pooling2d"
        case .averagePooling2d: "average_pooling2d"
        case .flatten: "flatten"
        case .dense: "dense"
        case .dropout: "dropout"
        case .activation: "activation"
        }
    }

    /// The Keras class name shown in summaries (`Conv2D`, `MaxPooling2D`, …).
    public var kerasTypeName: String {
        switch self {
        case .conv2d: "Conv2D"
        case .maxPooling2d: "MaxPooling2D"
        case .averagePooling2d: "AveragePooling2D"
        case .flatten: "Flatten"
        case .dense: "Dense"
        case .dropout: "Dropout"
        case .activation: "Activation"
        }
    }
}

extension ModelSpec {
    /// Keras's automatic layer names: the first layer of a kind gets the bare key
    /// (`conv2d`), later ones `_1`, `_2`, … (`conv2d_1`), counted per kind.
    public var layerNames: [String] {
        var seen: [String: Int] = [:]
        return layers.map { layer in
            let key = layer.kerasKey
            let n = seen[key, default: 0]
            seen[key] = n + 1
            return n == 0 ? key : "\(key)_\(n)"
        }
    }
}
