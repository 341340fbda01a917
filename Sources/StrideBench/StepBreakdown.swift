import CNN
import Foundation

/// Prints a `StepProfileReport` as a table: each layer's forward and backward with their parts,
/// then the step's own parts, each in thread-milliseconds per step, its share of the step's
/// thread budget (wall time × shards), and its GFLOP/s (per core) or GB/s.
struct StepBreakdown {
    let report: StepProfileReport
    let spec: ModelSpec
    let limitGFLOPs: Double

    var steps: Double { Double(max(report.steps, 1)) }
    var budget: Double { Double(report.wallNanoseconds) * Double(report.shards) }

    func print() {
        let wall = Double(report.wallNanoseconds) / steps / 1e6
        let rate = 64 / (wall / 1e3)
        let flops = Bench.flopsPerSample(spec: spec).training
        Swift.print("training step breakdown: seed model, batch 64, \(report.shards) shards, \(report.steps) steps: "
                    + "\(fmt(wall, 2)) ms per step (\(fmt(rate, 0)) samples/s, \(fmt(rate * flops / 1e9, 1)) GFLOP/s = "
                    + "\(fmt(100 * rate * flops / 1e9 / limitGFLOPs, 0)) % of the limit)")
        Swift.print("  " + "part".padding(toLength: 38, withPad: " ", startingAt: 0) + "  ms/step   share   GFLOP/s/core   GB/s")
        let names = spec.layerNames
        var accounted = 0.0
        for (index, name) in names.enumerated() {
            for (whole, parts) in [(StepPart.layerForward, forwardParts), (.layerBackward, backwardParts)] {
                let total = report.totals(layer: index, whole)
                guard total.calls > 0, total.nanoseconds > 0 else { continue }
                accounted += Double(total.nanoseconds)
                var named = PartTotals()
                for part in parts {
                    let t = report.totals(layer: index, part)
                    guard t.calls > 0 else { continue }
                    named.flops += t.flops
                    named.nanoseconds += t.nanoseconds
                }
                row("\(name) \(whole.label)", total, flops: named.flops)
                for part in parts where report.totals(layer: index, part).calls > 0 {
                    row("  " + part.label, report.totals(layer: index, part))
                }
            }
        }
        for part in stepParts {
            let t = report.totals(layer: -1, part)
            guard t.calls > 0 else { continue }
            accounted += Double(t.nanoseconds)
            row(part.label, t)
        }
        let serial = [StepPart.copyWeights, .reduceGradients, .optimizer].reduce(0.0) {
            $0 + Double(report.totals(layer: -1, $1).nanoseconds)
        } / Double(report.shards)
        let idle = serial * Double(report.shards - 1)
        row("other shards idle during serial parts", PartTotals(nanoseconds: UInt64(idle)))
        row("rest (fit loop, thread start)", PartTotals(nanoseconds: UInt64(max(0, budget - accounted - idle))))
    }

    private var forwardParts: [StepPart] { [.im2col, .forwardGEMM, .epilogue, .poolForward] }
    private var backwardParts: [StepPart] { [.activationBackward, .weightGEMM, .inputGEMM, .col2im, .poolBackward] }
    private var stepParts: [StepPart] { [.loadBatch, .loss, .copyWeights, .reduceGradients, .optimizer, .waitForShards] }

    private func row(_ label: String, _ t: PartTotals, flops: Double? = nil) {
        let ns = Double(t.nanoseconds)
        let ms = ns / steps / 1e6
        let share = budget > 0 ? 100 * ns / budget : 0
        let f = flops ?? t.flops
        let gflops = f > 0 && ns > 0 ? fmt(f / ns, 1) : ""
        let gbs = t.bytes > 0 && ns > 0 ? fmt(t.bytes / ns, 1) : ""
        Swift.print("  " + label.padding(toLength: 38, withPad: " ", startingAt: 0)
                    + fmt(ms, 3).leftPadded(8) + (fmt(share, 1) + " %").leftPadded(9)
                    + gflops.leftPadded(15) + gbs.leftPadded(7))
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
