import ArgumentParser

/// A mistyped command (`stride trian`, `stride lesons list`, `stride lessons lsit`), caught
/// before the argument parser reads it as an argument of the default command.
package enum CommandSuggestion {
    /// The message for `arguments` (without the program name), or nil when every command word
    /// is known. Only the word right after a command that has subcommands is checked (later
    /// words may be option values).
    package static func unknownCommand(_ arguments: [String], root: ParsableCommand.Type) -> String? {
        var command = root
        var path = [root._commandName]
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-") else { return nil }
            if path.count == 1, word == "help" { return nil }
            guard let next = subcommands.first(where: { $0._commandName == word }) else {
                let names = subcommands.map { $0._commandName }
                var message = "unknown command '\(word)'"
                if let nearest = nearest(word, in: names) { message += ". Did you mean '\((path + [nearest]).joined(separator: " "))'?" }
                message += "\nCommands: \(names.joined(separator: ", ")) (see \(path.joined(separator: " ")) --help)"
                return message
            }
            command = next
            path.append(word)
        }
        return nil
    }

    /// The candidate closest to `word` by edit distance, if within a third of its length (at least 2).
    static func nearest(_ word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, word.count / 3) ? best.0 : nil
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// two neighbours each cost 1 (`trian` → `train` is 1).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
