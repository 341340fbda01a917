// swift-tools-version:6.0
import PackageDescription

/// Release builds compile each hot module whole (-wmo). No -Ounchecked anywhere: measured
/// side by side (stride-bench --train, seed model, 2 runs each) it bought nothing — 2,884 vs
/// 2,776 samples/s at 1 thread and 2,826 vs 2,815 at 2, within noise, since the time is in
/// OpenBLAS — while a missed check would become memory corruption instead of a trap.
let fast: [SwiftSetting] = [.unsafeFlags(["-wmo"], .when(configuration: .release))]

/// The AVX2 + FMA3 convolution kernels are compiled for Haswell-class x86-64 (and optimised in
/// every configuration, so tests run the code the release runs). Only `CNNKernels` is: the
/// engine calls it only after its runtime check (`KernelSupport`, in CNN: baseline code) and
/// keeps a portable path.
#if arch(x86_64)
let kernelFlags: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell", "-O"])] + fast
#else
let kernelFlags: [SwiftSetting] = [.unsafeFlags(["-O"])] + fast
#endif

/// The screens, lessons and commands (Explorer and the executables) are compiled without
/// optimisation even in release: with -O, Explorer alone took 91 s of a cold `make run` on
/// 2 cores (26 s at -Onone), and the work that needs speed is in CNN, CNNKernels, OpenBLAS
/// and Terminal, which stay optimised. `stride-bench --frames` measures what it costs a frame.
///
/// They also compile file by file in batch mode on every core (`-no-whole-module-optimization`):
/// whole-module, Explorer's ~22 s came after CNN on one core while the other idled.
let interface: [SwiftSetting] = [
    .unsafeFlags(["-Onone", "-no-whole-module-optimization", "-enable-batch-mode"], .when(configuration: .release)),
]

let package = Package(
    name: "Stride",
    products: [
        .executable(name: "stride", targets: ["StrideCLI"]),
        // Class mode, run as `stride class …` (stride forwards to it): its own program so the
        // app's first build (`make run`) does not compile GRDB and FlyingSocks.
        .executable(name: "stride-class", targets: ["StrideClass"]),
        .executable(name: "stride-bench", targets: ["StrideBench"]),
        .executable(name: "stride-fuzz", targets: ["StrideFuzz"]),
        .library(name: "CNN", targets: ["CNN"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // Class mode (`stride class`): SQLite through GRDB (the system's libsqlite3), sockets
        // through FlyingSocks (FlyingFox's epoll socket layer; no SwiftNIO). See README, Class mode.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // System libraries: each is imported by exactly one Swift target.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // libcurl for `stride data fetch` (byte cap, stall limit and deadline it enforces itself).
        .systemLibrary(name: "CCurl", path: "Sources/CCurl"),
        // The system's libcrypto (libssl-dev), for the SHA-256 of fetched datasets: swift-crypto
        // compiled all of BoringSSL in every fresh clone for that one digest.
        .systemLibrary(name: "CLibCrypto", path: "Sources/CLibCrypto"),

        // cpuid: whether the CPU has AVX2 and FMA3.
        .target(name: "CCPUFeatures", path: "Sources/CCPUFeatures"),
        // PNG/JPEG decode and encode in C over the system's libpng and libjpeg-turbo (libpng-dev,
        // libjpeg-dev): the libraries' setjmp/longjmp stay inside C, never crossing a Swift frame.
        .target(name: "CImageCodecs", linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("jpeg")]),
        // Implicit-GEMM convolution kernels for AVX2 + FMA3 (see kernelFlags).
        .target(name: "CNNKernels", swiftSettings: kernelFlags),
        // The shared CNN engine: no terminal code.
        .target(name: "CNN", dependencies: ["COpenBLAS", "CZlib", "CLibCrypto", "CNNKernels", "CCPUFeatures", "CImageCodecs"], swiftSettings: fast),
        // YAML in: model files, checkpoint loading (its model is a model file), RunConfiguration.prepare,
        // the alias check every YAML entry point runs. Apart from CNN so that CNN, the longest
        // compile of a cold build, does not wait for Yams: on 2 cores the two compile side by side.
        // It is on the critical path (CNN → ModelFiles → Explorer) and compiles in 0.9–1.4 s at
        // -Onone, 2.9–3.7 s at -O (whole-module, one job); its work is in Yams, libyaml and CNN.
        .target(name: "ModelFiles", dependencies: ["CNN", "Yams"], swiftSettings: interface),
        // Cell buffer, widgets, ncurses backend, run loop.
        // No -Ounchecked here: a missed check must trap, not corrupt memory (frames take < 5 ms).
        .target(name: "Terminal", dependencies: ["CNcursesw"]),
        // Scenes, lessons, quiz: pure state machines over CNN + Terminal.
        .target(name: "Explorer", dependencies: ["CNN", "ModelFiles", "Terminal", "Yams"], swiftSettings: interface),
        // Class mode's IO: the WebSocket server and client, the SQLite store. Only StrideClass and
        // StrideBench link it, so `stride` never builds GRDB or FlyingSocks.
        .target(name: "ClassServer", dependencies: [
            "Explorer", "Terminal",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "FlyingSocks", package: "FlyingFox"),
        ]),
        // What both executables share: errors and exit statuses, --lang, --record, JSON lines,
        // the full-screen runner, the root command's error handling.
        .target(name: "CommandLineSupport", dependencies: [
            "CNN", "Terminal", "Explorer", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: interface),
        // The `stride` executable: argument parsing and wiring.
        .executableTarget(
            name: "StrideCLI",
            dependencies: [
                "CNN", "ModelFiles", "Terminal", "Explorer", "CCurl", "CommandLineSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: interface,
            plugins: ["EmbedLessons"]),
        // `stride-class`: `stride class serve | join | export`.
        .executableTarget(
            name: "StrideClass",
            dependencies: [
                "ClassServer", "CommandLineSupport", "Explorer", "Terminal", "CNN",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: interface),
        // Writes lessons/ into a Swift source at build time, so a copied binary keeps its lessons.
        .executableTarget(name: "LessonEmbedder"),
        .plugin(name: "EmbedLessons", capability: .buildTool(), dependencies: ["LessonEmbedder"]),
        // `make bench`: prints frame times, GFLOP/s, samples/s.
        .executableTarget(name: "StrideBench", dependencies: ["CNN", "Terminal", "Explorer", "ClassServer"], swiftSettings: fast),
        // `make fuzz`: libFuzzer targets for every parser (built with -DFUZZING); without the
        // flag, a replayer of saved corpora and crashers that `make test` runs.
        .executableTarget(name: "StrideFuzz", dependencies: ["CNN", "ModelFiles", "Explorer", "Terminal"]),

        // Helpers every test target shares (finding the checkout and MNIST): one copy.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // The Keras fixtures are read from the checkout (#filePath), not bundled.
        .testTarget(name: "CNNTests", dependencies: ["CNN", "ModelFiles", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal"]),
        .testTarget(name: "ExplorerTests", dependencies: ["Explorer", "CNN", "ModelFiles", "Terminal", "TestSupport"]),
        // The executable's own wiring (flags → RunConfiguration), imported @testable.
        .testTarget(name: "ClassServerTests", dependencies: ["ClassServer", "Explorer", "Terminal"]),
        .testTarget(name: "StrideCLITests", dependencies: ["StrideCLI", "CNN", "Explorer"]),
        // Drives the built `stride` binary (CLI and, through tmux, the TUI).
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ]
)
