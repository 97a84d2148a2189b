import Foundation

/// How a ground-truth customer responds to a page (the equations are in `TaobaoWorld`'s header).
///
/// With m = θ·x the match of an item to the customer and n = 1, 2, … the page number:
///
///     interest        s(m)      = σ(α·m + β)
///     P(click | item at position k on page n) = ρ_k · φ_n · s(m),   ρ_k = 1 / (1 + 0.1·k),  φ_n = e^{−η(n−1)}
///     P(buy | clicked)         = κ · s(m)
///     P(leave | c clicks, no purchase) = σ(λ₀ + λ_n·(n − 1) − λ_c·c)
public struct CustomerResponse: Sendable {
    /// α: how sharply interest rises with the match.
    public var matchScale = 0.65
    /// β: interest of an item with match 0 is σ(β).
    public var matchBias = -4.4
    /// η: fatigue per page.
    public var fatigue = 0.06
    /// κ: a clicked item is bought with probability κ·s(m).
    public var purchaseScale = 0.05
    /// λ₀: leaving after a first page with no click is σ(λ₀).
    public var leaveBias = -0.9
    /// λ_n: leaving grows with each page.
    public var leavePerPage = 0.1
    /// λ_c: each click on the page makes leaving less likely.
    public var leavePerClick = 0.6

    public init() {}

    /// σ(x) = 1 / (1 + e^{−x}).
    @inline(__always) static func sigmoid(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }

    /// ρ_k, the chance a customer looks at position k (0…9).
    @inline(__always) public func positionBias(_ k: Int) -> Double { 1 / (1 + 0.1 * Double(k)) }

    /// s(m) = σ(α·m + β).
    @inline(__always) public func interest(match m: Double) -> Double { Self.sigmoid(matchScale * m + matchBias) }

    /// ρ_k · φ_n · s(m), with `page` n counted from 1.
    @inline(__always) public func clickProbability(match m: Double, position k: Int, page n: Int) -> Double {
        positionBias(k) * Foundation.exp(-fatigue * Double(n - 1)) * interest(match: m)
    }

    /// κ · s(m).
    @inline(__always) public func purchaseProbability(match m: Double) -> Double { purchaseScale * interest(match: m) }

    /// σ(λ₀ + λ_n·(n − 1) − λ_c·c), with `page` n counted from 1.
    @inline(__always) public func leaveProbability(clicks c: Int, page n: Int) -> Double {
        Self.sigmoid(leaveBias + leavePerPage * Double(n - 1) - leavePerClick * Double(c))
    }
}
