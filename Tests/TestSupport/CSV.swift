import Foundation

/// A small RFC 4180 reader, written from the RFC (not from the writer): fields split by
/// commas, records by CRLF (a bare LF accepted), a quoted field may hold commas, CR, LF and
/// doubled quotes. Returns nil on a malformed quote.
public func parseCSV(_ text: String) -> [[String]]? {
    var rows: [[String]] = [], row: [String] = [], field = ""
    var quoted = false, afterQuote = false, fieldStarted = false
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" { chars.removeFirst(); field.unicodeScalars.append(c) } else { quoted = false; afterQuote = true }
            } else { field.unicodeScalars.append(c) }
            continue
        }
        switch c {
        case "\"":
            guard !fieldStarted else { return nil }
            quoted = true; fieldStarted = true
        case ",":
            row.append(field); field = ""; afterQuote = false; fieldStarted = false
        case "\r":
            guard chars.first == "\n" else { return nil }
        case "\n":
            row.append(field); rows.append(row); row = []; field = ""; afterQuote = false; fieldStarted = false
        default:
            guard !afterQuote else { return nil }
            field.unicodeScalars.append(c); fieldStarted = true
        }
    }
    guard !quoted else { return nil }
    if fieldStarted || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}
