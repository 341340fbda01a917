@testable import StrideCLI
import Testing

/// `stride show`'s settings words: `--key value`, `--key=value`, and a bare true/false setting.
@Suite("Show arguments")
struct ShowArgumentsTests {
    @Test func aBooleanSettingMayStandAlone() throws {
        let booleans: Set<String> = ["predict"]
        #expect(try ShowCommand.settings(from: ["--predict"], booleans: booleans) == ["predict": "true"])
        #expect(try ShowCommand.settings(from: ["--predict", "--kernel", "-1 0 1"], booleans: booleans)
                == ["predict": "true", "kernel": "-1 0 1"])
        #expect(try ShowCommand.settings(from: ["--predict", "false"], booleans: booleans) == ["predict": "false"])
        #expect(try ShowCommand.settings(from: ["--predict=true"], booleans: booleans) == ["predict": "true"])
        // Any other word is its value, for the scene's decoder to refuse ("expected true or false").
        #expect(try ShowCommand.settings(from: ["--predict", "maybe"], booleans: booleans) == ["predict": "maybe"])
        // A setting that is not true/false still needs its value.
        #expect(throws: (any Error).self) { try ShowCommand.settings(from: ["--kernel"], booleans: booleans) }
        #expect(throws: (any Error).self) { try ShowCommand.settings(from: ["--predict"]) }
    }
}
