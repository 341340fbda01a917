import Foundation
import Testing

/// Predict mode through the real binary in tmux at 80×24: `stride show sliding --predict`.
@Suite("Predict mode end to end (tmux)", .serialized)
struct PredictEndToEndTests {
    /// The default example: a 4×4 input, a 3×3 kernel, a 2×2 output; out[0,0] = 8.
    static func command(_ extra: String = "") -> String {
        "\(shellQuote(StrideBinary.path)) show sliding --predict \(extra); echo EXIT=$?"
    }

    /// Whether a row of `screen` is the prompt `label =` with its (blank) field.
    static func asks(_ label: String, _ screen: String) -> Bool {
        screen.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "\(label) =" }
    }

    @Test func wrongValueHintsAndHidesRightValueReveals() throws {
        let tmux = try TmuxSession(width: 80, height: 24)
        defer { tmux.kill() }
        try tmux.run(Self.command())
        var screen = try tmux.waitFor("output size =")
        #expect(screen.contains("Output ?×?"), "\(screen)")
        #expect(screen.contains("predicted 0/0"), "\(screen)")

        // The size: 2 (rows = cols), typed with spaces.
        try tmux.send("-l", " 2 ")
        try tmux.send("Enter")
        screen = try tmux.waitFor("out[0,0] =")
        #expect(screen.contains("predicted 1/1"), "\(screen)")
        let before = screen

        // A wrong value: a hint, the answer (8) nowhere on screen, the same cell asked.
        try tmux.send("-l", "7")
        try tmux.send("Enter")
        screen = try tmux.waitFor("✗ 7:")
        #expect(Self.asks("out[0,0]", screen), "the same cell is asked again\n\(screen)")
        #expect(screen.contains("Check the product"), "7 = 8 − 1·1: the product left out is named\n\(screen)")
        #expect(!screen.contains("8"), "the answer stays hidden:\n\(screen)")
        #expect(!before.contains("8"))
        #expect(screen.contains("predicted 1/1"), "\(screen)")

        // The right value (typed as 8.0): revealed in the output, counted, the next cell asked.
        try tmux.send("-l", "8.0")
        try tmux.send("Enter")
        screen = try tmux.waitFor("out[0,1] =")
        #expect(screen.contains("✓ out[0,0] = 8"), "\(screen)")
        #expect(screen.contains("│   8  │"), "out[0,0] is in the output grid:\n\(screen)")
        #expect(screen.contains("predicted 2/2 · step 1/4"), "\(screen)")

        // Tab shows the next without credit; Esc leaves the field, the next Esc quits (first screen).
        try tmux.send("Tab")
        screen = try tmux.waitFor("(shown, not counted)")
        #expect(screen.contains("predicted 2/3"), "\(screen)")
        try tmux.send("Escape")
        screen = try tmux.waitFor("Esc back")
        try tmux.send("q")
        #expect(try tmux.waitFor("EXIT=0").contains("EXIT=0"))
    }

    @Test func koreanPromptAndBadFlagValue() throws {
        let tmux = try TmuxSession(width: 80, height: 24)
        defer { tmux.kill() }
        try tmux.run(Self.command("--lang ko"))
        try tmux.waitFor("출력 크기 =")
        try tmux.send("-l", "3")
        try tmux.send("Enter")
        let screen = try tmux.waitFor("✗ 3:")
        #expect(screen.contains("예측 0/0"), "\(screen)")
        try tmux.send("C-c")
        try tmux.waitFor { $0.split(separator: "\n").contains { $0.isStatusLine("EXIT=") } }

        // `--predict maybe` is refused before the terminal is taken, naming the flag.
        try tmux.run("clear; \(shellQuote(StrideBinary.path)) show sliding --predict maybe; echo CODE=$?")
        let refused = try tmux.waitFor { $0.split(separator: "\n").contains { $0.isStatusLine("CODE=") } }
        #expect(refused.contains("--predict") && refused.contains("true or false"), "\(refused)")
        #expect(!refused.contains("CODE=0"), "\(refused)")
    }
}
