import Foundation
import Testing

/// `scripts/setup.sh`, which `make run` and `make test` run first, with fake `dpkg-query`,
/// `apt-get` and `id` on the PATH that log their calls: it asks dpkg once for every package,
/// installs only what is missing, and does not retry a failed optional install on every run.
@Suite("scripts/setup.sh (fake dpkg and apt)", .serialized)
struct SetupScriptTests {
    /// A copy of the script in `root/scripts`, and a `bin` of fakes; `MISSING` lists the packages
    /// dpkg-query reports as not installed, `APT_FAIL=1` makes `apt-get install` fail.
    final class Sandbox {
        let root = NSTemporaryDirectory() + "stride-setup-\(UUID().uuidString)"
        var log: String { root + "/calls.log" }

        init() throws {
            let fm = FileManager.default
            try fm.createDirectory(atPath: root + "/scripts", withIntermediateDirectories: true)
            try fm.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
            try fm.copyItem(atPath: StrideBinary.packageRoot.appendingPathComponent("scripts/setup.sh").path,
                            toPath: root + "/scripts/setup.sh")
            try write("dpkg-query", """
                echo "dpkg-query $*" >> "$CALLS"
                for p in "$@"; do
                    case "$p" in -*|*'$'*) continue;; esac
                    case " $MISSING " in *" $p "*) ;; *) echo "$p install ok installed";; esac
                done
                """)
            try write("apt-get", """
                echo "apt-get $*" >> "$CALLS"
                case "$*" in *install*) [ "${APT_FAIL:-0}" = 1 ] && exit 100;; esac
                exit 0
                """)
            try write("id", #"[ "$1" = -u ] && echo 0"#)
        }

        private func write(_ name: String, _ body: String) throws {
            let path = root + "/bin/" + name
            try ("#!/bin/bash\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            chmod(path, 0o755)
        }

        func run(_ arguments: [String], missing: [String], aptFails: Bool = false) throws -> ProcessResult {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [root + "/scripts/setup.sh"] + arguments
            var env = ProcessInfo.processInfo.environment
            env["PATH"] = root + "/bin:" + (env["PATH"] ?? "/usr/bin:/bin") + ":/opt/swift/usr/bin"
            env["CALLS"] = log
            env["MISSING"] = missing.joined(separator: " ")
            env["APT_FAIL"] = aptFails ? "1" : "0"
            process.environment = env
            process.standardInput = FileHandle.nullDevice
            return try runCollectingOutput(process)
        }

        func calls() -> [String] {
            ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }
    }

    @Test("one dpkg-query for every required package; only the missing one is installed")
    func installsOnlyWhatIsMissing() throws {
        let box = try Sandbox()
        let r = try box.run([], missing: ["libssl-dev"])
        #expect(r.status == 0, "\(r.stderr)")
        let calls = box.calls()
        #expect(calls.filter { $0.hasPrefix("dpkg-query") }.count == 1, "\(calls)")
        #expect(calls.contains { $0.hasPrefix("dpkg-query") && $0.contains("libssl-dev") && $0.contains("libopenblas-dev") })
        let installs = calls.filter { $0.hasPrefix("apt-get") && $0.contains("install") }
        #expect(installs.count == 1 && installs[0].hasSuffix(" libssl-dev"), "\(installs)")
    }

    @Test("the picture libraries (libpng, libjpeg-turbo) are required: a machine without them gets both in one install")
    func installsImageLibraries() throws {
        let box = try Sandbox()
        let r = try box.run([], missing: ["libpng-dev", "libjpeg-dev"])
        #expect(r.status == 0, "\(r.stderr)")
        let installs = box.calls().filter { $0.hasPrefix("apt-get") && $0.contains("install") }
        #expect(installs.count == 1 && installs[0].hasSuffix(" libpng-dev libjpeg-dev"), "\(installs)")
    }

    @Test("nothing missing: no apt-get at all")
    func nothingMissingRunsNoApt() throws {
        let box = try Sandbox()
        let r = try box.run(["--optional"], missing: [])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!box.calls().contains { $0.hasPrefix("apt-get") }, "\(box.calls())")
    }

    @Test("a failed optional install is reported once, remembered, and not retried on the next run")
    func failedOptionalInstallIsNotRetried() throws {
        let box = try Sandbox()
        let first = try box.run(["--optional"], missing: ["dataset-fashion-mnist"], aptFails: true)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("optional packages not installed: dataset-fashion-mnist"))
        #expect(FileManager.default.fileExists(atPath: box.root + "/.build/setup-optional-failed"))
        let aptCallsAfterFirst = box.calls().filter { $0.hasPrefix("apt-get") }.count
        #expect(aptCallsAfterFirst == 2)  // update, then the failed install
        let second = try box.run(["--optional"], missing: ["dataset-fashion-mnist"], aptFails: true)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(box.calls().filter { $0.hasPrefix("apt-get") }.count == aptCallsAfterFirst)
    }
}
