/// How many items a dataset file may make Stride load: each item's bytes are held once as
/// read (uint8) and once as float32 pixels, so `items · itemSize · 5` bytes must fit in
/// `MemoryEstimate.budgetBytes`. Checked from the header, before anything is allocated.
enum DatasetBudget {
    /// Throws `CNNError.badFile` naming `path` when `items` of shape `dims` (the first
    /// dimension is the count) would not fit; the message says how many would.
    static func check(items: Int, of dims: [Int], path: String, kind: String) throws(CNNError) {
        let itemSize = dims.dropFirst().reduce(1.0) { $0 * Double($1) }
        let need = Double(items) * itemSize * 5
        let budget = MemoryEstimate.budgetBytes
        guard need > budget else { return }
        let fits = Int(budget / (itemSize * 5))
        throw CNNError.badFile(path: path, line: nil, message:
            "loading \(items) \(kind) of \(dims.dropFirst().map(String.init).joined(separator: "×")) needs about "
            + "\(readableByteSize(need)), more than the \(readableByteSize(budget)) allowed; use --limit \(fits) or less")
    }
}
