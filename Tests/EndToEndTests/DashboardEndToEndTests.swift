import TestSupport
import Foundation
import Testing

/// `stride train` (the dashboard) in tmux on a slice of ../shared MNIST.
@Suite("Training dashboard end to end (tmux)", .serialized,
       .enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason))
struct DashboardEndToEndTests {
    @Test func curvesProgressHelpAndQuitWithinThreeSeconds() throws {
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) train --model small --limit 4000 --epochs 20 --data \(shellQuote(TestData.mnist)); echo EXIT=$?")
        // A moving progress bar with a percentage, and braille curves once a few batches are in.
        var screen = try tmux.waitFor(timeout: 60) { s in
            s.contains("Epoch ") && s.contains("samples/s") && s.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }
        }
        #expect(screen.contains("Training small on MNIST"), "\(screen)")
        #expect(screen.contains("samples/s"), "\(screen)")
        try tmux.send("?")
        screen = try tmux.waitFor("pause/resume")
        #expect(screen.contains("learning rate"), "help lists the dashboard's keys:\n\(screen)")
        try tmux.send("Escape")
        try tmux.send("Tab")
        screen = try tmux.waitFor("predictions 2/4")
        let asked = Date()
        try tmux.send("q")
        screen = try tmux.waitFor(timeout: 10) { $0.split(separator: "\n").contains { $0.isStatusLine("EXIT=") } }
        let seconds = Date().timeIntervalSince(asked)
        #expect(screen.contains("EXIT=0"), "\(screen)")
        #expect(seconds < 3, "q ends training and restores the terminal within 3 s: \(seconds) s")
        #expect(screen.contains("Stopped") && screen.range(of: #"(1 epoch|\d+ epochs) of small on MNIST"#, options: .regularExpression) != nil, "a summary after the terminal is restored:\n\(screen)")
        print("dashboard quit after q in \(String(format: "%.2f", seconds)) s")
    }

    /// Resuming a checkpoint that already holds every asked-for epoch shows no empty dashboard
    /// ("Epoch 2/1"): it says there is nothing to train and gives the checkpoint's test figures.
    @Test func resumingAFinishedRunSaysNothingToTrain() throws {
        let checkpoint = NSTemporaryDirectory() + "stride-e2e-finished-\(getpid()).safetensors"
        defer { unlink(checkpoint) }
        let common = ["train", "--model", "small", "--limit", "256", "--epochs", "1", "--data", TestData.mnist]
        let first = try runStride(common + ["--headless", "--save", checkpoint])
        #expect(first.status == 0, "\(first.stderr)")
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run((([StrideBinary.path] + common + ["--resume", checkpoint]).map(shellQuote)).joined(separator: " ") + "; echo EXIT=$?")
        let screen = try tmux.waitFor(timeout: 60) { $0.split(separator: "\n").contains { $0.isStatusLine("EXIT=") } }
        #expect(screen.contains("EXIT=0"), "\(screen)")
        #expect(screen.contains("Nothing to train: the checkpoint holds 1 epoch and"), "\(screen)")
        #expect(screen.contains("Test accuracy: 0."), "\(screen)")
        #expect(!screen.contains("Epoch 2/1"), "\(screen)")
    }

    /// `s` part-way through an epoch writes a checkpoint that records how far the run got, so
    /// `stride draw` on it says "0.37 epoch(s)" (not "0 epoch(s)").
    @Test func aMidEpochSaveKnowsHowFarTheRunGot() throws {
        let checkpoint = NSTemporaryDirectory() + "stride-e2e-mid-\(getpid()).safetensors"
        defer { unlink(checkpoint) }
        let tmux = try TmuxSession(width: 100, height: 30)
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) train --model small --limit 8000 --epochs 20 --save \(shellQuote(checkpoint)) --data \(shellQuote(TestData.mnist)); echo EXIT=$?")
        _ = try tmux.waitFor(timeout: 60) { $0.contains("Epoch ") && $0.contains("samples/s") }
        try tmux.send("s")
        var screen = try tmux.waitFor(timeout: 30) { $0.contains("saved (epoch ") }
        let savedMidEpoch = screen.contains(", batch ")
        try tmux.send("q")
        screen = try tmux.waitFor(timeout: 10) { $0.split(separator: "\n").contains { $0.isStatusLine("EXIT=") } }
        #expect(screen.contains("EXIT=0"), "\(screen)")
        if savedMidEpoch {
            #expect(screen.range(of: #"Stopped after [0-9]+\.[0-9]{2} epochs of small"#, options: .regularExpression) != nil,
                    "the summary says how far the run got:\n\(screen)")
        }
        try tmux.run("clear; \(shellQuote(StrideBinary.path)) draw --checkpoint \(shellQuote(checkpoint)); echo EXIT=$?")
        // The draw screen's note ("· 0.37 epochs"), not the summary the dashboard printed before `clear` ran.
        let drawNote = #"· [0-9.]+ epochs?\b"#
        screen = try tmux.waitFor(timeout: 30) { $0.range(of: drawNote, options: .regularExpression) != nil }
        let note = screen.split(separator: "\n").first { $0.range(of: drawNote, options: .regularExpression) != nil }.map(String.init) ?? ""
        if savedMidEpoch {
            #expect(note.range(of: #"· [0-9]+\.[0-9]{2} epochs"#, options: .regularExpression) != nil, "a fraction: \(note)")
        }
        #expect(!note.contains("· 0 epochs"), "\(note)")
        print("draw after a save \(savedMidEpoch ? "mid-epoch" : "at an epoch's end"): \(note.trimmingCharacters(in: .whitespaces))")
        try tmux.send("q")
        _ = try tmux.waitFor(timeout: 10) { $0.split(separator: "\n").contains { $0.isStatusLine("EXIT=") } }
    }

    /// A finished run without `--save` is not lost: q asks first, s saves to the cache and the
    /// dashboard says where, then q quits and the summary names the checkpoint.
    @Test func aFinishedRunIsSavedWithSAndQAsksFirst() throws {
        let cache = NSTemporaryDirectory() + "stride-e2e-cache-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("XDG_CACHE_HOME=\(shellQuote(cache)) \(shellQuote(StrideBinary.path)) train --model small --limit 512 --epochs 1 --data \(shellQuote(TestData.mnist)); echo EXIT=$?")
        var screen = try tmux.waitFor(timeout: 60) { $0.contains("finished: 1 epoch,") }
        #expect(screen.contains("s saves, q quits"), "\(screen)")
        try tmux.send("q")
        screen = try tmux.waitFor("Quit anyway?")
        #expect(screen.contains("The trained model is not saved"), "\(screen)")
        try tmux.send("s")
        screen = try tmux.waitFor(timeout: 20) { $0.contains("saved (epoch 1) to") }
        let file = cache + "/stride/checkpoints/small-mnist.safetensors"
        #expect(FileManager.default.fileExists(atPath: file))
        try tmux.send("q")
        screen = try tmux.waitFor(timeout: 10) { $0.split(separator: "\n").contains { $0.isStatusLine("EXIT=") } }
        #expect(screen.contains("EXIT=0") && screen.contains("Checkpoint: "), "\(screen)")
    }

    @Test func sigtermStopsTrainingAndRestoresTheTerminal() throws {
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) train --model small --limit 4000 --epochs 20 --seed 77 --data \(shellQuote(TestData.mnist)); echo EXIT=$?")
        _ = try tmux.waitFor(timeout: 60) { $0.contains("Epoch ") && $0.contains("samples/s") }
        _ = spawnAndWait(["/usr/bin/pkill", "-TERM", "-f", "--", "--seed 77 --data"], stdoutPath: "/dev/null")
        let screen = try tmux.waitFor(timeout: 10) { $0.split(separator: "\n").contains { $0.isStatusLine("EXIT=") } }
        #expect(screen.contains("EXIT=143"), "\(screen)")
        #expect(!screen.contains("samples/s"), "the dashboard is gone:\n\(screen)")
    }

    @Test func aDivergingRunIsShownAndReported() throws {
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) train --model small --limit 2000 --epochs 2 --learning-rate 10 --data \(shellQuote(TestData.mnist)); echo EXIT=$?")
        var screen = try tmux.waitFor(timeout: 60) { $0.contains("diverged: loss") }
        #expect(screen.contains("training stopped"), "\(screen)")
        try tmux.send("q")
        screen = try tmux.waitFor(timeout: 10) { $0.split(separator: "\n").contains { $0.isStatusLine("EXIT=") } }
        #expect(screen.contains("Diverged at epoch 1") && screen.contains("EXIT=0"), "\(screen)")
    }
}
