import Foundation
import Testing

/// Real MNIST for the tests that need it: `../shared/datasets/mnist` beside the checkout,
/// else `$STRIDE_DATA/mnist` or `$STRIDE_DATA` itself, whichever first holds the four
/// gzipped IDX files. Found nowhere (a user's fresh clone), those tests are skipped with
/// `mnistSkipReason`, never failed: `@Test(.enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason))`.
public enum TestData {
    public static let files = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]

    /// `../shared/datasets/mnist` beside the checkout (CI provides it).
    public static let sharedMNIST = Repository.root.appendingPathComponent("../shared/datasets/mnist").standardized.path

    /// Where MNIST was found, or nil.
    public static let mnistDirectory: String? = {
        var candidates = [sharedMNIST]
        if let data = ProcessInfo.processInfo.environment["STRIDE_DATA"], !data.isEmpty {
            candidates += [data + "/mnist", data]
        }
        return candidates.first { dir in files.allSatisfy { FileManager.default.fileExists(atPath: dir + "/" + $0) } }
    }()

    public static var mnistAvailable: Bool { mnistDirectory != nil }

    /// The MNIST directory (only meaningful in tests enabled by `mnistAvailable`).
    public static var mnist: String { mnistDirectory ?? sharedMNIST }

    public static let mnistSkipReason: Comment =
        "no MNIST: ../shared/datasets/mnist not beside the checkout and $STRIDE_DATA unset (or without the four .gz IDX files)"
}
