import Foundation
import Testing
@testable import ClassServer
@testable import Explorer
#if canImport(Glibc)
import Glibc
#endif

/// A plain blocking TCP connection to 127.0.0.1:port (no WebSocket), or -1.
func rawTCP(_ port: UInt16, from: String? = nil) -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return -1 }
    if let from {
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, from, &local.sin_addr)
        _ = withUnsafePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = port.bigEndian
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr)
    let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    if ok != 0 { close(fd); return -1 }
    var timeout = timeval(tv_sec: 30, tv_usec: 0)  // generous: `make test` runs every suite at once on 2 cores
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    return fd
}

/// Whether the server closed `fd` (a read returns end of file or reset) within the socket's timeout.
func closedByServer(_ fd: Int32) -> Bool {
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = read(fd, &buffer, buffer.count)
        if n == 0 { return true }
        if n < 0 { return errno == ECONNRESET }
    }
}

/// A student who joins from 127.0.0.2 and answers question 1: the class goes on.
func classGoesOn(_ c: TestClass, name: String) async throws -> Bool {
    if c.hub.state.phase == .lobby { try c.hub.act(.next) }
    let s = RunningStudent(c.student(name, from: "127.0.0.2"))
    s.type("26")
    return await eventually { s.saw(receivedEvent(1)) }
}

@Suite(.serialized) struct HostileClientTests {
    func limits(_ change: (inout ClassServerLimits) -> Void = { _ in }) -> ClassServerLimits {
        var l = ClassServerLimits()
        l.handshakeSeconds = 0.5
        change(&l)
        return l
    }

    @Test func garbageBytesAreDroppedAndTheClassGoesOn() async throws {
        let c = try await TestClass(limits: limits())
        let fd = rawTCP(c.server.port)
        let garbage: [UInt8] = [0, 255, 1, 2, 3] + Array("GET / HTTP/1.1\r\n\u{1B}[2J\r\n\r\n".utf8)
        _ = garbage.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        #expect(closedByServer(fd))
        close(fd)
        // After a good upgrade: an unmasked frame, then bytes that are no frame at all.
        let conn = try await c.raw()
        try await conn.sendRaw([0x81, 0x05] + Array("hello".utf8))
        #expect(try await conn.receive()?.code == "protocol")
        conn.close()
        let conn2 = try await c.raw()
        try await conn2.send(ClassWire(type: "{not json"))
        try await conn2.sendRaw(Array(repeating: 0xFF, count: 64))
        #expect(try await classGoesOn(c, name: "Ann"))
        #expect(c.server.dropped.withLock { $0["protocol", default: 0] } >= 2)
        conn2.close()
    }

    @Test func aHalfOpenConnectionIsDroppedAtItsDeadline() async throws {
        let c = try await TestClass(limits: limits { $0.idleSeconds = 0.8 })
        let start = Date()
        let fd = rawTCP(c.server.port)  // connects, never says anything
        #expect(closedByServer(fd))
        #expect(Date().timeIntervalSince(start) < 20, "dropped at its deadline (0.8 s), not never")
        close(fd)
        // Joined, then silent (no pings): dropped after idleSeconds.
        let conn = try await c.raw()
        try await conn.send(.join(code: "K7QX", name: "Silent", token: nil, lang: .en))
        while let m = try await conn.receive(), m.type != "waiting" {}
        let joined = Date()
        while (try? await conn.receive()) != nil {}
        #expect(Date().timeIntervalSince(joined) < 4)
        #expect(c.server.dropped.withLock { $0["timeout", default: 0] } >= 2)
        conn.close()
        #expect(try await classGoesOn(c, name: "Ann"))
    }

    @Test func aTenMegabyteMessageIsRefusedFromItsHeader() async throws {
        let c = try await TestClass(limits: limits())
        // Only the header of a 10 MB frame: the server must refuse without waiting for the payload.
        let conn = try await c.raw()
        let size = 10 * 1024 * 1024
        var header: [UInt8] = [0x81, 0x80 | 127]
        for shift in stride(from: 56, through: 0, by: -8) { header.append(UInt8(truncatingIfNeeded: size >> shift)) }
        try await conn.sendRaw(header + [1, 2, 3, 4])
        let refusal = try await conn.receive()
        #expect(refusal?.code == "too-large")
        conn.close()
        // A whole 10 MB message, sent for real (masked with zeros: the payload goes as is).
        let payload = Array(#"{"type":"join","code":"K7QX","name":""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: size - 40)
            + Array(#"","lang":"en"}"#.utf8)
        var frame: [UInt8] = [0x81, 0x80 | 127]
        for shift in stride(from: 56, through: 0, by: -8) { frame.append(UInt8(truncatingIfNeeded: payload.count >> shift)) }
        frame += [0, 0, 0, 0] + payload
        let big = try await c.raw()
        let whole = frame
        try? await withDeadline(10, "sending 10 MB") { try await big.sendRaw(whole) }
        big.close()
        #expect(await eventually { c.server.dropped.withLock { $0["too-large", default: 0] } >= 2 })
        #expect(try await classGoesOn(c, name: "Ann"))
    }

    @Test func thousandsOfConnectionsFromOneAddressAreCappedAndTheClassGoesOn() async throws {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        limit.rlim_cur = limit.rlim_max
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        let attempts = min(2000, Int(limit.rlim_cur) / 2 - 100)
        let c = try await TestClass(limits: limits { $0.perAddress = 40; $0.total = 100; $0.handshakeSeconds = 30 })
        var fds: [Int32] = []
        for _ in 0..<attempts { let fd = rawTCP(c.server.port); if fd >= 0 { fds.append(fd) } }
        #expect(fds.count == attempts)
        #expect(await eventually { c.server.dropped.withLock { $0["address-cap", default: 0] } >= attempts - 40 })
        #expect(c.server.connectionCount <= 40)
        #expect(try await classGoesOn(c, name: "Ann"))
        fds.forEach { close($0) }
        #expect(await eventually { c.server.connectionCount <= 1 })
    }

    @Test func aSlowReaderIsDroppedAndTheClassGoesOn() async throws {
        let c = try await TestClass(limits: limits { $0.maxQueued = 64; $0.writeSeconds = 0.5 })
        let conn = try await c.raw()
        try await conn.send(.join(code: "K7QX", name: "Sloth", token: nil, lang: .en))
        // Pings with big payloads; never read a pong back.
        let ping = Array(WebSocketCodec.frame(.ping, Array(repeating: 7, count: 125), mask: [1, 2, 3, 4]))
        var pings: [UInt8] = []
        for _ in 0..<1000 { pings += ping }
        let chunk = pings
        for _ in 0..<100 {
            do { try await withDeadline(1, "sending") { try await conn.sendRaw(chunk) } } catch { break }
            if c.server.dropped.withLock({ $0["slow-reader", default: 0] }) > 0 { break }
        }
        #expect(await eventually { c.server.dropped.withLock { $0["slow-reader", default: 0] } >= 1 })
        conn.close()
        #expect(try await classGoesOn(c, name: "Ann"))
    }
}

@Suite struct WebSocketCodecTests {
    @Test func theHandshakeAcceptKeyIsRFC6455s() {
        #expect(WebSocketCodec.accept(key: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        #expect(SHA1.digest(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined() == "a9993e364706816aba3e25717850c26c9cd0d89d")
    }
}
