/// ASCII replacements for the non-ASCII characters Stride draws, used when the
/// locale is not UTF-8 (under `LANG=C` such characters would come out blank).

/// `text` as a buffer with `charset` stores it (every character through `asciiFallback` in `.ascii`).
func displayedText(_ text: String, charset: Charset) -> String {
    if charset == .unicode || text.allSatisfy({ $0.isASCII }) { return text }
    return text.map { asciiFallback($0) }.joined()
}

/// An ASCII stand-in for `c`: `c` itself when already ASCII; box drawing → `+ - |`;
/// `×`→`x`, `→`→`>`, `←`→`<`, `↑`→`^`, `↓`→`v`, `…`→`~`, `·`→`*`, `−`→`-`, `≥`→`>=`,
/// `≤`→`<=`, `∂`→`d`, `Σ`→`S`, `⋆`→`*`, `⊙`→`(.)`, shading/blocks → `. : #`; a letter with combining marks → its ASCII base;
/// zero-width characters → ""; anything else (Hangul, CJK, …) → `?`.
public func asciiFallback(_ c: Character) -> String {
    if c.isASCII { return String(c) }
    let scalars = c.unicodeScalars
    guard let first = scalars.first else { return "" }
    if let mapped = asciiTable[first.value] { return mapped }
    let v = first.value
    switch v {
    case 0x2500...0x257F: return boxDrawingFallback(v)
    case 0x2580...0x259F: return "#"
    default: break
    }
    if first.isASCII { return String(Character(first)) }  // e.g. "e\u{301}"
    if displayWidth(c) == 0 { return "" }
    return "?"
}

private let asciiTable: [UInt32: String] = [
    0x00A0: " ", 0x00B7: "*", 0x00D7: "x", 0x00F7: "/", 0x00B1: "+-", 0x00B0: "o",
    0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2014: "-", 0x2015: "-", 0x2212: "-",
    0x2018: "'", 0x2019: "'", 0x201C: "\"", 0x201D: "\"", 0x2022: "*", 0x2026: "~", 0x2027: ".",
    0x22C5: ".", 0x2219: ".",
    0x2190: "<", 0x2192: ">", 0x2191: "^", 0x2193: "v", 0x2194: "<>", 0x2195: "|",
    0x21D0: "<=", 0x21D2: "=>",
    0x2264: "<=", 0x2265: ">=", 0x2260: "!=", 0x2248: "~", 0x221E: "inf", 0x2211: "S",
    0x25B2: "^", 0x25B6: ">", 0x25BC: "v", 0x25C0: "<", 0x25B8: ">", 0x25C2: "<",
    0x25CF: "*", 0x25CB: "o", 0x25A0: "#", 0x25A1: "#",
    0x2713: "v", 0x2714: "v", 0x2717: "x", 0x2718: "x",
    0x2591: ".", 0x2592: ":", 0x2593: "#",
    0x2202: "d", 0x03A3: "S", 0x22C6: "*", 0x2299: "(.)",
]

/// Box drawing (U+2500–U+257F): horizontal lines → "-", vertical → "|", the rest → "+".
private func boxDrawingFallback(_ v: UInt32) -> String {
    switch v {
    case 0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D, 0x2550,
        0x2574, 0x2576, 0x2578, 0x257A, 0x257C, 0x257E:
        return "-"
    case 0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551,
        0x2575, 0x2577, 0x2579, 0x257B, 0x257D, 0x257F:
        return "|"
    case 0x2571: return "/"
    case 0x2572: return "\\"
    case 0x2573: return "X"
    default: return "+"
    }
}
