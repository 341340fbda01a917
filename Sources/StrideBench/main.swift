// `make bench`: each section prints its own figures. Sections live in their own files.
import Foundation

let arguments = Set(CommandLine.arguments.dropFirst())
EngineBench.run(quick: arguments.contains("--quick"))
