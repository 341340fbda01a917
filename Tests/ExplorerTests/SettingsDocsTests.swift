import TestSupport
import Foundation
@testable import Explorer
import Testing

/// The settings tables in README.md and lessons/README.md are made from the declarations:
/// a stale table fails here. `STRIDE_UPDATE_DOCS=1 swift test --filter SettingsDocs`
/// rewrites them.
@Suite("SettingsDocs")
struct SettingsDocsTests {
    static let root = Repository.root

    @Test(arguments: [("README.md", "settings"), ("lessons/README.md", "scene-settings")])
    func tableIsCurrent(file: String, name: String) throws {
        let path = Self.root.appendingPathComponent(file).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let table = SettingsDocs.table()
        let expected = try #require(SettingsDocs.replacing(name, in: text, with: table), "\(file) lacks the markers of '\(name)'")
        if expected != text, ProcessInfo.processInfo.environment["STRIDE_UPDATE_DOCS"] == "1" {
            try expected.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        #expect(expected == text, "\(file)'s '\(name)' table is stale: run STRIDE_UPDATE_DOCS=1 swift test --filter SettingsDocs")
    }

    /// Every registered screen's settings are declared, and a key means one thing per screen.
    @Test func everyScreenDeclaresItsSettingsOnce() {
        for entry in ScreenRegistry.builtIn.entries {
            let keys = entry.settings.map(\.key)
            #expect(Set(keys).count == keys.count, "\(entry.id) declares a key twice")
        }
        let table = SettingsDocs.table()
        for spec in SettingSpec.convolution { #expect(table.contains("| `\(spec.key)` | \(spec.values) |")) }
        #expect(SettingsDocs.showHelp().contains("--kernel-size <1–3>"))
    }

    /// A range declared once is the range the decoder enforces.
    @Test func theDecoderEnforcesTheDeclaredRange() throws {
        #expect(throws: SettingsError.self) { try decodeSettings(ConvSettings.self, from: .flags(["stride": "9"])) }
        let ok = try decodeSettings(ConvSettings.self, from: .flags(["stride": "8"]))
        #expect(ok.stride == 8)
        #expect(throws: SettingsError.self) { try decodeSettings(ChannelsSettings.self, from: .flags(["kernel_size": "4"])) }
    }
}
