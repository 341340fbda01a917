/// `n` followed by `singular` or its plural, as English counts them: `counted(1, "epoch")` is
/// "1 epoch", `counted(0, "epoch")` and `counted(2, "epoch")` "0 epochs", "2 epochs". The plural
/// is `singular + "s"` unless given. (Korean nouns do not change: "에포크 2회" needs no helper.)
public func counted(_ n: Int, _ singular: String, plural: String? = nil) -> String {
    "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
}
