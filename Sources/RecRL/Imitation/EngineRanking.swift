import Foundation

/// Does a learned simulator rank engines as the world does? Each engine plays the same customers
/// (same seed, `SessionStatistics.measure`) in `TaobaoWorld` and in the simulator; the table puts
/// the two CTRs and R2Ps side by side, and Spearman's ρ says how well the simulator's order of the
/// engines matches the world's — what matters when a simulator is used to pick a policy.
///
/// Engines with much larger action norms than the log's (σ = 0.1) show where a simulator that reads
/// the raw action extrapolates: in the world ranking is scale-invariant (up to the clip to
/// [−1, 1]), in the simulator a ×100 action is far outside anything it was fitted on.
public struct EngineRanking: Sendable {
    /// One engine's metrics in both.
    public struct Row: Sendable {
        public var engine: String
        public var world: EngineMetrics
        public var simulator: EngineMetrics
    }

    public let rows: [Row]

    /// Measures every engine on `sessions` customers from `seed`. Engines must read only the
    /// observation (not `Engine.oracle`).
    public init(engines: [Engine], world: TaobaoWorld, simulator: VirtualTaobao, sessions: Int, seed: UInt64) {
        self = Self.rankings(engines: engines, world: world, simulators: [simulator], sessions: sessions, seed: seed)[0]
    }

    /// One ranking per simulator, the engines measured in the world once for all of them (the same
    /// customers everywhere, as `init`).
    public static func rankings(
        engines: [Engine], world: TaobaoWorld, simulators: [VirtualTaobao], sessions: Int, seed: UInt64
    ) -> [EngineRanking] {
        precondition(engines.count >= 2, "a ranking needs at least two engines")
        func metrics<Env: Environment>(_ environment: Env, _ engine: Engine) -> EngineMetrics {
            SessionStatistics.measure(
                environment, engine: engine, sessions: sessions, seed: seed, maxPages: world.maxPages, world: world
            ).metrics
        }
        let inWorld = engines.map { metrics(world, $0) }
        return simulators.map { simulator in
            EngineRanking(
                rows: zip(engines, inWorld).map { engine, w in
                    Row(engine: engine.name, world: w, simulator: metrics(simulator, engine))
                })
        }
    }

    private init(rows: [Row]) { self.rows = rows }

    /// Spearman's ρ between the engines' world and simulator CTRs.
    public var ctrRankCorrelation: Double { spearmanRankCorrelation(rows.map(\.world.ctr), rows.map(\.simulator.ctr)) }
    /// Spearman's ρ between the engines' world and simulator R2Ps.
    public var r2pRankCorrelation: Double { spearmanRankCorrelation(rows.map(\.world.r2p), rows.map(\.simulator.r2p)) }

    /// engine | CTR world | CTR simulator | R2P world | R2P simulator | pages world | pages simulator.
    public var table: Table {
        var table = Table(
            columns: [Table.Column("engine")]
                + ["CTR world", "CTR sim", "R2P world", "R2P sim", "pages world", "pages sim"].map {
                    Table.Column($0, precision: 4)
                })
        for r in rows {
            table.row(
                r.engine, r.world.ctr, r.simulator.ctr, r.world.r2p, r.simulator.r2p, r.world.meanSessionLength,
                r.simulator.meanSessionLength)
        }
        return table
    }

    /// The engines of the comparison: random (σ = 0.1, the log's), popularity and the attribute
    /// oracle, and each of the first two with its weights ×10 and ×100 (the random engine's
    /// directions at σ = 1 and 10; popularity with weight 10 and 100 on sales volume, which ranks
    /// exactly as popularity does in the world).
    public static func standardEngines(truth: TaobaoTruth) -> [Engine] {
        func scaled(_ engine: Engine, _ factor: Double) -> Engine {
            Engine(name: "\(engine.name) ×\(Int(factor))") { observation, rng in
                engine.action(observation: observation, world: TaobaoWorld(truth: truth), rng: &rng).map { $0 * factor }
            }
        }
        let random = Engine.random()
        return [
            random, scaled(random, 10), scaled(random, 100), .popularity, scaled(.popularity, 10),
            scaled(.popularity, 100), .attributeOracle(truth),
        ]
    }
}

/// Spearman's rank correlation ρ of two equally long samples: the Pearson correlation of their
/// ranks, ties given the mean of the ranks they span. 0 when either sample is constant.
public func spearmanRankCorrelation(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count && x.count >= 2, "spearman needs two samples of one length ≥ 2")
    let (rx, ry) = (midRanks(x), midRanks(y))
    let mx = rx.reduce(0, +) / Double(rx.count)
    let my = ry.reduce(0, +) / Double(ry.count)
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for i in rx.indices {
        sxy += (rx[i] - mx) * (ry[i] - my)
        sxx += (rx[i] - mx) * (rx[i] - mx)
        syy += (ry[i] - my) * (ry[i] - my)
    }
    return sxx == 0 || syy == 0 ? 0 : sxy / (sxx * syy).squareRoot()
}

/// The ranks 1…n of `v`, ties given the mean of the ranks they span (mid-ranks): the ranks of
/// Spearman's ρ and of the Mann–Whitney AUC.
func midRanks(_ v: [Double]) -> [Double] {
    let order = v.indices.sorted { v[$0] < v[$1] }
    var r = [Double](repeating: 0, count: v.count)
    var i = 0
    while i < order.count {
        var j = i
        while j + 1 < order.count && v[order[j + 1]] == v[order[i]] { j += 1 }
        for k in i...j { r[order[k]] = Double(i + j) / 2 + 1 }
        i = j + 1
    }
    return r
}
