import CNN
import Explorer
import Terminal
import Testing

@Test func dumpScreens() throws {
    let trace = try ConvTrace(input: Matrix(parsing: "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16"), kernel: Matrix(parsing: "1 2; 3 4"))
    var app = try ExplorerApp(start: .sliding, sliding: SlidingConfig(input: trace.input, kernel: trace.kernel))
    let b0 = drive(&app, events: [.key(.right)], size: (80, 24))
    print(b0.lines.joined(separator: "\n"))
    var app2 = try ExplorerApp(start: .sliding, language: .ko)
    print(drive(&app2, events: [.key(.end)], size: (80, 24)).lines.joined(separator: "\n"))
    var app3 = try ExplorerApp(start: .sliding, sliding: SlidingConfig(input: trace.input, kernel: Matrix(parsing:"1 0 -1; 2 0 -2; 1 0 -1"), padding: .full, stride: 2, mode: .convolve))
    print(drive(&app3, events: [.key(.right), .key(.right), .key(.char("?"))], size: (100, 30)).lines.joined(separator: "\n"))
}
