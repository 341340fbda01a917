import CommandLineSupport
import Foundation
import CNN
import Explorer
import Testing
@testable import StrideCLI

/// `stride train`, a lesson's `train` block, the home screen's training entries and `stride draw`
/// all set up training through `RunConfiguration`: the same inputs give the same run.
@Suite("One run configuration")
struct RunConfigurationPathsTests {
    func train(_ arguments: [String]) throws -> RunConfiguration { try TrainCommand.parse(arguments).runConfiguration() }

    @Test func trainFlagDefaultsAreTheConfigurationDefaults() throws {
        #expect(try train([]) == RunConfiguration())
    }

    @Test func aLessonBlockTrainsWhatItsCommandLineSays() throws {
        var block = TrainBlockSettings()
        (block.model, block.epochs, block.limit, block.dataset) = ("seed", 2, 5000, "fashion")
        let fromCommandLine = try train(Array(block.commandLine.split(separator: " ").dropFirst(2).map(String.init)))
        #expect(block.runConfiguration == fromCommandLine)
        #expect(TrainBlockSettings().runConfiguration == (try train(["--model", "small", "--epochs", "1", "--limit", "2000"])))
        // The optimizer key and the built-in models a lesson compares (dense baseline, dropout).
        (block.model, block.optimizer) = ("seed-dropout", "adam")
        #expect(block.commandLine.hasSuffix(" --optimizer adam"))
        let adam = try train(Array(block.commandLine.split(separator: " ").dropFirst(2).map(String.init)))
        #expect(block.runConfiguration == adam && adam.optimizer == .adam && adam.model == "seed-dropout")
        block.model = "dense"
        #expect(block.runConfiguration.model == "dense" && ModelFile.builtin("dense") != nil)
    }

    /// Every shipped lesson's train block (both languages, the same runs) trains what its
    /// `stride train` line says, so `scripts/time-train-blocks.sh`, which times those lines
    /// headless, times the blocks (docs/curriculum.md's measured figures).
    @Test func everyShippedTrainBlockIsItsCommandLine() throws {
        var root = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) { root.deleteLastPathComponent() }
        let library = try LessonLibrary(directory: root.appendingPathComponent("lessons").path)
        var runs: [Language: [String]] = [:]
        for language in Language.allCases {
            for lesson in library.lessons(in: language) {
                for block in lesson.steps.compactMap(\.block) where block.kind == .train {
                    let settings = try TrainBlockScreen.make(block, file: lesson.id, language: language).settings
                    let flags = settings.commandLine.split(separator: " ").dropFirst(2).map(String.init)
                    #expect(settings.runConfiguration == (try train(flags)), "\(lesson.id): \(settings.commandLine)")
                    runs[language, default: []].append("\(lesson.id) \(settings.commandLine)")
                }
            }
        }
        #expect(runs[.en]?.count == 7 && runs[.en] == runs[.ko], "\(runs)")
    }

    @Test func homeAndDrawUseTheQuickRun() throws {
        let home = TrainingLauncher.settings("fashion").runConfiguration
        #expect(home == (try train(["--model", "small", "--epochs", "3", "--limit", "10000", "--dataset", "fashion"])))
        var quick = RunConfiguration.quick(.fashion)
        quick.limit = 10_000
        #expect(home == quick)
        let draw = DrawCommand.trainingConfiguration(dataDirectory: "/data", savePath: "/tmp/small.safetensors")
        #expect(draw == (try train(["--model", "small", "--epochs", "3", "--data", "/data", "--save", "/tmp/small.safetensors"])))
    }

    @Test func badFlagsAreNamed() {
        #expect(throws: UserError.self) { try train(["--batch-size", "0"]) }
        do { _ = try train(["--threads", "12"]) } catch { #expect("\(error)" == "--threads must be from 1 to 8, not 12") }
        do { _ = try train(["--dataset", "cifar"]) } catch { #expect("\(error)" == "--dataset must be mnist or fashion, not 'cifar'") }
    }

    @Test func drawSaysHowFarAModelWasTrained() {
        #expect(DrawCommand.epochsText(3) == "3")
        #expect(DrawCommand.epochsText(0.25) == "0.25")
        #expect(DrawCommand.epochsText(1.4) == "1.40")
    }
}
