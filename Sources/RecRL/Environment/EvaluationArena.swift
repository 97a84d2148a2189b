/// The fixed customers on which a chapter measures every engine and every policy, and the
/// reference engines measured on them: the random (historical) engine below, the oracle above,
/// and between them the attribute oracle, roughly the best a policy that reads only the
/// observation can do.
///
///     let arena = EvaluationArena.taobaoWorld(TaobaoWorld(), customers: 300, seed: 2024)
///     let ctr = arena.evaluate(policy.meanAction).ctr
///     print(arena.score(ctr)!)     // (CTR − random) / (oracle − random): 0 random, 1 oracle
///
/// Every evaluation meets the same customers with the same luck (common random numbers), so two
/// policies differ on it only by what they do. An evaluation changes nothing in the arena (it
/// plays a copy of the environment), so runs on several threads can share one (`concurrentMap`).
public struct EvaluationArena: Sendable {
    /// The environment's name for tables ("TaobaoWorld", "VirtualTB-v0").
    public let name: String
    /// Customers (sessions) in one evaluation.
    public let customers: Int
    /// The seed that fixes the customers.
    public let seed: UInt64
    /// What the random engine is, in words (for tables).
    public let randomEngineName: String
    /// The random engine on these customers.
    public let random: EngineMetrics
    /// The attribute oracle (`Engine.attributeOracle`); nil where the world's truth is unknown.
    public let attributeOracle: EngineMetrics?
    /// The oracle that knows each customer's hidden taste; nil where there is none (VirtualTB-v0).
    public let oracle: EngineMetrics?
    private let run: @Sendable (_ policy: @escaping ([Double]) -> [Double]) -> EngineMetrics

    /// The metrics of a deterministic policy (observation → action) on the arena's customers.
    public func evaluate(_ policy: @escaping ([Double]) -> [Double]) -> EngineMetrics { run(policy) }

    /// The normalised score (CTR − random) / (oracle − random) of a CTR measured here; nil
    /// without an oracle.
    public func score(_ ctr: Double) -> Double? {
        oracle.map { EngineMetrics.normalisedScore(ctr, random: random.ctr, oracle: $0.ctr) }
    }

    /// The reference engines as a table: CTR, clicks and pages per session (and the normalised
    /// score where there is an oracle).
    public var referenceTable: Table {
        var table = Table(columns: [
            .init("engine"), .init("CTR"), .init("clicks per session", precision: 2),
            .init("pages per session", precision: 2),
        ])
        table.row(randomEngineName, random.ctr, random.meanReturn, random.meanSessionLength)
        if let attributeOracle {
            table.row(
                "attribute oracle (θ from the attributes alone)", attributeOracle.ctr, attributeOracle.meanReturn,
                attributeOracle.meanSessionLength)
        }
        if let oracle {
            table.row("oracle (knows each taste)", oracle.ctr, oracle.meanReturn, oracle.meanSessionLength)
        }
        return table
    }

    /// TaobaoWorld's arena: `world.evaluate` on `customers` customers from `seed`, with the random
    /// engine (σ = 0.1), the attribute oracle and the oracle.
    public static func taobaoWorld(_ world: TaobaoWorld, customers: Int, seed: UInt64) -> EvaluationArena {
        @Sendable func measure(_ engine: Engine) -> EngineMetrics {
            world.evaluate(engine, customers: customers, seed: seed)
        }
        return EvaluationArena(
            name: "TaobaoWorld", customers: customers, seed: seed,
            randomEngineName: "random (historical, σ = \(Engine.historicalSigma))", random: measure(.random()),
            attributeOracle: measure(.attributeOracle(world.truth)), oracle: measure(.oracle),
            run: { measure(Engine(name: "policy", policy: $0)) })
    }

    /// The arena of an environment whose truth is unknown (the VirtualTB-v0 port, a learned
    /// simulator): `Environment.evaluate` on `sessions` sessions from `seed`, actions clipped to
    /// [−1, 1] (as SB3 clips to VirtualTB-v0's action space), and as the random engine uniform
    /// weights in [−1, 1]²⁷ (VirtualTB's README example) drawn from a stream of their own.
    public static func environment<Env: Environment & Sendable>(
        _ environment: Env, name: String, sessions: Int, seed: UInt64
    )
        -> EvaluationArena
    {
        let clipped = ActionClipped(environment)
        @Sendable func measure(_ policy: ([Double]) -> [Double]) -> EngineMetrics {
            clipped.evaluate(policy: policy, sessions: sessions, seed: seed)
        }
        var draws = RNG(seed: seed ^ 0x5eed)
        let random = measure { _ in (0..<environment.actionSize).map { _ in draws.uniform(-1, 1) } }
        return EvaluationArena(
            name: name, customers: sessions, seed: seed, randomEngineName: "random (uniform in [−1, 1])",
            random: random, attributeOracle: nil, oracle: nil, run: { measure($0) })
    }
}
