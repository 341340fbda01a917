import ArgumentParser
import CNN
import Foundation
import Terminal

/// `--record FILE.cast`, on every command that opens the full-screen app: an asciicast v2
/// recording of what is drawn (see `AsciicastRecorder`), for slides and web pages.
package struct RecordOption: ParsableArguments {
    @Option(help: "Record the screen to an asciicast v2 file (asciinema, asciinema-player, agg replay it); keys are not recorded.")
    package var record: String?

    package init() {}

    /// Says, before any slow work, why the recording could not be written: a folder, or a
    /// folder that cannot be written in. (Opening the file is `open()`.)
    /// `headless`: the flag that turns the screen off (`--headless`, `--plain`): then there
    /// is nothing to record, and saying so beats an empty file.
    package func check(headless: String? = nil) throws {
        guard let record else { return }
        if let headless { throw UserError("--record records the full-screen app; \(headless) has no screen to record") }
        do { try checkWritable(record) } catch {
            if case .io(_, let message) = error, message == "is a folder, not a file" {
                throw UserError("--record \(record): is a folder; give a file name such as \(record)/stride.cast")
            }
            throw UserError("--record \(error.description)")
        }
    }

    /// The recorder writing to the file (header written), or nil without `--record`.
    package func open() throws -> AsciicastRecorder? {
        guard let record else { return nil }
        try check()
        let size = AsciicastRecorder.terminalSize()
        do {
            return try AsciicastRecorder(path: record, width: size.width, height: size.height, title: Self.title())
        } catch {
            throw UserError("--record \(error.description)")
        }
    }

    /// The command line without `--record FILE`: `stride show sliding`.
    package static func title(_ arguments: [String] = CommandLine.arguments) -> String {
        var words = ["stride"]
        var skip = false
        for word in arguments.dropFirst() {
            if skip { skip = false; continue }
            if word == "--record" { skip = true; continue }
            if word.hasPrefix("--record=") { continue }
            words.append(word)
        }
        return words.joined(separator: " ")
    }
}
