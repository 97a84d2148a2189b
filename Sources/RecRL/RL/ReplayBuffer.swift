/// A fixed-capacity store of transitions (s, a, r, s′, d) for off-policy learners (DDPG, TD3):
/// the report's Algorithm 1, lines 7 and 11. When full, the oldest transition is overwritten.
///
/// `d` is `terminated` only: a transition cut off by the page limit is stored with d = 0, so its
/// target still bootstraps from Q(s′, ·).
public struct ReplayBuffer {
    public let capacity: Int
    public let observationSize: Int
    public let actionSize: Int
    private var observations: [Double]
    private var actions: [Double]
    private var rewards: [Double]
    private var nextObservations: [Double]
    private var terminals: [Double]
    /// Where the next transition goes.
    private var cursor = 0
    /// How many transitions are stored (≤ capacity).
    public private(set) var count = 0

    public init(capacity: Int, observationSize: Int, actionSize: Int) {
        precondition(capacity > 0, "ReplayBuffer capacity must be positive, got \(capacity)")
        self.capacity = capacity
        self.observationSize = observationSize
        self.actionSize = actionSize
        observations = [Double](repeating: 0, count: capacity * observationSize)
        actions = [Double](repeating: 0, count: capacity * actionSize)
        rewards = [Double](repeating: 0, count: capacity)
        nextObservations = [Double](repeating: 0, count: capacity * observationSize)
        terminals = [Double](repeating: 0, count: capacity)
    }

    /// Stores one transition.
    public mutating func add(
        observation: [Double], action: [Double], reward: Double, nextObservation: [Double], terminated: Bool
    ) {
        precondition(
            observation.count == observationSize && nextObservation.count == observationSize
                && action.count == actionSize,
            "ReplayBuffer.add: expected observations of \(observationSize) and actions of \(actionSize), got "
                + "\(observation.count), \(nextObservation.count) and \(action.count)")
        let i = cursor
        observations.replaceSubrange((i * observationSize)..<((i + 1) * observationSize), with: observation)
        nextObservations.replaceSubrange((i * observationSize)..<((i + 1) * observationSize), with: nextObservation)
        actions.replaceSubrange((i * actionSize)..<((i + 1) * actionSize), with: action)
        rewards[i] = reward
        terminals[i] = terminated ? 1 : 0
        cursor = (cursor + 1) % capacity
        count = min(count + 1, capacity)
    }

    /// A minibatch drawn uniformly with replacement: tensors with one transition per row
    /// (observations [B×obs], actions [B×act], rewards [B×1], next observations [B×obs], dones [B×1]).
    public func sample(
        batchSize: Int, rng: inout RNG
    ) -> (observations: Tensor, actions: Tensor, rewards: Tensor, nextObservations: Tensor, dones: Tensor) {
        precondition(count > 0, "ReplayBuffer.sample: the buffer is empty")
        let rows = (0..<batchSize).map { _ in rng.int(below: count) }
        func gather(_ source: [Double], width: Int) -> Tensor {
            var out: [Double] = []
            out.reserveCapacity(batchSize * width)
            for r in rows { out.append(contentsOf: source[(r * width)..<((r + 1) * width)]) }
            return Tensor(rows: batchSize, cols: width, data: out)
        }
        return (
            gather(observations, width: observationSize), gather(actions, width: actionSize),
            gather(rewards, width: 1), gather(nextObservations, width: observationSize), gather(terminals, width: 1)
        )
    }
}
