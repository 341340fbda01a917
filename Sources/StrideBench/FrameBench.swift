import Explorer
import Foundation
import Terminal

/// Time to render one frame of every registered scene into a cell buffer (and to diff it
/// against the previous frame, as the ncurses backend does), at 80×24 and 200×60.
func runFrameBench() throws {
    print("== Frames: each scene rendered into the cell buffer (render + diff)")
    for entry in ScreenRegistry.builtIn.entries where entry.group == .scene {
      for (width, height) in [(80, 24), (200, 60)] {
        var app = ExplorerApp(screens: [try entry.make(.defaults, .en)])
        _ = app.handle(.resize(width: width, height: height))
        _ = app.handle(.key(.right))
        var previous = Buffer(width: width, height: height)
        let clock = ContinuousClock()
        var samples: [Double] = []
        var changed = 0
        for i in 0..<400 {
            _ = app.handle(.key(i % 8 < 4 ? .right : .left))
            let start = clock.now
            var buffer = Buffer(width: width, height: height)
            app.render(into: &buffer)
            changed &+= buffer.diff(from: previous).count
            let elapsed = clock.now - start
            previous = buffer
            let (s, atto) = elapsed.components
            samples.append(Double(s) * 1e6 + Double(atto) / 1e12)
        }
        samples.sort()
        let median = samples[samples.count / 2], p95 = samples[samples.count * 95 / 100]
        print("\(entry.id.padding(toLength: 11, withPad: " ", startingAt: 0)) \(width)×\(height): median \(format(median)) µs, p95 \(format(p95)) µs "
              + "(\(changed / samples.count) changed cells/frame)")
      }
    }
}

private func format(_ x: Double) -> String {
    let rounded = (x * 10).rounded() / 10
    return String(rounded)
}
