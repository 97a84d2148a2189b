/// The published VirtualTB-v0's leave model (`virtualTB.py`'s `LeaveModel.predict`): when a
/// customer u arrives, the page after which it leaves is drawn once,
///
///     L ~ softmax(Λ(u)) over 0…100,   Λ: 88 → 128 → LeakyReLU → 256 → LeakyReLU → 101,
///
/// and the session ends after the page that makes c ≥ L pages (so L = 0 behaves like L = 1).
/// Nothing a page shows changes L: in VirtualTB-v0 the engine's actions have no future.
///
/// The draw's 101 Exp(1) numbers are taken when the customer arrives, as in the original; the
/// network — the costliest of the three — runs only when `afterPage` first needs L. Learners call
/// `reset()` after `done`, which draws yet another customer, so the one drawn inside the done step
/// never runs it. Same numbers, same L.
///
/// Sendable because the network is only read once handed over (a forward pass writes new tensors
/// only), so simulators on several threads can share it; do not train it while they run.
public struct VirtualTBLeaveModel: LeaveModel, @unchecked Sendable {
    /// Λ: customer → 101 logits.
    public let network: MLP

    /// One customer's leave page: its Exp(1) numbers, and L once worked out.
    public struct Session: Sendable {
        let customer: [Double]
        let exponentials: [Double]
        var leavePage: Int?
    }

    public init(network: MLP) {
        self.network = network
    }

    /// Number of leave pages: L ∈ 0 ..< pages.
    public var pages: Int { network.sizes.last! }

    /// P(L = 0…100 | customer).
    public func probabilities(customer: [Double]) -> [Double] {
        precondition(
            customer.count == network.sizes[0],
            "the leave model needs a customer of \(network.sizes[0]), got \(customer.count)")
        var p = network(Tensor.row(customer)).data
        softmaxInPlace(&p, over: p.indices)
        return p
    }

    /// L for the session (the categorical draw with the session's Exp(1) numbers).
    public func leavePage(_ session: Session) -> Int {
        if let known = session.leavePage { return known }
        var replay = RecordedDraws(session.exponentials.map { (kind: .exponential, value: $0) })
        return replay.categorical(probabilities(customer: session.customer)[...])
    }

    public func startSession<Draws: SimulatorDraws>(customer: [Double], draws: inout Draws) -> Session {
        var exponentials = [Double](repeating: 0, count: pages)
        for i in exponentials.indices { exponentials[i] = draws.exponential() }
        return Session(customer: customer, exponentials: exponentials, leavePage: nil)
    }

    public func afterPage<Draws: SimulatorDraws>(
        _ response: PageResponse, pagesShown: Int, session: inout Session, draws: inout Draws
    ) -> SessionStatus {
        if session.leavePage == nil { session.leavePage = leavePage(session) }
        return pagesShown >= session.leavePage! ? .ended : .continues
    }
}
