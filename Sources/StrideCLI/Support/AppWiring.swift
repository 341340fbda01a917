import CommandLineSupport
import Explorer

extension AppRegistry {
    /// The app's registry with the lessons the executable finds (`--lessons DIR`,
    /// `$STRIDE_LESSONS`, beside the binary, or the built-in copy; see `LessonLocation`).
    /// Throws (one stderr line, exit 2) when `--lessons DIR` or `$STRIDE_LESSONS` is not a folder.
    static func located(lessons option: String? = nil, progress: Bool = true) throws -> AppRegistry {
        let source = try reportingErrors { try LessonLocation.resolve(option: option) }
        let (library, problems) = source.load()
        return AppRegistry(library: library, problems: problems, progress: progress)
    }
}
