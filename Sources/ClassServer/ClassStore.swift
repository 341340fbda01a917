import Explorer
import Foundation
import GRDB

/// A problem with the class database, said with its path.
public struct ClassStoreError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ path: String, _ message: String) { description = "\(path): \(message)" }
}

/// The class's answers in SQLite (GRDB), in WAL mode: every join, answer and instructor step
/// is one transaction, committed before the server tells anyone about it, so a `kill -9` of
/// the server loses nothing that was acknowledged and a restart with the same file continues
/// the class where it was.
///
/// `synchronous = FULL`: each commit also reaches the disk (fsync of the WAL), so an
/// acknowledged answer outlives a power cut too, not only a killed process.
public final class ClassStore: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// The schema this code writes; a file with another version is refused, not guessed at.
    static let schemaVersion = 1

    /// Opens (creating if needed) the database at `path`; its folder is created too.
    public init(path: String) throws(ClassStoreError) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        var config = Configuration()
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            try queue.write { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                if tables.isEmpty {
                    try Self.createSchema(db)
                } else {
                    guard tables.contains("stride_class"),
                          let version = try Int.fetchOne(db, sql: "SELECT version FROM stride_class") else {
                        throw ClassStoreError(path, "not a Stride class database (tables: \(tables.sorted().joined(separator: ", ")))")
                    }
                    guard version == Self.schemaVersion else {
                        throw ClassStoreError(path, "written by another version of Stride (schema \(version), this one reads \(Self.schemaVersion))")
                    }
                }
            }
        } catch let error as ClassStoreError {
            throw error
        } catch {
            throw ClassStoreError(path, "\(error)")
        }
    }

    private static func createSchema(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE stride_class (version INTEGER NOT NULL, code TEXT, questions TEXT,
                                       phase TEXT NOT NULL DEFAULT 'lobby', current INTEGER NOT NULL DEFAULT 0, created REAL);
            INSERT INTO stride_class (version) VALUES (\(schemaVersion));
            CREATE TABLE students (name TEXT PRIMARY KEY, token TEXT NOT NULL UNIQUE, joined REAL NOT NULL);
            CREATE TABLE answers (id INTEGER PRIMARY KEY, time REAL NOT NULL, name TEXT NOT NULL, idx INTEGER NOT NULL,
                                  kind TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL, value TEXT NOT NULL,
                                  expected TEXT NOT NULL, correct INTEGER NOT NULL, diagnosis TEXT,
                                  UNIQUE (name, idx));
            CREATE TABLE revealed (idx INTEGER PRIMARY KEY);
            """)
    }

    func write<T>(_ body: (Database) throws -> T) throws(ClassStoreError) -> T {
        do { return try queue.write(body) } catch { throw ClassStoreError(path, "\(error)") }
    }

    func read<T>(_ body: (Database) throws -> T) throws(ClassStoreError) -> T {
        do { return try queue.read(body) } catch { throw ClassStoreError(path, "\(error)") }
    }

    // MARK: Writing

    /// Records the class's code and questions (once, when a new class starts).
    public func begin(code: String, questions: [QuizQuestion], time: Double) throws(ClassStoreError) {
        let json = try encode(questions)
        try write { db in
            try db.execute(sql: "UPDATE stride_class SET code = ?, questions = ?, created = ?", arguments: [code, json, time])
        }
    }

    public func addStudent(name: String, token: String, time: Double) throws(ClassStoreError) {
        try write { db in
            try db.execute(sql: "INSERT INTO students (name, token, joined) VALUES (?, ?, ?)", arguments: [name, token, time])
        }
    }

    public func addAnswer(_ a: GradedAnswer, question: QuizQuestion) throws(ClassStoreError) {
        let q = try encode(question), value = try encode(a.value), expected = try encode(a.expected)
        try write { db in
            try db.execute(sql: """
                INSERT INTO answers (time, name, idx, kind, question, answer, value, expected, correct, diagnosis)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [a.time, a.name, a.index, question.kind.rawValue, q, a.text, value, expected,
                                 a.correct ? 1 : 0, a.diagnosis])
        }
    }

    public func setPhase(_ phase: ClassPhase, current: Int) throws(ClassStoreError) {
        try write { db in
            try db.execute(sql: "UPDATE stride_class SET phase = ?, current = ?", arguments: [phase.rawValue, current])
            if phase == .revealed { try db.execute(sql: "INSERT OR IGNORE INTO revealed (idx) VALUES (?)", arguments: [current]) }
        }
    }

    // MARK: Reading

    /// The class stored here, replayed into a state (nil when the file holds no class yet).
    public func load(grader: ClassGrader = ClassGrader()) throws(ClassStoreError) -> ClassState? {
        let row = try read { db in try Row.fetchOne(db, sql: "SELECT code, questions, phase, current FROM stride_class") }
        guard let row, let code: String = row["code"], let questionsJSON: String = row["questions"] else { return nil }
        let questions: [QuizQuestion] = try decode(questionsJSON, "the class's questions")
        var state: ClassState
        do { state = try ClassState(code: code, questions: questions, grader: grader) } catch {
            throw ClassStoreError(path, "a stored question cannot be answered: \(error)")
        }
        let students = try read { db in try Row.fetchAll(db, sql: "SELECT name, token FROM students ORDER BY joined, rowid") }
        for s in students {
            state.recordJoin(.new(name: s["name"], token: s["token"]))
        }
        for answer in try answers() where answer.index >= 1 && answer.index <= state.count {
            state.recordAnswer(answer)
        }
        for index in try read({ db in try Int.fetchAll(db, sql: "SELECT idx FROM revealed") }) { state.recordRevealed(index) }
        let phase = ClassPhase(rawValue: row["phase"] ?? "") ?? .lobby
        state.recordPhase(phase, current: row["current"] ?? 0)
        return state
    }

    /// Every stored answer, in the order they were committed.
    public func answers() throws(ClassStoreError) -> [GradedAnswer] {
        try exportRows().map(\.answer)
    }

    /// Every stored answer with its question, for `stride class export`.
    public func exportRows() throws(ClassStoreError) -> [ClassExportRow] {
        let rows = try read { db in
            try Row.fetchAll(db, sql: "SELECT time, name, idx, kind, question, answer, value, expected, correct, diagnosis FROM answers ORDER BY id")
        }
        var out: [ClassExportRow] = []
        for r in rows {
            let question: QuizQuestion = try decode(r["question"], "a stored question")
            let answer = GradedAnswer(name: r["name"], index: r["idx"], text: r["answer"],
                                      value: try decode(r["value"], "a stored answer"),
                                      expected: try decode(r["expected"], "a stored answer"),
                                      correct: (r["correct"] as Int) != 0, diagnosis: r["diagnosis"], time: r["time"])
            out.append(ClassExportRow(answer: answer, kind: r["kind"], question: question))
        }
        return out
    }

    private func encode<T: Encodable>(_ value: T) throws(ClassStoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do { return String(decoding: try encoder.encode(value), as: UTF8.self) } catch {
            throw ClassStoreError(path, "cannot encode: \(error)")
        }
    }

    private func decode<T: Decodable>(_ text: String, _ what: String) throws(ClassStoreError) -> T {
        do { return try JSONDecoder().decode(T.self, from: Data(text.utf8)) } catch {
            throw ClassStoreError(path, "\(what) is not readable: \(error)")
        }
    }
}

/// One line of `stride class export`.
public struct ClassExportRow: Sendable {
    public let answer: GradedAnswer
    public let kind: String
    public let question: QuizQuestion
}
