import FlyingSocks
import Foundation

/// Why a connection was dropped.
public enum ClassNetError: Error, Equatable, Sendable, CustomStringConvertible {
    case timeout(String)
    case tooLarge(Int, limit: Int)
    case protocolError(String)
    case closed

    public var description: String {
        switch self {
        case .timeout(let what): "timed out \(what)"
        case .tooLarge(let n, let limit): "message of \(n) bytes is over the \(limit)-byte limit"
        case .protocolError(let why): "protocol error: \(why)"
        case .closed: "connection closed"
        }
    }
}

/// Runs `body`, cancelling it when `seconds` pass first (socket waits in FlyingSocks end on
/// cancellation), and throws `.timeout(what)` then.
func withDeadline<T: Sendable>(_ seconds: Double, _ what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw ClassNetError.timeout(what) }
        return value
    }
}

/// Bytes read from a socket on demand, never more than a caller asked to keep: every
/// length from the network is checked against a limit before anything is buffered for it.
final class SocketReader: @unchecked Sendable {
    let socket: AsyncSocket
    private var buffer: [UInt8] = []
    private var start = 0

    init(_ socket: AsyncSocket) { self.socket = socket }

    private var available: Int { buffer.count - start }

    private func fill() async throws {
        let chunk = try await socket.read(atMost: 4096)
        guard !chunk.isEmpty else { throw ClassNetError.closed }
        if start > 0 { buffer.removeFirst(start); start = 0 }
        buffer += chunk
    }

    /// The next `n` bytes (the caller has checked `n` against its limit).
    func take(_ n: Int) async throws -> [UInt8] {
        while available < n { try await fill() }
        let out = Array(buffer[start..<start + n])
        start += n
        return out
    }

    /// Bytes up to and including `\r\n\r\n` (an HTTP head), at most `limit` of them.
    func head(limit: Int) async throws -> [UInt8] {
        while true {
            if available >= 4 {
                for i in start...(buffer.count - 4)
                where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
                    let out = Array(buffer[start..<i + 4])
                    start = i + 4
                    return out
                }
            }
            guard available < limit else { throw ClassNetError.tooLarge(available, limit: limit) }
            try await fill()
        }
    }
}

/// RFC 6455 framing: text messages (JSON), ping/pong, close. Fragmented messages are
/// joined; a message (or a declared frame) longer than `limit` is refused from its header,
/// before its payload is read.
enum WebSocketCodec {
    static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// `Sec-WebSocket-Accept` for a `Sec-WebSocket-Key`.
    static func accept(key: String) -> String {
        Data(SHA1.digest(Array((key + guid).utf8))).base64EncodedString()
    }

    enum Opcode: UInt8 { case continuation = 0, text = 1, binary = 2, close = 8, ping = 9, pong = 10 }

    /// One frame: FIN set, masked with `mask` when given (clients must mask).
    static func frame(_ opcode: Opcode, _ payload: [UInt8], mask: [UInt8]? = nil) -> Data {
        var out: [UInt8] = [0x80 | opcode.rawValue]
        let maskBit: UInt8 = mask == nil ? 0 : 0x80
        switch payload.count {
        case 0...125: out.append(maskBit | UInt8(payload.count))
        case 126...0xFFFF: out += [maskBit | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        default:
            out.append(maskBit | 127)
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: payload.count >> shift)) }
        }
        if let mask {
            out += mask
            out += payload.enumerated().map { $0.element ^ mask[$0.offset & 3] }
        } else {
            out += payload
        }
        return Data(out)
    }

    /// A message: a text (JSON) or a close.
    enum Message: Equatable { case text(String), close }

    /// Reads frames until a whole text message or a close arrives; answers pings with
    /// `pong` (which the caller sends). `requireMask`: a server refuses unmasked client frames.
    static func readMessage(_ reader: SocketReader, limit: Int, requireMask: Bool,
                            pong: @Sendable ([UInt8]) async throws -> Void) async throws -> Message {
        var message: [UInt8] = []
        var inMessage = false
        while true {
            let head = try await reader.take(2)
            let fin = head[0] & 0x80 != 0
            guard head[0] & 0x70 == 0 else { throw ClassNetError.protocolError("reserved bits set") }
            guard let opcode = Opcode(rawValue: head[0] & 0x0F) else { throw ClassNetError.protocolError("unknown opcode \(head[0] & 0x0F)") }
            let masked = head[1] & 0x80 != 0
            if requireMask && !masked { throw ClassNetError.protocolError("client frames must be masked") }
            var length = Int(head[1] & 0x7F)
            if length == 126 {
                let b = try await reader.take(2)
                length = Int(b[0]) << 8 | Int(b[1])
            } else if length == 127 {
                let b = try await reader.take(8)
                guard b[0] & 0x80 == 0 else { throw ClassNetError.protocolError("frame length over 2^63") }
                var n: UInt64 = 0
                for byte in b { n = n << 8 | UInt64(byte) }
                guard n <= UInt64(limit) else { throw ClassNetError.tooLarge(Int(clamping: n), limit: limit) }
                length = Int(n)
            }
            let isControl = opcode.rawValue >= 8
            if isControl { guard length <= 125, fin else { throw ClassNetError.protocolError("bad control frame") } }
            guard message.count + length <= limit else { throw ClassNetError.tooLarge(message.count + length, limit: limit) }
            let mask = masked ? try await reader.take(4) : nil
            var payload = try await reader.take(length)
            if let mask { for i in payload.indices { payload[i] ^= mask[i & 3] } }
            switch opcode {
            case .ping: try await pong(payload)
            case .pong: break
            case .close: return .close
            case .binary: throw ClassNetError.protocolError("binary messages are not part of the protocol")
            case .text:
                guard !inMessage else { throw ClassNetError.protocolError("a new message inside a fragmented one") }
                message = payload
                inMessage = !fin
            case .continuation:
                guard inMessage else { throw ClassNetError.protocolError("continuation without a message") }
                message += payload
                inMessage = !fin
            }
            if (opcode == .text || opcode == .continuation) && !inMessage {
                guard let text = String(validating: message, as: UTF8.self) else {
                    throw ClassNetError.protocolError("a text message that is not UTF-8")
                }
                return .text(text)
            }
        }
    }
}

/// An HTTP head's request line and headers (names lowercased).
struct HTTPHead {
    let startLine: String
    let headers: [String: String]

    init(_ bytes: [UInt8]) throws {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw ClassNetError.protocolError("HTTP head is not UTF-8") }
        var lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        guard !lines.isEmpty else { throw ClassNetError.protocolError("empty HTTP head") }
        startLine = lines.removeFirst()
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw ClassNetError.protocolError("bad header line") }
            headers[line[..<colon].lowercased().trimmingCharacters(in: .whitespaces)] =
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        self.headers = headers
    }
}
