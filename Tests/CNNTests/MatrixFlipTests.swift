import Testing
@testable import CNN

@Suite struct MatrixFlipTests {
    @Test func twoFlipsMakeTheRotation() throws {
        let w = try Matrix(parsing: "1 2 3; 4 5 6")
        #expect(w.flippedUpDown == (try Matrix(parsing: "4 5 6; 1 2 3")))
        #expect(w.flippedLeftRight == (try Matrix(parsing: "3 2 1; 6 5 4")))
        #expect(w.flippedUpDown.flippedLeftRight == w.rotated180)
        #expect(w.rotated180 == (try Matrix(parsing: "6 5 4; 3 2 1")))
    }
}
