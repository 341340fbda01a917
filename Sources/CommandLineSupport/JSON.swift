import Foundation

/// One line of JSON with sorted keys.
///
/// When the object holds something JSON cannot say, prints one line on stderr (never
/// Foundation's raw NSError) and exits 2; numbers go through `jsonNumber`/`finiteOrNull`.
package func jsonLine(_ object: Any) throws -> String {
    guard JSONSerialization.isValidJSONObject(object),
          let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
        printError("cannot write the result as JSON (a value is not a finite number)")
        throw ExitCodeError.usage
    }
    return String(decoding: data, as: UTF8.self)
}

/// A Float as the nearest short decimal Double (so 0.1 prints as 0.1, 44 as 44); JSON null
/// for NaN and ±infinity (a finite input can overflow, e.g. `--input 3e38 --bias 3e38`).
package func jsonNumber(_ x: Float) -> Any {
    guard x.isFinite else { return NSNull() }
    if x == x.rounded(), abs(x) < 1e15 { return Int(x) }
    return Double(x.description) ?? Double(x)
}

/// `x`, or JSON null when it is NaN or infinite (JSON has no such numbers).
package func finiteOrNull(_ x: Double) -> Any { x.isFinite ? x : NSNull() }
