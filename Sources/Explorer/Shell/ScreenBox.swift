import Terminal

/// A message of some screen's own type, on its way back from the runtime.
public struct AnyMessage: Sendable {
    public let value: any Sendable
    public init(_ value: any Sendable) { self.value = value }
}

/// A screen of any message type, as the app's stack and a parent embedding a child hold it:
/// its commands come out with their messages wrapped in `AnyMessage`, and `deliver` unwraps
/// a result for it (a message of another type is ignored).
public struct ScreenBox {
    public private(set) var screen: any Screen

    public init(_ screen: any Screen) { self.screen = screen }

    public func start() -> Command<AnyMessage> { startOpened(screen) }

    public mutating func update(_ event: ScreenMessage) -> Command<AnyMessage> {
        updateOpened(&screen, event)
    }

    public mutating func deliver(_ message: AnyMessage) -> Command<AnyMessage> {
        deliverOpened(&screen, message)
    }
}

private func startOpened<S: Screen>(_ screen: S) -> Command<AnyMessage> {
    screen.start().map { AnyMessage($0) }
}

private func updateOpened<S: Screen>(_ screen: inout S, _ event: ScreenMessage) -> Command<AnyMessage> {
    screen.update(event.widened(to: S.Message.self)).map { AnyMessage($0) }
}

private func deliverOpened<S: Screen>(_ screen: inout S, _ message: AnyMessage) -> Command<AnyMessage> {
    guard let own = message.value as? S.Message else { return .none }
    return screen.update(.own(own)).map { AnyMessage($0) }
}
