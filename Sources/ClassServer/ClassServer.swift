import Explorer
import FlyingSocks
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The limits that keep one bad client from hurting the class.
public struct ClassServerLimits: Sendable {
    /// Largest WebSocket message (a frame declaring more is refused from its header).
    public var maxMessage = 64 * 1024
    /// Largest HTTP upgrade request.
    public var maxHandshake = 8 * 1024
    /// Time to finish the upgrade and send `join` (a half-open connection is dropped then).
    public var handshakeSeconds = 5.0
    /// Time a joined student may stay silent (clients ping every `idleSeconds / 3`).
    public var idleSeconds = 60.0
    /// Time one message may take to leave (a reader that stopped reading is dropped).
    public var writeSeconds = 10.0
    /// Messages waiting for one slow connection before it is dropped.
    public var maxQueued = 256
    /// Connections from one address (a classroom behind one NAT shares an address).
    public var perAddress = 250
    /// Connections in all.
    public var total = 1000

    public init() {}
}

/// The class's WebSocket server on FlyingSocks (epoll): accepts connections within the
/// limits, upgrades them (`GET /class`), reads `join`, `answer` and `ping` messages, and
/// writes each connection's messages from its own queue so a slow reader delays nobody.
public final class ClassServer: Sendable {
    public let hub: ClassHub
    public let limits: ClassServerLimits
    private let socket: Socket
    private let pool: any AsyncSocketPool
    /// Where it listens.
    public let host: String
    public let port: UInt16
    private let counts = Mutex<(total: Int, byAddress: [String: Int], nextID: Int)>((0, [:], 0))
    private let task = Mutex<Task<Void, Never>?>(nil)
    /// Connections refused or dropped, by reason (tests and the bench read it).
    public let dropped = Mutex<[String: Int]>([:])

    /// Binds `host:port` (port 0: any free port) and listens; `start()` begins accepting.
    public init(hub: ClassHub, host: String, port: UInt16, limits: ClassServerLimits = ClassServerLimits()) throws {
        self.hub = hub
        self.limits = limits
        self.host = host
        let address = try ClassAddress.resolve(host: host, port: port)
        let socket = try Socket(domain: Int32(address.family), type: .stream)
        try socket.setValue(true, for: .localAddressReuse)
        do {
            try address.bind(socket)
            try socket.listen(maxPendingConnection: 1024)
        } catch {
            try? socket.close()
            throw ClassStoreError("\(host):\(port)", "cannot listen there: \(error)")
        }
        self.socket = socket
        self.port = try ClassAddress.port(of: socket)
        pool = SocketPool.make(maxEvents: 256)
    }

    /// Starts the pool and the accept loop in the background.
    public func start() async throws {
        try await pool.prepare()
        let listener = try AsyncSocket(socket: socket, pool: pool)
        let pool = self.pool
        let t = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { try? await pool.run() }
                group.addTask { await self.acceptLoop(listener) }
                await group.next()
                group.cancelAll()
            }
        }
        task.withLock { $0 = t }
    }

    /// Stops accepting and drops every connection.
    public func stop() {
        task.withLock { $0?.cancel(); $0 = nil }
        try? socket.close()
    }

    private func count(_ reason: String) { dropped.withLock { $0[reason, default: 0] += 1 } }

    private func acceptLoop(_ listener: AsyncSocket) async {
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let client: AsyncSocket
                do { client = try await listener.accept() } catch {
                    if Task.isCancelled { break }
                    // Out of file descriptors (or a transient error): wait, then go on.
                    count("accept-error")
                    try? await Task.sleep(nanoseconds: 50_000_000)
                    continue
                }
                let address = (try? ClassAddress.peer(of: client.socket)) ?? "?"
                guard let id = admit(address) else {
                    try? client.close()
                    continue
                }
                group.addTask {
                    await self.serve(client, address: address, id: id)
                    self.release(address)
                }
            }
        }
    }

    /// Counts a new connection in, or refuses it (nil) over the per-address or total cap.
    private func admit(_ address: String) -> Int? {
        let outcome: Int? = counts.withLock { c in
            if c.total >= limits.total { return -1 }
            if c.byAddress[address, default: 0] >= limits.perAddress { return -2 }
            c.total += 1
            c.byAddress[address, default: 0] += 1
            c.nextID += 1
            return c.nextID
        }
        switch outcome {
        case -1: count("total-cap"); return nil
        case -2: count("address-cap"); return nil
        default: return outcome
        }
    }

    private func release(_ address: String) {
        counts.withLock { c in
            c.total -= 1
            let n = c.byAddress[address, default: 1] - 1
            c.byAddress[address] = n > 0 ? n : nil
        }
    }

    /// Open connections (tests).
    public var connectionCount: Int { counts.withLock { $0.total } }

    /// One connection, from the upgrade to the drop.
    private func serve(_ client: AsyncSocket, address: String, id: Int) async {
        let connection = ServerConnection(socket: client, id: id, limits: limits)

        let reader = SocketReader(client)
        do {
            try await withDeadline(limits.handshakeSeconds, "waiting for the WebSocket upgrade") { [limits] in
                try await Self.upgrade(client, reader, limits: limits)
            }
        } catch {
            count(Self.reason(error))
            try? await Task.sleep(nanoseconds: 5_000_000)
            try? client.close()
            return
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await connection.runWriter() }
            group.addTask {
                do { try await self.readLoop(connection, reader) } catch {
                    self.count(Self.reason(error))
                    if case ClassNetError.tooLarge = error {
                        connection.send(.error(code: "too-large", "\(error)"))
                    } else if case ClassNetError.protocolError = error {
                        connection.send(.error(code: "protocol", "\(error)"))
                    }
                }
                connection.finish()
            }
            await group.next()
            connection.finish()
            // Give the writer a moment to say why, then stop it.
            try? await Task.sleep(nanoseconds: 20_000_000)
            group.cancelAll()
        }
        if connection.dropWasSlow { count("slow-reader") }
        if let name = connection.name { hub.left(name: name, linkID: id) }
        // Released only after every wait on it ended, and a moment later: FlyingSocks' epoll
        // drops a descriptor's registration just after resuming its wait.
        try? await Task.sleep(nanoseconds: 5_000_000)
        try? client.close()
    }

    static func reason(_ error: any Error) -> String {
        switch error {
        case ClassNetError.timeout: "timeout"
        case ClassNetError.tooLarge: "too-large"
        case ClassNetError.protocolError: "protocol"
        default: "closed"
        }
    }

    /// Reads the upgrade request and answers 101 (or 400 and throws).
    static func upgrade(_ client: AsyncSocket, _ reader: SocketReader, limits: ClassServerLimits) async throws {
        let head: HTTPHead
        do { head = try HTTPHead(try await reader.head(limit: limits.maxHandshake)) } catch {
            try? await client.write(Data("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".utf8))
            throw error
        }
        guard head.startLine.hasPrefix("GET /class "), head.headers["upgrade"]?.lowercased() == "websocket",
              let key = head.headers["sec-websocket-key"], !key.isEmpty, key.count < 100 else {
            let body = "stride class: connect with `stride class join`\n"
            try? await client.write(Data("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8))
            throw ClassNetError.protocolError("not a WebSocket upgrade to /class")
        }
        let response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: \(WebSocketCodec.accept(key: key))\r\n\r\n"
        try await client.write(Data(response.utf8))
    }

    /// Messages until the connection ends: `join` first (within the handshake time), then
    /// `answer` and `ping` (each within the idle time).
    private func readLoop(_ c: ServerConnection, _ reader: SocketReader) async throws {
        let limit = limits.maxMessage
        while true {
            let seconds = c.name == nil ? limits.handshakeSeconds : limits.idleSeconds
            let message = try await withDeadline(seconds, c.name == nil ? "waiting for join" : "idle") {
                try await WebSocketCodec.readMessage(reader, limit: limit, requireMask: true) { payload in
                    c.sendRaw(WebSocketCodec.frame(.pong, payload))
                }
            }
            guard case .text(let text) = message else { return }
            let wire: ClassWire
            do { wire = try ClassWire.decode(text) } catch {
                throw ClassNetError.protocolError("a message that is not a class message")
            }
            switch wire.type {
            case "ping":
                c.send(ClassWire(type: "pong"))
            case "join":
                let language = Language(rawValue: wire.lang ?? "") ?? .en
                c.language = language
                let link = StudentLink(id: c.id, language: language, send: { c.send($0) }, drop: { c.finish() })
                switch hub.join(code: wire.code ?? "", name: wire.name ?? "", token: wire.token, link: link) {
                case .success(let name): c.name = name
                case .failure(let refusal):
                    c.send(.error(refusal, language))
                    return
                }
            case "answer":
                guard let name = c.name, let token = wire.token, let index = wire.index, let text = wire.answer else {
                    throw ClassNetError.protocolError("answer needs join first, a token, an index and an answer")
                }
                hub.answer(name: name, token: token, index: index, text: text, reply: { c.send($0) }, language: c.language)
            default:
                throw ClassNetError.protocolError("unknown message type")
            }
        }
    }
}

/// One connection's outgoing queue and identity.
final class ServerConnection: @unchecked Sendable {
    let socket: AsyncSocket
    let id: Int
    let limits: ClassServerLimits
    private let state = Mutex<(queue: [Data], finished: Bool, slow: Bool, waiter: CheckedContinuation<Void, Never>?)>(([], false, false, nil))
    private let who = Mutex<(name: String?, language: Language)>((nil, .en))

    init(socket: AsyncSocket, id: Int, limits: ClassServerLimits) {
        self.socket = socket
        self.id = id
        self.limits = limits
    }

    var name: String? {
        get { who.withLock { $0.name } }
        set { who.withLock { $0.name = newValue } }
    }

    var language: Language {
        get { who.withLock { $0.language } }
        set { who.withLock { $0.language = newValue } }
    }

    var dropWasSlow: Bool { state.withLock { $0.slow } }

    func send(_ message: ClassWire) { sendRaw(WebSocketCodec.frame(.text, message.data)) }

    /// Queues a frame; a connection with `maxQueued` frames waiting is dropped (a slow reader).
    func sendRaw(_ frame: Data) {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { s in
            guard !s.finished else { return nil }
            if s.queue.count >= limits.maxQueued {
                s.slow = true
                s.finished = true
            } else {
                s.queue.append(frame)
            }
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }

    /// Ends the connection: the writer stops after what is queued.
    func finish() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.finished = true
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }

    /// Writes queued frames in order, each within `writeSeconds`, until finished.
    func runWriter() async {
        while true {
            let next: (frames: [Data], done: Bool) = state.withLock { s in
                let frames = s.queue
                s.queue = []
                return (frames, s.finished && frames.isEmpty)
            }
            if next.done || Task.isCancelled { return }
            if next.frames.isEmpty {
                await withCheckedContinuation { (k: CheckedContinuation<Void, Never>) in
                    let resumeNow = state.withLock { s -> Bool in
                        if !s.queue.isEmpty || s.finished { return true }
                        s.waiter = k
                        return false
                    }
                    if resumeNow { k.resume() }
                }
                continue
            }
            var buffer = Data()
            for f in next.frames { buffer.append(f) }
            let joined = buffer, socket = self.socket
            do {
                try await withDeadline(limits.writeSeconds, "writing") { try await socket.write(joined) }
            } catch {
                state.withLock { s in
                    if case ClassNetError.timeout = error { s.slow = true }
                    s.finished = true
                    s.queue = []
                }
                return
            }
        }
    }
}
