/// A per-page search over VirtualTB-v0's own click model: of K random actions, the one with the
/// most (or fewest) expected clicks. It reads the simulator's network, so it is not an engine a
/// real platform could run; it measures how far a page's clicks can be pushed by the action alone.
///
/// In VirtualTB-v0 no action changes the future (the leave page is drawn from the customer), so
/// the best of K per page is also the best engine of K candidates per page. Measured on 300
/// sessions (chapter 1, `--virtualtb DIR`): the CTR climbs steeply with K, because the click
/// model's logits reach |x| ≈ 1e5 and the actions that click a lot are a small region of
/// [−1, 1]²⁷ — a needle that a strong optimiser finds and that ANC (chapter 9) fences off.
extension VirtualTBClickModel {
    /// Expected clicks E[a] = Σₖ k·P(a = k) for each of `actions` on the page `pagesShown` of
    /// `customer`, in one batched forward pass ([K × 116] → [K × 21]).
    public func expectedClicks(customer: [Double], pagesShown: Double, actions: [[Double]]) -> [Double] {
        precondition(!actions.isEmpty, "expectedClicks needs at least one action")
        precondition(customer.count == customerSize, "the action model needs a customer of \(customerSize)")
        let inputs = network.sizes[0]
        var rows: [Double] = []
        rows.reserveCapacity(actions.count * inputs)
        for action in actions {
            precondition(action.count == actionSize, "the action model needs an action of \(actionSize)")
            rows += customer
            rows.append(pagesShown)
            rows += action
        }
        let logits = network(Tensor(rows: actions.count, cols: inputs, data: rows)).data
        let width = Self.bHead.upperBound
        return (0..<actions.count).map { k in
            var p = Array(logits[(k * width)..<((k + 1) * width)])
            softmaxInPlace(&p, over: Self.clickHead)
            return Self.clickHead.reduce(0.0) { $0 + Double($1) * p[$1] }
        }
    }
}

extension VirtualTBModels {
    /// Of `candidates` actions drawn uniformly from [−1, 1]²⁷, the one whose page (the page index
    /// is the observation's last entry) has the most expected clicks — or the fewest, with `worst`.
    public func searchedAction(observation: [Double], candidates: Int, worst: Bool = false, rng: inout RNG)
        -> [Double]
    {
        precondition(candidates > 0, "searchedAction needs at least one candidate, got \(candidates)")
        let actions = (0..<candidates).map { _ in (0..<Self.actionSize).map { _ in rng.uniform(-1, 1) } }
        let values = clickModel.expectedClicks(
            customer: Array(observation.prefix(Self.userSize)), pagesShown: observation[observation.count - 1],
            actions: actions)
        var best = 0
        for k in 1..<candidates where worst ? values[k] < values[best] : values[k] > values[best] { best = k }
        return actions[best]
    }
}
