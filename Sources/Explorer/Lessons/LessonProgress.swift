import CNN
import Foundation

/// How far a student got in each lesson, saved atomically as JSON under
/// `$XDG_STATE_HOME/stride/progress.json` (or `~/.local/state/stride/progress.json`).
/// Lesson ids are the same in both languages, so progress follows the student across them.
public struct LessonProgress: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        /// The step last shown (0-based).
        public var step: Int
        /// The lesson's number of steps when it was saved.
        public var steps: Int
        /// Whether the lesson was finished: its last step reached and every check answered.
        public var done: Bool
        /// Checks right on the first try, and checks in the lesson, when it was finished.
        public var score: Score?
    }

    /// `right` of `total` checks answered right on the first try.
    public struct Score: Codable, Sendable, Equatable {
        public var right: Int
        public var total: Int
        public init(right: Int, total: Int) { (self.right, self.total) = (right, total) }
    }

    public var lessons: [String: Entry] = [:]

    public init() {}

    /// `✓` when done, `…` when started, nil when never opened.
    public func mark(_ id: String) -> String? {
        guard let entry = lessons[id] else { return nil }
        return entry.done ? "✓" : "…"
    }

    /// Records the step last shown. Reaching the last step does not finish a lesson
    /// (`complete` does, once its checks are answered); a lesson once done stays done.
    public mutating func record(_ id: String, step: Int, steps: Int) {
        lessons[id] = Entry(step: step, steps: steps, done: lessons[id]?.done ?? false, score: lessons[id]?.score)
    }

    /// Marks a lesson done, with its checks' score (every check answered).
    public mutating func complete(_ id: String, steps: Int, score: Score) {
        lessons[id] = Entry(step: steps - 1, steps: steps, done: true, score: score)
    }

    /// The default file for this process's environment.
    public static var defaultPath: String { defaultPath(environment: ProcessInfo.processInfo.environment) }

    /// `$XDG_STATE_HOME/stride/progress.json` when `XDG_STATE_HOME` is an absolute path (the XDG
    /// rule), else `$HOME/.local/state/stride/progress.json`, else the passwd entry's home's.
    /// `$HOME` comes first, as for the cache, so `HOME=/tmp/x stride` keeps its progress there.
    public static func defaultPath(environment: [String: String]) -> String {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let base = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (home as NSString).appendingPathComponent(".local/state")
        return ((base as NSString).appendingPathComponent("stride") as NSString).appendingPathComponent("progress.json")
    }

    /// Reads `path`. A missing file is empty progress; a corrupt one is renamed to
    /// `<path>.corrupt-<time>` and reported in `warning`, never a crash.
    public static func load(_ path: String) -> (progress: LessonProgress, warning: String?) {
        guard let data = FileManager.default.contents(atPath: path) else { return (LessonProgress(), nil) }
        if let progress = try? JSONDecoder().decode(LessonProgress.self, from: data) { return (progress, nil) }
        let aside = "\(path).corrupt-\(Int(Date().timeIntervalSince1970))"
        let moved = (try? FileManager.default.moveItem(atPath: path, toPath: aside)) != nil
        return (LessonProgress(), moved
            ? "progress file \(path) was unreadable; set aside as \(aside), starting afresh"
            : "progress file \(path) is unreadable and could not be moved aside; progress will not be saved over it")
    }

    /// Writes atomically (temp file + rename), creating the folder.
    public func save(_ path: String) throws(CNNError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CNNError.io(path: folder, message: "cannot create the folder: \(error.localizedDescription)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data: Data
        do { data = try encoder.encode(self) } catch { throw CNNError.io(path: path, message: "cannot encode progress") }
        try writeAtomically(Array(data), to: path)
    }
}
