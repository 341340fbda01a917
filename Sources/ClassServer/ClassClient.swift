import Explorer
import Synchronization
import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A WebSocket connection to a class server, as a student's client opens it: the upgrade,
/// then JSON messages each way (masked, as RFC 6455 asks of clients). Incoming messages are
/// capped at `maxMessage`; the upgrade and every wait have deadlines.
public final class ClassConnection: Sendable {
    let socket: AsyncSocket
    let reader: SocketReader
    public static let maxMessage = 1 << 20

    private init(socket: AsyncSocket) {
        self.socket = socket
        reader = SocketReader(socket)
    }

    /// Connects to `host:port` and upgrades, within `timeout` seconds. `from`: a local
    /// address to bind first (tests connect from 127.0.0.2 to be another address).
    public static func open(host: String, port: UInt16, timeout: Double = 5, from: String? = nil) async throws -> ClassConnection {
        let address = try ClassAddress.resolve(host: host, port: port)
        return try await withDeadline(timeout, "connecting to \(host):\(port)") {
            let socket = try Socket(domain: Int32(address.family), type: .stream)
            if let from { try ClassAddress.resolve(host: from, port: 0).bind(socket) }
            let async = try AsyncSocket(socket: socket, pool: await ClassClientPool.shared.pool())
            do {
                try await address.connect(async)
                let connection = ClassConnection(socket: async)
                try await connection.upgrade(host: host, port: port)
                return connection
            } catch {
                try? async.close()
                throw error
            }
        }
    }

    private func upgrade(host: String, port: UInt16) async throws {
        var g = SystemRandomNumberGenerator()
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &g) }).base64EncodedString()
        let request = "GET /class HTTP/1.1\r\nHost: \(host):\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n"
        try await socket.write(Data(request.utf8))
        let head = try HTTPHead(try await reader.head(limit: 8192))
        guard head.startLine.hasPrefix("HTTP/1.1 101"),
              head.headers["sec-websocket-accept"] == WebSocketCodec.accept(key: key) else {
            throw ClassNetError.protocolError("the server did not accept the class connection (\(head.startLine))")
        }
    }

    public func send(_ message: ClassWire) async throws {
        var g = SystemRandomNumberGenerator()
        let mask = (0..<4).map { _ in UInt8.random(in: 0...255, using: &g) }
        try await socket.write(WebSocketCodec.frame(.text, message.data, mask: mask))
    }

    /// Raw bytes (tests of hostile clients).
    public func sendRaw(_ bytes: [UInt8]) async throws { try await socket.write(Data(bytes)) }

    /// The next message, or nil when the server closed the connection.
    public func receive() async throws -> ClassWire? {
        let socket = self.socket
        let message = try await WebSocketCodec.readMessage(reader, limit: Self.maxMessage, requireMask: false) { payload in
            var g = SystemRandomNumberGenerator()
            let mask = (0..<4).map { _ in UInt8.random(in: 0...255, using: &g) }
            try await socket.write(WebSocketCodec.frame(.pong, payload, mask: mask))
        }
        guard case .text(let text) = message else { return nil }
        return try ClassWire.decode(text)
    }

    /// Ends the connection: the other side sees it closed and any read or write waiting on
    /// it wakes up. The descriptor itself is released by `close()`, after those waits ended
    /// (FlyingSocks' epoll keeps a registration for a descriptor until its wait ends).
    public func shutdown() { _ = Glibc.shutdown(socket.socket.file.rawValue, Int32(SHUT_RDWR)) }

    /// Releases the descriptor; call when nothing waits on it any more.
    public func close() {
        shutdown()
        try? socket.close()
    }
}

/// One socket pool for every client connection of the process, started on first use.
final class ClassClientPool: Sendable {
    static let shared = ClassClientPool()
    private let started = Mutex<(any AsyncSocketPool)?>(nil)

    func pool() async throws -> any AsyncSocketPool {
        if let pool = started.withLock({ $0 }) { return pool }
        let pool: any AsyncSocketPool = SocketPool.make(maxEvents: 256)
        try await pool.prepare()
        let won = started.withLock { current -> Bool in
            if current != nil { return false }
            current = pool
            return true
        }
        if won {
            Task.detached { try? await pool.run() }
            return pool
        }
        return started.withLock { $0 }!
    }
}
