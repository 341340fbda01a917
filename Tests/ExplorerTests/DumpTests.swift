import Explorer
import Terminal
import Testing

@Test func dumpScreens() throws {
    var a = try appShowing("sliding")
    print("FIRST", dump(screen(&a)))
    var b = try appShowing("sliding", language: .ko)
    print("LASTKO", dump(screen(&b, [.end])))
    var h = homeApp()
    print("HOME", dump(screen(&h)))
    var p = try appShowing("sliding", ["input": "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16", "kernel": "1 2; 3 4"])
    print("SMALL", dump(screen(&p, [.right], size: (60, 16))))
}
