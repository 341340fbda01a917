/// Formats a value the way the teaching screens and `stride conv` print it:
/// integers without a decimal point (`44`), other values with at most `digits`
/// significant decimals (`0.25`, `-1.5`), never in exponent form for 1e-4 ≤ |x| < 1e9.
/// From 1e9 up every Float is a whole number and prints in Swift's shortest exponent form
/// (`1e+10`, `3.4e+38`): the decimals are not scaled by 10^digits there, which overflowed
/// to `inf` for finite values from about 3.4e34.
public func formatNumber(_ x: Float, digits: Int = 4) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if abs(x) >= 1e9 { return x.description }
    if x == x.rounded() { return String(Int(x)) }
    var scale: Float = 1
    for _ in 0..<digits { scale *= 10 }
    let rounded = (x * scale).rounded() / scale
    if rounded == 0 { return x.description }
    var text = String(rounded)
    if text.contains("e") { return x.description }
    if text.contains(".") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
}

extension ConvStep {
    /// The arithmetic of this cell, e.g. `1×1 + 2×2 + 5×3 + 6×4 = 44`;
    /// negative factors in parentheses, the bias added when non-zero.
    public var equation: String { equation(times: "×") }

    /// `equation` with another multiplication sign (the screens write `1·1 + 2·2 …`).
    public func equation(times: String) -> String {
        func factor(_ x: Float) -> String { x < 0 ? "(\(formatNumber(x)))" : formatNumber(x) }
        var parts = terms.map { "\(factor($0.inputValue))\(times)\(factor($0.weight))" }
        if bias != 0 { parts.append(factor(bias)) }
        return parts.joined(separator: " + ") + " = " + formatNumber(result)
    }
}
