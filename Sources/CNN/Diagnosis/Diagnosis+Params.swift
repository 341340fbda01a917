extension Diagnosis {
    /// A Conv2D layer's parameter count as each known mistake computes it, from the engine's
    /// layer specs (`ModelSpec.layerInfos`): `no-bias` (the layer without bias:
    /// `k·k·c_in·c_out`), `bias-per-weight` (`2·k·k·c_in·c_out`), `no-input-channels` (the
    /// layer on a one-channel input: `k·k·c_out + c_out`).
    public static func convParamMistakes(k: Int, cIn: Int, cOut: Int) -> [Mistake] {
        func count(cIn: Int, bias: Bool) -> Int? {
            let spec = ModelSpec(inputShape: [k, k, cIn],
                                 layers: [.conv2d(Conv2DSpec(filters: cOut, kernelSize: Size2(k), useBias: bias))])
            return try? spec.layerInfos().last?.paramCount
        }
        guard let right = count(cIn: cIn, bias: true), let weights = count(cIn: cIn, bias: false),
              let oneChannel = count(cIn: 1, bias: true) else { return [] }
        let fix = "k·k·c_in·c_out + c_out = \(k)·\(k)·\(cIn)·\(cOut) + \(cOut) = \(right)"
        return [
            Mistake(.noBias, value: Double(weights), working: "k·k·c_in·c_out = \(k)·\(k)·\(cIn)·\(cOut) = \(weights)", fix: fix),
            Mistake(.biasPerWeight, value: Double(2 * weights),
                    working: "k·k·c_in·c_out + k·k·c_in·c_out = \(weights) + \(weights) = \(2 * weights)", fix: fix),
            Mistake(.noInputChannels, value: Double(oneChannel),
                    working: "k·k·c_out + c_out = \(k)·\(k)·\(cOut) + \(cOut) = \(oneChannel)", fix: fix),
        ]
    }

    /// A Dense layer's parameter count as each known mistake computes it (engine specs):
    /// `no-bias` (`inputs·units`), `bias-per-weight` (`2·inputs·units`).
    public static func denseParamMistakes(inputs: Int, units: Int) -> [Mistake] {
        func count(bias: Bool) -> Int? {
            let spec = ModelSpec(inputShape: [1, 1, inputs], layers: [.flatten, .dense(DenseSpec(units: units, useBias: bias))])
            return try? spec.layerInfos().last?.paramCount
        }
        guard let right = count(bias: true), let weights = count(bias: false) else { return [] }
        let fix = "inputs·units + units = \(inputs)·\(units) + \(units) = \(right)"
        return [
            Mistake(.noBias, value: Double(weights), working: "inputs·units = \(inputs)·\(units) = \(weights)", fix: fix),
            Mistake(.biasPerWeight, value: Double(2 * weights),
                    working: "inputs·units + inputs·units = \(weights) + \(weights) = \(2 * weights)", fix: fix),
        ]
    }
}
