/// A policy trained in a learned simulator, measured where it trained and where it will be
/// deployed: the same deterministic policy on `sessions` fixed customers of the `VirtualTaobao`
/// ("virtual") and of `TaobaoWorld` ("real"), with the historical random engine and the attribute
/// oracle measured the same way in both — the paper's "does it overfit Virtual-Taobao?", which it
/// could answer only with an online test and the course answers against the truth.
///
///     let arena = SimToRealArena(world: world, simulator: simulator, sessions: 300, seed: 7)
///     let m = arena.evaluate(policy.meanAction)
///     print(m.virtual.r2p, m.real.r2p, m.meanActionNorm)
///
/// Both sides draw their customers as `TaobaoWorld.evaluate` does (`SessionStatistics.measure`):
/// session j from the j-th seed of `seed`'s stream, so every policy meets the same customers with
/// the same luck (common random numbers), and two evaluations of one policy agree exactly. The
/// simulator reads the action as it is (a learned simulator's input is the raw vector); the world
/// clips each weight to [−1, 1] and ranks scale-invariantly.
public struct SimToRealArena: Sendable {
    /// The ground truth.
    public let world: TaobaoWorld
    /// The learned simulator.
    public let simulator: VirtualTaobao
    /// Customers in each environment.
    public let sessions: Int
    /// The seed that fixes them.
    public let seed: UInt64
    /// The historical engine (random, σ = 0.1) on each side.
    public let random: SimToRealMetrics
    /// The attribute oracle (reads the world's truth through the observation) on each side.
    public let attributeOracle: SimToRealMetrics

    public init(world: TaobaoWorld, simulator: VirtualTaobao, sessions: Int, seed: UInt64) {
        precondition(sessions > 0, "SimToRealArena needs at least one session, got \(sessions)")
        self.world = world
        self.simulator = simulator
        self.sessions = sessions
        self.seed = seed
        random = Self.measure(.random(), world: world, simulator: simulator, sessions: sessions, seed: seed)
        attributeOracle = Self.measure(
            .attributeOracle(world.truth), world: world, simulator: simulator, sessions: sessions, seed: seed)
    }

    /// The deterministic policy (observation → action) in the simulator and in the world.
    public func evaluate(_ policy: @escaping ([Double]) -> [Double]) -> SimToRealMetrics {
        Self.measure(
            Engine(name: "policy", policy: policy), world: world, simulator: simulator, sessions: sessions, seed: seed)
    }

    static func measure(_ engine: Engine, world: TaobaoWorld, simulator: VirtualTaobao, sessions: Int, seed: UInt64)
        -> SimToRealMetrics
    {
        let norms = NormTally()
        let watched = Engine(name: engine.name) { observation, rng in
            let action = engine.action(observation: observation, world: world, rng: &rng)
            norms.add(action)
            return action
        }
        let maxPages = max(world.maxPages, simulator.maxPages)
        let virtual = SessionStatistics.measure(
            simulator, engine: watched, sessions: sessions, seed: seed, maxPages: maxPages, world: world
        ).metrics
        let virtualNorm = norms.mean
        let real = world.evaluate(engine, customers: sessions, seed: seed)
        return SimToRealMetrics(virtual: virtual, real: real, meanActionNorm: virtualNorm)
    }
}

/// One policy's numbers in a `SimToRealArena`.
public struct SimToRealMetrics: Sendable, Equatable {
    /// In the learned simulator.
    public var virtual: EngineMetrics
    /// In TaobaoWorld.
    public var real: EngineMetrics
    /// The mean Euclidean norm ‖a‖ of the actions the policy took in the simulator (unclipped, as
    /// the simulator read them).
    public var meanActionNorm: Double
    /// Virtual minus real R2P: how much the simulator flatters the policy.
    public var r2pGap: Double { virtual.r2p - real.r2p }
}

/// The running mean of the Euclidean norm ‖a‖ over the actions handed to `add` (a class, so an
/// engine's closure can fill it in while it plays).
public final class NormTally {
    private var sum = 0.0
    private var count = 0
    public init() {}
    public func add(_ action: [Double]) {
        sum += action.reduce(0) { $0 + $1 * $1 }.squareRoot()
        count += 1
    }
    public var mean: Double { count == 0 ? 0 : sum / Double(count) }
}
