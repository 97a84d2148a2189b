/// The fidelity of learned simulators under one engine (the historical random engine by
/// default): the same number of sessions of the same engine in `TaobaoWorld` and in each
/// simulator, and what they differ in — CTR, R2P, pages per session, the clicks-per-page
/// histogram and the leave rate by page (`SessionStatistics`). The paper could show this only
/// for R2P by customer feature against its logs (Figure 4); here the truth itself is measured.
public struct SimulatorFidelity: Sendable {
    /// The engine's name.
    public let engine: String
    /// Sessions per environment.
    public let sessions: Int
    /// TaobaoWorld's statistics.
    public let world: SessionStatistics
    /// Each simulator's name and statistics, in the order given.
    public let simulators: [(name: String, statistics: SessionStatistics)]

    /// Measures `engine` on `sessions` customers from `seed` in `world` and in each simulator.
    public init(
        world: TaobaoWorld, simulators: [(name: String, simulator: VirtualTaobao)], engine: Engine = .random(),
        sessions: Int, seed: UInt64
    ) {
        let maxPages = ([world.maxPages] + simulators.map(\.simulator.maxPages)).max()!
        self.engine = engine.name
        self.sessions = sessions
        self.world = SessionStatistics.measure(
            world, engine: engine, sessions: sessions, seed: seed, maxPages: maxPages, world: world)
        self.simulators = simulators.map {
            (
                $0.name,
                SessionStatistics.measure(
                    $0.simulator, engine: engine, sessions: sessions, seed: seed, maxPages: maxPages, world: world)
            )
        }
    }

    /// One row per quantity, one column per environment: CTR, R2P, pages per session, the share of
    /// pages with c = 0…10 clicks, and the leave rate after page n = 1…maxPages ("–" where no
    /// session got that far).
    public var table: Table {
        let all = [("TaobaoWorld", world)] + simulators.map { ($0.name, $0.statistics) }
        var table = Table(
            columns: [Table.Column("quantity")] + all.map { Table.Column($0.0, precision: 4) })
        table.row(["CTR"] + all.map { $0.1.metrics.ctr })
        table.row(["R2P"] + all.map { $0.1.metrics.r2p })
        table.row(["pages per session"] + all.map { $0.1.metrics.meanSessionLength })
        for c in 0..<CustomerAction.clickChoices {
            table.row(["pages with \(c) clicks"] + all.map { $0.1.clicksHistogram[c] })
        }
        for n in 0..<world.pagesAt.count {
            table.row(
                ["leave rate after page \(n + 1)"]
                    + all.map { s -> any TableCellConvertible in s.1.leaveRate[n].map { $0 } ?? "–" })
        }
        return table
    }
}
