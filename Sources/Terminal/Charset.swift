/// Which characters a buffer may hold.
///
/// `.ascii` is used when the locale is not UTF-8: widgets draw borders with `+ - |`
/// and `Buffer.write` maps every other character through `asciiFallback(_:)`.
public enum Charset: Sendable, Equatable, Hashable {
    case unicode, ascii
}
