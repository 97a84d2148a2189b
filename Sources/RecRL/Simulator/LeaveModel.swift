/// Part 3 of a learned simulator: when the customer's session ends. The published VirtualTB-v0
/// draws, once per customer, the page L ∈ 0…100 after which the customer leaves (`virtualTB.py`'s
/// `LeaveModel.predict`, then `done = total_c >= L`): `VirtualTBLeaveModel`. Chapter 8's learned
/// customer policy instead decides after every page (turn the page, leave, buy), and
/// `DecisionLeaveModel` reads that decision from the click model's `PageResponse`.
///
/// A `SimulatorEnvironment` calls `startSession` when a customer arrives (after the generator's
/// draws, before any page) and `afterPage` after each page's response (after the click model's
/// draws); what the model decides at the start and needs later lives in its `Session`.
public protocol LeaveModel {
    /// What the model remembers about the current customer (VirtualTB-v0: the leave page's draws).
    associatedtype Session
    /// A customer arrives.
    func startSession<Draws: SimulatorDraws>(customer: [Double], draws: inout Draws) -> Session
    /// After the page that made `pagesShown` pages (1 after the first): does the session go on?
    func afterPage<Draws: SimulatorDraws>(
        _ response: PageResponse, pagesShown: Int, session: inout Session, draws: inout Draws
    ) -> SessionStatus
}

/// Whether a session goes on after a page.
public enum SessionStatus: Sendable, Equatable {
    /// The customer looks at another page.
    case continues
    /// The customer left or bought: the episode is `terminated` (the next state has value 0).
    case ended
    /// A page cap cut the session short: the episode is `truncated` (learners bootstrap).
    case cutOff
}
