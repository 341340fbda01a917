import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Host names and addresses for the class server and its clients.
public enum ClassAddress {
    enum Resolved {
        case v4(sockaddr_in)
        case v6(sockaddr_in6)

        var family: sa_family_t {
            switch self {
            case .v4: sa_family_t(AF_INET)
            case .v6: sa_family_t(AF_INET6)
            }
        }

        func bind(_ socket: Socket) throws {
            switch self {
            case .v4(let a): try socket.bind(to: a)
            case .v6(let a): try socket.bind(to: a)
            }
        }

        func connect(_ socket: AsyncSocket) async throws {
            switch self {
            case .v4(let a): try await socket.connect(to: a)
            case .v6(let a): try await socket.connect(to: a)
            }
        }
    }

    /// An IPv4 or IPv6 literal, or a name looked up with `getaddrinfo` (IPv4 first).
    static func resolve(host: String, port: UInt16) throws -> Resolved {
        if let a = try? sockaddr_in.inet(ip4: host, port: port) { return .v4(a) }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if let a = try? sockaddr_in6.inet6(ip6: bare, port: port) { return .v6(a) }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else {
            throw ClassHostError(host: host)
        }
        defer { freeaddrinfo(list) }
        var node: UnsafeMutablePointer<addrinfo>? = first
        var v6: Resolved?
        while let n = node {
            if n.pointee.ai_family == AF_INET, let addr = n.pointee.ai_addr {
                var a = addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
                a.sin_port = port.bigEndian
                return .v4(a)
            }
            if n.pointee.ai_family == AF_INET6, v6 == nil, let addr = n.pointee.ai_addr {
                var a = addr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee }
                a.sin6_port = port.bigEndian
                v6 = .v6(a)
            }
            node = n.pointee.ai_next
        }
        if let v6 { return v6 }
        throw ClassHostError(host: host)
    }

    static func port(of socket: Socket) throws -> UInt16 {
        switch try socket.sockname() {
        case .ip4(_, let port), .ip6(_, let port): port
        case .unix: 0
        }
    }

    /// The peer's address without its port (the per-address cap counts by this).
    static func peer(of socket: Socket) throws -> String {
        switch try socket.remotePeer() {
        case .ip4(let host, _), .ip6(let host, _): host
        case .unix(let path): path
        }
    }

    /// `host:port` strings students can use: the host itself, or — for 0.0.0.0 / :: — every
    /// IPv4 address of this machine's interfaces (loopback last).
    static func joinAddresses(host: String, port: UInt16) -> [String] {
        guard host == "0.0.0.0" || host == "::" else {
            return [host.contains(":") && !host.hasPrefix("[") ? "[\(host)]:\(port)" : "\(host):\(port)"]
        }
        var found: [String] = []
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return ["127.0.0.1:\(port)"] }
        defer { freeifaddrs(list) }
        var node = list
        while let n = node {
            if let addr = n.pointee.ifa_addr, addr.pointee.sa_family == sa_family_t(AF_INET) {
                var a = addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                var buffer = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
                if inet_ntop(AF_INET, &a, &buffer, socklen_t(INET_ADDRSTRLEN)) != nil {
                    found.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
                }
            }
            node = n.pointee.ifa_next
        }
        let ordered = found.filter { !$0.hasPrefix("127.") } + found.filter { $0.hasPrefix("127.") }
        return Array(Set(ordered)).sorted { ordered.firstIndex(of: $0)! < ordered.firstIndex(of: $1)! }.map { "\($0):\(port)" }
    }
}

/// A host name that does not resolve.
public struct ClassHostError: Error, CustomStringConvertible {
    let host: String
    public var description: String { "cannot find the host '\(host)'" }
}

extension ClassAddress {
    /// `joinAddresses` for the executable.
    public static func joinAddressesPublic(host: String, port: UInt16) -> [String] { joinAddresses(host: host, port: port) }
}
