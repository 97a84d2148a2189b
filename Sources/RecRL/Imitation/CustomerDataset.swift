/// The historical log seen from the customer's side: one (s^c, a^c) pair per logged page
/// (`CustomerView` for s^c, `CustomerAction` for a^c), the data behaviour cloning fits and MAIL's
/// discriminator reads as "real".
///
/// Rows are pages, kept session after session; `sessionStarts` says where each session begins, so
/// a split never cuts a session in two (pages of one customer are not independent: a held-out
/// set that shares customers with the training set would flatter the model).
public struct CustomerDataset: Sendable {
    /// s^c of every page, row-major [count × 118].
    public private(set) var features: [Double] = []
    /// a^c of every page.
    public private(set) var actions: [CustomerAction] = []
    /// The first row of each session.
    public private(set) var sessionStarts: [Int] = []

    /// Number of pages (rows).
    public var count: Int { actions.count }
    /// Number of sessions.
    public var sessionCount: Int { sessionStarts.count }

    /// An empty dataset.
    public init() {}

    /// Pages given row by row: s^c ([count × 118] row-major), a^c, and where each session begins.
    public init(features: [Double], actions: [CustomerAction], sessionStarts: [Int]) {
        precondition(
            features.count == actions.count * CustomerView.featureSize,
            "CustomerDataset: \(features.count) numbers for \(actions.count) pages of \(CustomerView.featureSize)")
        precondition(
            sessionStarts.allSatisfy { (0..<max(actions.count, 1)).contains($0) }
                && sessionStarts == sessionStarts.sorted(),
            "CustomerDataset: session starts must be increasing rows")
        self.features = features
        self.actions = actions
        self.sessionStarts = sessionStarts
    }

    /// Every page of `log`.
    public init(log: HistoricalLog) {
        self.init(log: log, sessions: Array(0..<log.sessionCount))
    }

    /// The pages of the given sessions of `log`, in the order given.
    public init(log: HistoricalLog, sessions: [Int]) {
        let starts = log.firstPage
        let pages = sessions.reduce(0) { $0 + Int(log.sessionLengths[$1]) }
        features.reserveCapacity(pages * CustomerView.featureSize)
        actions.reserveCapacity(pages)
        for s in sessions {
            let customer = log.oneHot(session: s)
            sessionStarts.append(actions.count)
            for t in starts[s]..<(starts[s] + Int(log.sessionLengths[s])) {
                CustomerView.append(
                    customer: customer, lastClicks: Int(log.lastClicks[t]), sessionClicks: Int(log.sessionClicks[t]),
                    pageIndex: Int(log.pageIndex[t]), action: log.action(page: t), to: &features)
                actions.append(
                    CustomerAction(
                        clicks: Int(log.clicks[t]), decision: TaobaoWorld.Decision(rawValue: Int(log.decisions[t]))!))
            }
        }
    }

    /// The log split by session: a seeded shuffle of the sessions, the first
    /// ⌊heldOutFraction · sessions⌋ held out, the rest for training (each keeps the shuffled order).
    public static func split(log: HistoricalLog, heldOutFraction: Double = 0.2, seed: UInt64)
        -> (train: CustomerDataset, heldOut: CustomerDataset)
    {
        precondition(
            heldOutFraction > 0 && heldOutFraction < 1, "heldOutFraction must be in (0, 1), got \(heldOutFraction)")
        var order = Array(0..<log.sessionCount)
        var rng = RNG(seed: seed)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.int(below: i + 1)) }
        let heldOut = Int(heldOutFraction * Double(order.count))
        precondition(
            heldOut >= 1 && heldOut < order.count, "a split needs sessions on both sides, log has \(order.count)")
        return (
            CustomerDataset(log: log, sessions: Array(order[heldOut...])),
            CustomerDataset(log: log, sessions: Array(order[..<heldOut]))
        )
    }

    /// The rows `rows` as a feature tensor [rows.count × 118] and their actions.
    public func batch(_ rows: some Collection<Int>) -> (features: Tensor, actions: [CustomerAction]) {
        let d = CustomerView.featureSize
        var values: [Double] = []
        values.reserveCapacity(rows.count * d)
        var chosen: [CustomerAction] = []
        chosen.reserveCapacity(rows.count)
        for r in rows {
            values += features[(r * d)..<((r + 1) * d)]
            chosen.append(actions[r])
        }
        return (Tensor(rows: rows.count, cols: d, data: values), chosen)
    }
}

extension CustomerDataset {
    /// The (s^c, a^c) pairs of `sessions` sessions of `engine` in `simulator`, played as
    /// `SessionStatistics.measure` plays them (same seeds, common random numbers): the generated
    /// side of MAIL's discriminator.
    public init(
        simulator: VirtualTaobao, engine: Engine, sessions: Int, seed: UInt64, world: TaobaoWorld = TaobaoWorld()
    ) {
        precondition(sessions > 0, "a generated dataset needs at least one session")
        var features: [Double] = []
        var actions: [CustomerAction] = []
        var sessionStarts: [Int] = []
        SessionStatistics.play(simulator, engine: engine, sessions: sessions, seed: seed, world: world) {
            observation, action, result in
            if observation[90] == 0 { sessionStarts.append(actions.count) }  // a session's first page
            CustomerView.append(
                customer: Array(observation[0..<TaobaoLayout.staticSize]), lastClicks: Int(observation[88]),
                sessionClicks: Int(observation[89]), pageIndex: Int(observation[90]), action: action, to: &features)
            // The simulator's answer, read back from the step: a purchase is a buy, any other end a leave.
            let decision: TaobaoWorld.Decision =
                result.info.purchase ? .buy : (result.terminated ? .leave : .turnPage)
            actions.append(CustomerAction(clicks: result.info.clicks, decision: decision))
        }
        self.init(features: features, actions: actions, sessionStarts: sessionStarts)
    }
}
