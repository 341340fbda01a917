import CommandLineSupport
import CNN

/// Runs `body`, turning a `RunSettingError` into a `UserError` that names the flag
/// (`--batch-size must be ≥ 1, not 0`).
func checkedFlags<T>(_ body: () throws(RunSettingError) -> T) throws -> T {
    do { return try body() } catch { throw UserError(error.flagMessage) }
}
