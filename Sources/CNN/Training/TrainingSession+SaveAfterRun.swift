import Foundation

extension TrainingSession {
    /// What a save after the run wrote: where, and the epochs the file records.
    public struct SavedCheckpoint: Sendable, Equatable {
        public var path: String
        public var epochsTrained: Double
    }

    /// Writes a checkpoint of the finished (or stopped) run to the policy's path, recording
    /// `epochsTrained` (whole epochs plus the share of an unfinished one). Only once the training
    /// thread has ended, so that nothing else touches the model; blocks for the write, so call it
    /// off the UI thread (a `Command.perform`).
    public func saveAfterRun() throws(CNNError) -> SavedCheckpoint {
        guard wait(seconds: 0) else {
            throw CNNError.invalidArgument("training is still running; the save is made at the next batch instead")
        }
        if let d = divergence {
            throw CNNError.invalidArgument("the loss diverged at epoch \(d.epoch), batch \(d.batch): these weights are not worth keeping")
        }
        guard let path = configuration.checkpoints.path else {
            throw CNNError.invalidArgument("this run has no checkpoint path")
        }
        let done = epochsTrained
        let whole = Int(done.rounded(.down))
        let fraction = done - Double(whole)
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        try Checkpoint.save(model: model, optimizer: optimizer, epoch: whole, fraction: fraction < 1e-9 ? 0 : fraction, to: path)
        return SavedCheckpoint(path: path, epochsTrained: done)
    }
}
