/// Something that draws itself into a rectangle of a buffer.
///
/// Contract: `render` writes only inside `area ∩ buffer.area`, never traps (any size,
/// including 0×0 and negative, is allowed) and reads no global state.
public protocol Widget {
    func render(in area: Rect, buffer: inout Buffer)
}
