/// Writes a `ModelSpec` as a model file (see `ModelFile`), leaving out Keras's defaults.
enum ModelFileWriter {
    static func yaml(for spec: ModelSpec) -> String {
        var lines = ["input: [\(spec.inputShape.map(String.init).joined(separator: ", "))]", "layers:"]
        for layer in spec.layers {
            let args = arguments(of: layer)
            lines.append("  - \(layer.kerasKey): {\(args.map { "\($0.0): \($0.1)" }.joined(separator: ", "))}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `(name, value)` pairs in Keras's argument order, defaults omitted.
    static func arguments(of layer: LayerSpec) -> [(String, String)] {
        var out: [(String, String)] = []
        switch layer {
        case .conv2d(let c):
            out.append(("filters", "\(c.filters)"))
            out.append(("kernel_size", size(c.kernelSize)))
            if c.strides != Size2(1) { out.append(("strides", size(c.strides))) }
            if c.padding != .valid { out.append(("padding", c.padding.description)) }
            if c.dilation != Size2(1) { out.append(("dilation_rate", size(c.dilation))) }
            if c.activation != .linear { out.append(("activation", c.activation.rawValue)) }
            if !c.useBias { out.append(("use_bias", "false")) }
        case .maxPooling2d(let p), .averagePooling2d(let p):
            out.append(("pool_size", size(p.poolSize)))
            if let s = p.strides { out.append(("strides", size(s))) }
            if p.padding != .valid { out.append(("padding", p.padding.description)) }
        case .flatten:
            break
        case .dense(let d):
            out.append(("units", "\(d.units)"))
            if d.activation != .linear { out.append(("activation", d.activation.rawValue)) }
            if !d.useBias { out.append(("use_bias", "false")) }
        case .dropout(let rate):
            out.append(("rate", "\(rate)"))
        case .activation(let a):
            out.append(("activation", a.rawValue))
        }
        return out
    }

    /// `3` for a square size, `[3, 5]` otherwise.
    static func size(_ s: Size2) -> String {
        s.rows == s.cols ? "\(s.rows)" : "[\(s.rows), \(s.cols)]"
    }
}
