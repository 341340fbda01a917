// `make bench`: each section prints its own figures. Sections live in their own files.
//   --quick   skip the full 60,000-image epoch
//   --train   only the 100-batch training runs (for profiling)
//   --frames  only the frame times of the screens
//   --dashboard  only the dashboard's cost on training speed
//   --limit   one JSON line: the machine's 2-thread sgemm GFLOP/s and the seed's FLOPs per sample
//   --breakdown  only the limit and where a training step's time goes
//   --kernels  only the AVX2 conv kernels alone and the conv layers on 1 thread
//   --inference  only the one-image latencies (predict, feature maps) of the seed and small models
//   --class N  only class mode: N students answering within a second (p50/p99, server memory)
import Foundation

let arguments = Set(CommandLine.arguments.dropFirst())
if let flag = CommandLine.arguments.firstIndex(of: "--class") {
    let n = CommandLine.arguments.dropFirst(flag + 1).first.flatMap { Int($0) } ?? 200
    try ClassBench.run(students: max(1, min(n, 900)))
} else if arguments.contains("--frames") {
    try runFrameBench()
} else if arguments.contains("--dashboard") {
    DashboardBench.run()
} else if arguments.contains("--kernels") {
    EngineBench.kernelSection()
    EngineBench.convSection(threads: 1)
} else if arguments.contains("--inference") {
    InferenceBench.run()
} else if arguments.contains("--limit") {
    EngineBench.limitJSON()
} else if arguments.contains("--breakdown") {
    EngineBench.breakdownSection(limit: EngineBench.limitSection())
} else if arguments.contains("--train") {
    EngineBench.trainingSection(quick: true)
} else {
    try runFrameBench()
    InferenceBench.run()
    EngineBench.run(quick: arguments.contains("--quick"))
    DashboardBench.run()
}
