/// Who arrives in a `VirtualTaobao`: P^c, the customer distribution.
public enum VirtualCustomers: CustomerGenerator, Sendable {
    /// The log's customers, resampled (`LoggedCustomers`).
    case logged(LoggedCustomers)
    /// A generator network with one softmax per attribute group (`GroupedSoftmaxGenerator`):
    /// chapter 7's GAN-SD generator, or any generator MLP over U[0, 1) noise.
    case generator(GroupedSoftmaxGenerator)

    public var customerSize: Int {
        switch self {
        case .logged(let c): c.customerSize
        case .generator(let g): g.customerSize
        }
    }

    public func nextCustomer<Draws: SimulatorDraws>(draws: inout Draws) -> [Double] {
        switch self {
        case .logged(let c): c.nextCustomer(draws: &draws)
        case .generator(let g): g.nextCustomer(draws: &draws)
        }
    }
}

/// Virtual Taobao: a simulator learned from the historical log alone (Shi et al. 2019), on the
/// course's `Environment` interface, with the engine as the agent — a drop-in for `TaobaoWorld`.
///
///     reset:        u ~ P^c (`customers`);  last clicks = session clicks = n = 0
///     step(a):      s^c = ⟨u, [last clicks, session clicks, n], a⟩        (`CustomerView`)
///                   (c, d) ~ π^c_κ(· | s^c)                              (`customerPolicy`)
///                   reward = c (`.clicks`) or 1[d = buy] (`.purchase`)
///                   n ← n + 1;  terminated if d ∈ {leave, buy};  truncated if n = maxPages
///     observation = u ‖ [last clicks, session clicks, n]                  (as TaobaoWorld's, raw counts)
///
/// It is built from the same parts as `SimulatorEnvironment` — a `CustomerGenerator`, and a
/// learned customer whose decision ends the session through `DecisionLeaveModel` — but is its own
/// environment, because a learned customer reads more than a `ClickModel` is given (the session's
/// clicks so far, not only the page count), and because it must end sessions as `TaobaoWorld` does
/// (the last observation is the finished session's, and the reward may be the purchase), where
/// `SimulatorEnvironment` keeps the published VirtualTB-v0's conventions.
///
/// Random numbers as `TaobaoWorld`: `reset(seed:)` restarts the session stream; each session takes
/// two generators split from it, one for the customer and one for the customer's answers, so the
/// same seed gives the same sessions and two engines meet the same customers.
public struct VirtualTaobao: Environment, @unchecked Sendable {
    /// P^c.
    public let customers: VirtualCustomers
    /// π^c_κ(a^c | s^c), only read (sampling writes no parameter), so copies may share it.
    public let customerPolicy: CustomerPolicy
    /// What the engine is rewarded for (as `TaobaoWorld`).
    public let reward: TaobaoWorld.Reward
    /// Ends the session on leave or buy, cuts it at the page cap.
    public let leaveModel: DecisionLeaveModel
    /// The page cap.
    public var maxPages: Int { leaveModel.maxPages! }

    private var sessions: RNG
    private var responses = RNG(seed: 0)
    /// The current customer's 88 one-hot attributes.
    public private(set) var customer: [Double] = []
    /// Pages shown so far in this session.
    public private(set) var pagesShown = 0
    /// Clicks on the last page.
    public private(set) var lastClicks = 0
    /// Clicks so far in this session.
    public private(set) var sessionClicks = 0
    /// What the customer did after the last page.
    public private(set) var lastAction: CustomerAction?
    /// True once the session has ended (call `reset`).
    public private(set) var isSessionOver = true

    public var observationSize: Int { TaobaoLayout.observationSize }
    public var actionSize: Int { TaobaoLayout.actionSize }

    /// A simulator over a customer distribution and a customer policy.
    public init(
        customers: VirtualCustomers, customerPolicy: CustomerPolicy, reward: TaobaoWorld.Reward = .clicks,
        maxPages: Int = 15, seed: UInt64 = 0
    ) {
        precondition(
            customers.customerSize == TaobaoLayout.staticSize,
            "VirtualTaobao needs 88-feature customers, got \(customers.customerSize)")
        precondition(maxPages >= 1, "VirtualTaobao needs a positive page cap, got \(maxPages)")
        self.customers = customers
        self.customerPolicy = customerPolicy
        self.reward = reward
        self.leaveModel = DecisionLeaveModel(maxPages: maxPages)
        self.sessions = RNG(seed: seed)
    }

    /// The same simulator paying `reward`.
    public func paying(_ reward: TaobaoWorld.Reward) -> VirtualTaobao {
        VirtualTaobao(
            customers: customers, customerPolicy: customerPolicy, reward: reward, maxPages: maxPages, seed: 0)
    }

    public var observation: [Double] {
        customer + [Double(lastClicks), Double(sessionClicks), Double(pagesShown)]
    }

    public mutating func reset(seed: UInt64? = nil) -> [Double] {
        if let seed { sessions = RNG(seed: seed) }
        var customerDraws = sessions.split()
        responses = sessions.split()
        customer = customers.nextCustomer(draws: &customerDraws)
        leaveModel.startSession(customer: customer, draws: &customerDraws)
        pagesShown = 0
        lastClicks = 0
        sessionClicks = 0
        lastAction = nil
        isSessionOver = false
        return observation
    }

    /// Shows the page ranked by `action` (27 raw weights, fed to π^c as they are) to the virtual
    /// customer. Precondition: a session is running.
    public mutating func step(_ action: [Double]) -> StepResult {
        precondition(
            action.count == actionSize, "VirtualTaobao.step needs \(actionSize) action weights, got \(action.count)")
        precondition(action.allSatisfy(\.isFinite), "VirtualTaobao.step: the action weights must be finite")
        precondition(!isSessionOver, "VirtualTaobao.step called with no session running: call reset() first")
        let features = CustomerView.features(
            customer: customer, lastClicks: lastClicks, sessionClicks: sessionClicks, pageIndex: pagesShown,
            action: action)
        let answer = customerPolicy.sample(features: features, draws: &responses)
        pagesShown += 1
        lastClicks = answer.clicks
        sessionClicks += answer.clicks
        lastAction = answer
        var unused: Void = ()
        let status = leaveModel.afterPage(
            PageResponse(clicks: answer.clicks, signal: sessionClicks, decision: answer.pageDecision),
            pagesShown: pagesShown, session: &unused, draws: &responses)
        isSessionOver = status != .continues
        let purchase = answer.decision == .buy
        let r: Double =
            switch reward {
            case .clicks: Double(answer.clicks)
            case .purchase: purchase ? 1 : 0
            }
        return StepResult(
            observation: observation, reward: r, terminated: status == .ended, truncated: status == .cutOff,
            info: StepInfo(clicks: answer.clicks, purchase: purchase, page: pagesShown))
    }
}
