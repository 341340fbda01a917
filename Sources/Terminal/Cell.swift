/// One terminal column of one row.
///
/// A wide character (2 columns) occupies two cells: the left holds the character,
/// the right is a continuation (`isContinuation == true`, character " ") with the same style.
public struct Cell: Sendable, Equatable {
    public var character: Character
    public var style: Style
    /// True for the right half of a wide character.
    public var isContinuation: Bool

    public init(character: Character = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    /// A space in the plain style.
    public static let blank = Cell()
}
