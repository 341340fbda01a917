import Foundation

/// One line of JSON with sorted keys.
func jsonLine(_ object: Any) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self)
}

/// A Float as the nearest short decimal Double (so 0.1 prints as 0.1, 44 as 44).
func jsonNumber(_ x: Float) -> Any {
    if x == x.rounded(), abs(x) < 1e15 { return Int(x) }
    return Double(x.description) ?? Double(x)
}

/// `x`, or JSON null when it is NaN or infinite (JSON has no such numbers).
func finiteOrNull(_ x: Double) -> Any { x.isFinite ? x : NSNull() }
