import Foundation
import Testing

/// The app shell and the playground through the real binary.
@Suite("Shell end to end", .serialized)
struct ShellEndToEndTests {
    static let input = "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16"

    @Test func showListNamesEveryScene() throws {
        let result = try runStride(["show", "--list"])
        #expect(result.status == 0)
        for id in ["sliding", "playground"] {
            #expect(result.stdout.contains(id), "\(result.stdout)")
        }
    }

    @Test func valuesStartingWithAMinusSignAreValues() throws {
        let conv = try runStride(["conv", "--input", Self.input, "--kernel", "-1 0 1; -2 0 2; -1 0 1", "--bias", "-1"])
        #expect(conv.status == 0, "\(conv.stderr)")
        #expect(conv.stdout == "7 7\n7 7\n")
        let example = try runStride(["conv"])
        #expect(example.status == 0, "conv without --input uses the example: \(example.stderr)")
        #expect(example.stdout.hasSuffix("output:\n 8 20\n28  6\n"), "\(example.stdout)")
    }

    @Test func aSettingTheSceneLacksIsRefusedBeforeTheScreenOpens() throws {
        let result = try runStride(["show", "sliding", "--size", "3"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("stride: --size: not a setting of this screen"), "\(result.stderr)")
    }

    @Test func playgroundPlusTurns44Into45() throws {
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) show playground --input \(shellQuote(Self.input)) --kernel \(shellQuote("1 2; 3 4")); echo EXIT=$?")
        var screen = try tmux.waitFor("│  44 │")
        #expect(screen.contains("│  44 │  54 │  64 │"), "\(screen)")
        try tmux.send("+")
        screen = try tmux.waitFor("│  45 │")
        #expect(screen.contains("│  45 │  54 │  64 │"), "\(screen)")
        try tmux.send("q")
        #expect(try tmux.waitFor("EXIT=0").contains("EXIT=0"))
    }
}

/// Every screen `show --list` names opens by name in tmux, takes End, goes back with Esc, and quits.
@Suite("Every scene end to end", .serialized)
struct EverySceneEndToEndTests {
    @Test func everyListedSceneOpensEndsAndQuits() throws {
        let list = try runStride(["show", "--list"])
        let ids = list.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(ids.count >= 2)
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        for (i, id) in ids.enumerated() {
            try tmux.run("clear; \(shellQuote(StrideBinary.path)) show \(id); echo DONE\(i)=$?")
            let screen = try tmux.waitFor { $0.contains("Stride · ") && $0.contains(" quit") }
            #expect(!screen.lowercased().contains("too small"), "\(id):\n\(screen)")
            try tmux.send("End")
            try tmux.send("Escape")  // back to the home screen (a quiz answer box closes too)
            try tmux.waitFor("Choose what to open")
            try tmux.send("q")
            let after = try tmux.waitFor("DONE\(i)=")
            #expect(after.contains("DONE\(i)=0"), "\(id) did not quit cleanly:\n\(after)")
        }
    }
}
