/// The customer's action a^c on one page (Shi et al. 2019, "MAIL": the customer is an agent whose
/// action answers the page the engine showed): what the historical log records of a page — the
/// page's clicks and what the customer did next.
///
///     a^c = (c, d),   c ∈ {0, 1, …, 10} clicks,   d ∈ {turn the page, leave, buy}
///
/// 11 × 3 = 33 possible actions. `index` numbers them 3·c + d (d as `TaobaoWorld.Decision`'s raw
/// value: 0 turn the page, 1 leave, 2 buy), the order of the joint categorical head of
/// `CustomerPolicy`. With both parts the simulator reproduces CTR (clicks) and R2P (buy).
public struct CustomerAction: Sendable, Hashable {
    /// Clicks on the page, 0…10.
    public var clicks: Int
    /// What the customer did after the page.
    public var decision: TaobaoWorld.Decision

    /// 11 click counts (0…10).
    public static let clickChoices = TaobaoLayout.pageSize + 1
    /// 3 decisions.
    public static let decisionChoices = 3
    /// 33 joint actions.
    public static let count = clickChoices * decisionChoices

    public init(clicks: Int, decision: TaobaoWorld.Decision) {
        precondition((0...TaobaoLayout.pageSize).contains(clicks), "a page has 0…10 clicks, got \(clicks)")
        self.clicks = clicks
        self.decision = decision
    }

    /// The action numbered `index` = 3·clicks + decision (0..<33).
    public init(index: Int) {
        precondition((0..<Self.count).contains(index), "a customer action index is in 0..<33, got \(index)")
        self.init(clicks: index / 3, decision: TaobaoWorld.Decision(rawValue: index % 3)!)
    }

    /// 3·clicks + decision.
    public var index: Int { 3 * clicks + decision.rawValue }

    /// The same decision as a simulator's `PageResponse.Decision`.
    public var pageDecision: PageResponse.Decision {
        switch decision {
        case .turnPage: .turnPage
        case .leave: .leave
        case .buy: .buy
        }
    }
}
