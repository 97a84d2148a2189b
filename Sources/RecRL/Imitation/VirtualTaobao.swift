/// Who arrives in a `VirtualTaobao`: P^c, the customer distribution.
///
/// Sendable although `.gan` holds a class: a simulator only reads the networks (a forward pass
/// writes new tensors only), so simulators on several threads may share them; do not train a
/// generator while simulators that hold it run.
public enum VirtualCustomers: CustomerGenerator, @unchecked Sendable {
    /// The log's customers, resampled (`LoggedCustomers`).
    case logged(LoggedCustomers)
    /// A generator network with one softmax per attribute group (`GroupedSoftmaxGenerator`):
    /// any generator MLP over U[0, 1) noise (the published VirtualTB-v0's).
    case generator(GroupedSoftmaxGenerator)
    /// Chapter 7's GAN-SD generator (`GANGenerator`), over normal noise:
    ///
    ///     z ~ N(0, I) (noiseSize draws of `SimulatorDraws.standardNormal()`, two uniforms each),
    ///     ℓ = G(z),  kᵍ ~ Cat(softmax(ℓ restricted to group g)) for the 11 groups in order
    ///     (each with `SimulatorDraws.categorical`, one Exp(1) per category),
    ///     customer = one-hot(k¹) ‖ … ‖ one-hot(k¹¹)
    ///
    /// all from the session's customer stream, so the same seed gives the same customers.
    case gan(GANGenerator)

    public var customerSize: Int {
        switch self {
        case .logged(let c): c.customerSize
        case .generator(let g): g.customerSize
        case .gan(let g): g.network.sizes.last!
        }
    }

    public func nextCustomer<Draws: SimulatorDraws>(draws: inout Draws) -> [Double] {
        switch self {
        case .logged(let c): return c.nextCustomer(draws: &draws)
        case .generator(let g): return g.nextCustomer(draws: &draws)
        case .gan:
            var one = [draws]
            let customer = nextCustomers(draws: &one)[0]
            draws = one[0]
            return customer
        }
    }

    /// One new customer from each of `draws`, customer k drawn from `draws[k]` alone: the same
    /// customers, bit for bit, as `nextCustomer(draws:)` on each stream in turn, but a generator
    /// network computes the logits of all of them in one forward pass (a row of a product does
    /// not depend on the other rows, see `MatrixKernel`).
    public func nextCustomers<Draws: SimulatorDraws>(draws: inout [Draws]) -> [[Double]] {
        switch self {
        case .logged(let c):
            return draws.indices.map { c.nextCustomer(draws: &draws[$0]) }
        case .generator(let g):
            var noise: [Double] = []
            noise.reserveCapacity(draws.count * g.noiseSize)
            for k in draws.indices {
                for _ in 0..<g.noiseSize { noise.append(draws[k].uniform()) }
            }
            return Self.oneHotDraws(network: g.network, noise: noise, groups: g.groups, draws: &draws)
        case .gan(let g):
            var noise: [Double] = []
            noise.reserveCapacity(draws.count * g.noiseSize)
            for k in draws.indices {
                for _ in 0..<g.noiseSize { noise.append(draws[k].standardNormal()) }
            }
            return Self.oneHotDraws(network: g.network, noise: noise, groups: Self.attributeGroups, draws: &draws)
        }
    }

    /// The 11 attribute groups of the 88 features, [start, end) each.
    static let attributeGroups: [Range<Int>] = zip(TaobaoLayout.groupOffsets, TaobaoLayout.groupSizes).map {
        $0..<($0 + $1)
    }

    /// Row k of `noise` through `network`, a softmax per group, one categorical per group drawn from
    /// `draws[k]`, one-hot.
    private static func oneHotDraws<Draws: SimulatorDraws>(
        network: MLP, noise: [Double], groups: [Range<Int>], draws: inout [Draws]
    ) -> [[Double]] {
        let n = draws.count
        guard n > 0 else { return [] }
        let width = network.sizes.last!
        var p = Tensor.withoutGradients {
            network(Tensor(rows: n, cols: noise.count / n, data: noise)).data
        }
        return (0..<n).map { k in
            var customer = [Double](repeating: 0, count: width)
            for group in groups {
                let row = (k * width + group.lowerBound)..<(k * width + group.upperBound)
                softmaxInPlace(&p, over: row)
                customer[group.lowerBound + draws[k].categorical(p[row])] = 1
            }
            return customer
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
///
/// Many sessions at once: `BatchedVirtualTaobao` (B sessions, ended ones restarted, as
/// `BatchedTaobao`), or `VirtualTaobao.step(_:actions:)` (N simulators, one π^c forward pass; what
/// `RolloutCollector` uses) — the same sessions as stepping each simulator alone.
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
        var customerDraws = beginSession(seed: seed)
        return startSession(customer: customers.nextCustomer(draws: &customerDraws), draws: &customerDraws)
    }

    /// Shows the page ranked by `action` (27 raw weights, fed to π^c as they are) to the virtual
    /// customer. Precondition: a session is running.
    public mutating func step(_ action: [Double]) -> StepResult {
        var features: [Double] = []
        features.reserveCapacity(CustomerView.featureSize)
        appendPageFeatures(action, to: &features)
        let logits = customerPolicy.logits(features: features, rows: 1)
        return finishPage(logits: logits[...])
    }

    /// Steps N simulators at once, `simulators[e]` with row e of `actions` (N × 27 row-major): when
    /// they share one customer policy, π^c answers the N pages in one forward pass (one [N × 118]
    /// product per layer), with exactly the results of stepping each in turn (a row of a product
    /// does not depend on the other rows, see `MatrixKernel`); otherwise each steps in turn.
    /// Sessions that end are not reset.
    public static func step(_ simulators: inout [VirtualTaobao], actions: [Double]) -> [StepResult] {
        let d = TaobaoLayout.actionSize
        let n = simulators.count
        precondition(
            n > 0 && actions.count == n * d,
            "VirtualTaobao.step(_:actions:) needs \(n) × \(d) = \(n * d) weights, got \(actions.count)")
        let policy = simulators[0].customerPolicy
        var results: [StepResult] = []
        results.reserveCapacity(n)
        guard simulators.allSatisfy({ $0.customerPolicy === policy }) else {
            for e in 0..<n { results.append(simulators[e].step(Array(actions[(e * d)..<((e + 1) * d)]))) }
            return results
        }
        var features: [Double] = []
        features.reserveCapacity(n * CustomerView.featureSize)
        for e in 0..<n { simulators[e].appendPageFeatures(Array(actions[(e * d)..<((e + 1) * d)]), to: &features) }
        let logits = policy.logits(features: features, rows: n)
        let width = policy.factorisation.logitCount
        for e in 0..<n { results.append(simulators[e].finishPage(logits: logits[(e * width)..<((e + 1) * width)])) }
        return results
    }

    // MARK: The halves of reset and step (so `BatchedVirtualTaobao` can batch the networks)

    /// The first half of `reset`: restarts the session stream from `seed` if one is given, splits
    /// the new session's two generators from it and returns the customer's.
    mutating func beginSession(seed: UInt64?) -> RNG {
        if let seed { sessions = RNG(seed: seed) }
        let customerDraws = sessions.split()
        responses = sessions.split()
        return customerDraws
    }

    /// The second half of `reset`: starts the session of `customer` (drawn from `draws`, the
    /// generator `beginSession` returned) and returns its first observation.
    mutating func startSession(customer: [Double], draws: inout RNG) -> [Double] {
        self.customer = customer
        leaveModel.startSession(customer: customer, draws: &draws)
        pagesShown = 0
        lastClicks = 0
        sessionClicks = 0
        lastAction = nil
        isSessionOver = false
        return observation
    }

    /// The first half of `step`: checks `action` and appends this page's s^c (118 numbers) to
    /// `features`.
    func appendPageFeatures(_ action: [Double], to features: inout [Double]) {
        precondition(
            action.count == actionSize, "VirtualTaobao.step needs \(actionSize) action weights, got \(action.count)")
        precondition(action.allSatisfy(\.isFinite), "VirtualTaobao.step: the action weights must be finite")
        precondition(!isSessionOver, "VirtualTaobao.step called with no session running: call reset() first")
        CustomerView.append(
            customer: customer, lastClicks: lastClicks, sessionClicks: sessionClicks, pageIndex: pagesShown,
            action: action, to: &features)
    }

    /// The second half of `step`: draws the customer's answer from π^c's `logits` for this page's
    /// s^c and plays it.
    mutating func finishPage(logits: ArraySlice<Double>) -> StepResult {
        let answer = customerPolicy.sample(logits: logits, draws: &responses)
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
