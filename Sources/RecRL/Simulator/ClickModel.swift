/// Part 2 of a learned simulator: what a customer does with the page an engine shows. In
/// Virtual-Taobao this is the customer policy that MAIL learns; in the published VirtualTB-v0 it is
/// the action model (`virtualTB.py`'s `ActionModel.predict`), `VirtualTBClickModel`.
///
/// Each step, a `SimulatorEnvironment` calls `respond` with the session's customer, the number of
/// pages already shown (c = 0 on the first page) and the engine's action, and pays the answer's
/// `clicks` as the reward.
///
/// Chapter 8's learned customer policy conforms the same way: its network reads (customer, c,
/// action), draws the clicks and a decision — turn the page, leave, or buy — and returns them
/// here; `DecisionLeaveModel` then ends the session on `.leave` or `.buy`, so the simulator
/// environment itself does not change.
public protocol ClickModel {
    /// Length of the engine's action (27 ranking weights in VirtualTaobao).
    var actionSize: Int { get }
    /// The customer's answer to one page, drawn from `draws`.
    func respond<Draws: SimulatorDraws>(
        customer: [Double], pagesShown: Int, action: [Double], draws: inout Draws
    ) -> PageResponse
}

/// What the customer did on one page.
public struct PageResponse: Sendable, Equatable {
    /// What the customer says it will do next.
    public enum Decision: Sendable, Equatable {
        /// Look at the next page (VirtualTB-v0's action model always says this: its leave model,
        /// not the page, decides when the session ends).
        case turnPage
        /// Leave without buying.
        case leave
        /// Buy, which ends the session.
        case buy
    }

    /// Items clicked (0…10): the reward.
    public var clicks: Int
    /// The second number the engine sees of the last page, beside its clicks (observation
    /// feature 89): VirtualTB-v0's b ∈ 0…9, the action model's second output; a learned model
    /// returns what its training log recorded there.
    public var signal: Int
    /// The customer's decision after this page.
    public var decision: Decision

    public init(clicks: Int, signal: Int, decision: Decision = .turnPage) {
        self.clicks = clicks
        self.signal = signal
        self.decision = decision
    }

    /// Whether the customer bought on this page.
    public var purchase: Bool { decision == .buy }
}
