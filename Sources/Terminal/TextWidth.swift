/// Terminal column widths (East Asian Width), without ncurses or the C library.

/// The number of terminal columns `text` occupies: the sum of its characters' widths.
public func displayWidth(_ text: String) -> Int {
    var total = 0
    for character in text { total += displayWidth(character) }
    return total
}

/// The number of terminal columns one character (grapheme cluster) occupies.
///
/// 2 for East Asian Wide/Fullwidth characters (Hangul syllables and leading Jamo,
/// CJK ideographs and punctuation, kana, fullwidth forms) and emoji presentation;
/// 0 for a cluster made only of combining marks, format and control characters
/// (e.g. U+0301, U+200B); 1 otherwise. A base character followed by combining marks
/// takes the base's width.
public func displayWidth(_ c: Character) -> Int {
    if c.isASCII {
        guard let v = c.asciiValue else { return 1 }  // "\r\n" has no single value
        return v >= 0x20 && v < 0x7F ? 1 : 0
    }
    var width = 0
    for scalar in c.unicodeScalars {
        width = max(width, scalarWidth(scalar))
    }
    return width
}

/// The width of a lone scalar: 0, 1 or 2 columns.
func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
    if v < 0x300 { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control:
        return 0
    default:
        break
    }
    // Conjoining Hangul medial vowels and final consonants attach to a leading Jamo.
    if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 }
    if isWide(v) { return 2 }
    if scalar.properties.isEmojiPresentation { return 2 }
    return 1
}

/// East Asian Wide (W) and Fullwidth (F) ranges, condensed.
private func isWide(_ v: UInt32) -> Bool {
    switch v {
    case 0x1100...0x115F,  // Hangul Jamo (leading consonants)
        0x2329...0x232A,  // angle brackets
        0x2E80...0x303E,  // CJK radicals, Kangxi, CJK symbols and punctuation
        0x3041...0x33FF,  // kana, Bopomofo, Hangul compatibility Jamo, CJK compatibility
        0x3400...0x4DBF,  // CJK extension A
        0x4E00...0x9FFF,  // CJK unified ideographs
        0xA000...0xA4CF,  // Yi
        0xA960...0xA97F,  // Hangul Jamo extended-A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
        0xFF00...0xFF60,  // fullwidth forms
        0xFFE0...0xFFE6,  // fullwidth signs
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD,  // CJK extensions B..F
        0x30000...0x3FFFD:  // CJK extension G..
        return true
    default:
        return false
    }
}

/// Where text goes within a wider space.
public enum Alignment: Sendable, Equatable, Hashable {
    case left, center, right
}

/// Cuts `text` to at most `toWidth` columns, ending in `ellipsis` when something was cut.
///
/// Never splits a wide character (the result may be one column short instead).
/// Returns "" for a width ≤ 0; when even the ellipsis does not fit, cuts without it.
public func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
    guard width > 0 else { return "" }
    if displayWidth(text) <= width { return text }
    let ellipsisWidth = displayWidth(ellipsis)
    let room = ellipsisWidth <= width ? width - ellipsisWidth : width
    var result = ""
    var used = 0
    for c in text {
        let w = displayWidth(c)
        if used + w > room { break }
        result.append(c)
        used += w
    }
    return ellipsisWidth <= width ? result + ellipsis : result
}

/// Pads `text` with spaces to `toWidth` columns. Never shortens: text already that
/// wide or wider is returned unchanged. `.center` puts an odd extra space on the right.
public func pad(_ text: String, toWidth width: Int, alignment: Alignment = .left) -> String {
    let missing = width - displayWidth(text)
    guard missing > 0 else { return text }
    switch alignment {
    case .left:
        return text + String(repeating: " ", count: missing)
    case .right:
        return String(repeating: " ", count: missing) + text
    case .center:
        let left = missing / 2
        return String(repeating: " ", count: left) + text + String(repeating: " ", count: missing - left)
    }
}
