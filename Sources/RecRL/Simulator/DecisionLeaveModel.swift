/// A leave model that does what the customer says: the session ends when the click model's
/// response decides `.leave` or `.buy`, and is cut off (truncated, not ended) once `maxPages`
/// pages have been shown, as `TaobaoWorld` caps its sessions.
///
/// This is the leave part for a learned customer policy (chapter 8's MAIL customer), whose
/// network outputs the clicks and the turn-page / leave / buy decision together; it draws nothing.
public struct DecisionLeaveModel: LeaveModel {
    /// The page cap (nil: none).
    public let maxPages: Int?

    public init(maxPages: Int?) {
        precondition(maxPages.map { $0 > 0 } ?? true, "DecisionLeaveModel needs a positive page cap")
        self.maxPages = maxPages
    }

    public func startSession<Draws: SimulatorDraws>(customer: [Double], draws: inout Draws) {}

    public func afterPage<Draws: SimulatorDraws>(
        _ response: PageResponse, pagesShown: Int, session: inout Void, draws: inout Draws
    ) -> SessionStatus {
        if response.decision != .turnPage { return .ended }
        if let maxPages, pagesShown >= maxPages { return .cutOff }
        return .continues
    }
}
