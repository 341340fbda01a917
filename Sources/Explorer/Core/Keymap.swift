import Terminal

/// Translates keys into scene messages. `?`, `q`, Esc and Ctrl-C are handled by the app, not here.
///
/// → / l next, ← / h previous, Home / g first, End / G last, space play/pause,
/// + / = faster, - / _ slower, ↑ / k and ↓ / j move, Enter selects.
public func sceneMessage(for key: Key) -> SceneMessage {
    switch key {
    case .right, .char("l"): .next
    case .left, .char("h"): .previous
    case .home, .char("g"): .first
    case .end, .char("G"): .last
    case .space: .togglePlay
    case .char("+"), .char("="): .faster
    case .char("-"), .char("_"): .slower
    case .up, .char("k"): .up
    case .down, .char("j"): .down
    case .enter: .select
    default: .key(key)
    }
}
