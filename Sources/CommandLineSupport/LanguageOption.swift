import ArgumentParser
import Explorer
import Foundation

/// `--lang en|ko`; without it, Korean when $LANG or $LC_ALL starts with `ko`, else English.
package struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"), help: "Language of the screens: en or ko.")
    package var lang: String?

    package init() {}

    package func language() throws -> Language {
        if let lang {
            guard let language = Language(rawValue: lang.lowercased()) else {
                throw UserError("--lang must be en or ko, not '\(lang)'")
            }
            return language
        }
        let env = ProcessInfo.processInfo.environment
        let locale = env["LC_ALL"] ?? env["LANG"] ?? ""
        return locale.hasPrefix("ko") ? .ko : .en
    }
}
