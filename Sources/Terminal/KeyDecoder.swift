import CNcursesw

/// ncurses key codes, as plain numbers so the decoder stays a pure function.
enum CursesKeyCode {
    static let up = UInt32(KEY_UP)
    static let down = UInt32(KEY_DOWN)
    static let left = UInt32(KEY_LEFT)
    static let right = UInt32(KEY_RIGHT)
    static let home = UInt32(KEY_HOME)
    static let end = UInt32(KEY_END)
    static let find = UInt32(KEY_FIND)
    static let select = UInt32(KEY_SELECT)
    static let keypadUpperLeft = UInt32(KEY_A1)
    static let keypadUpperRight = UInt32(KEY_A3)
    static let keypadLowerLeft = UInt32(KEY_C1)
    static let keypadLowerRight = UInt32(KEY_C3)
    static let pageUp = UInt32(KEY_PPAGE)
    static let pageDown = UInt32(KEY_NPAGE)
    static let enter = UInt32(KEY_ENTER)
    static let backspace = UInt32(KEY_BACKSPACE)
    static let delete = UInt32(KEY_DC)
    static let f0 = UInt32(KEY_F0)
    static let resize = UInt32(KEY_RESIZE)
}

/// Decodes one `get_wch` result into a `Key`, or nil for codes Stride ignores
/// (mouse, resize, unknown function keys, unassigned controls, invalid scalars).
///
/// - `isFunctionKey`: `get_wch` returned `KEY_CODE_YES`, so `code` is a `KEY_*` value.
///   Arrows, Home/End (also KEY_FIND/KEY_SELECT and the keypad corners), PgUp/PgDn,
///   KEY_ENTER, KEY_BACKSPACE, KEY_DC and KEY_F(1...63) are decoded.
/// - Otherwise `code` is a character: "\n"/"\r" → `.enter`, 27 → `.escape`, " " → `.space`,
///   127 and 8 → `.backspace`, "\t" → `.tab`, other 1...26 → `.ctrl(letter)`,
///   printable → `.char`.
public func decodeKey(code: UInt32, isFunctionKey: Bool) -> Key? {
    if isFunctionKey {
        switch code {
        case CursesKeyCode.up: return .up
        case CursesKeyCode.down: return .down
        case CursesKeyCode.left: return .left
        case CursesKeyCode.right: return .right
        case CursesKeyCode.home, CursesKeyCode.find, CursesKeyCode.keypadUpperLeft: return .home
        case CursesKeyCode.end, CursesKeyCode.select, CursesKeyCode.keypadLowerLeft: return .end
        case CursesKeyCode.pageUp, CursesKeyCode.keypadUpperRight: return .pageUp
        case CursesKeyCode.pageDown, CursesKeyCode.keypadLowerRight: return .pageDown
        case CursesKeyCode.enter: return .enter
        case CursesKeyCode.backspace: return .backspace
        case CursesKeyCode.delete: return .delete
        case CursesKeyCode.f0 + 1...CursesKeyCode.f0 + 63: return .function(Int(code - CursesKeyCode.f0))
        default: return nil
        }
    }
    switch code {
    case 10, 13: return .enter
    case 27: return .escape
    case 32: return .space
    case 8, 127: return .backspace
    case 9: return .tab
    case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 96)))  // 1 → "a"
    default: break
    }
    guard let scalar = Unicode.Scalar(code), scalarWidth(scalar) > 0 else { return nil }
    return .char(Character(scalar))
}
