import Foundation
import Testing

@testable import RecRL

@Suite("Simulator fidelity")
struct SimulatorFidelityTests {
    func page(_ clicks: Int, _ page: Int, terminated: Bool = false, truncated: Bool = false, purchase: Bool = false)
        -> StepResult
    {
        StepResult(
            observation: [], reward: Double(clicks), terminated: terminated, truncated: truncated,
            info: StepInfo(clicks: clicks, purchase: purchase, page: page))
    }

    @Test("session statistics, worked example: the clicks histogram and the leave rate by page")
    func statisticsByHand() {
        var s = SessionStatistics(maxPages: 3)
        // Session 1: 0 clicks, 2 clicks, leaves after page 2. Session 2: 1 click, buys on page 1.
        // Session 3: 0, 0, 0 clicks, cut at page 3.
        for r in [
            page(0, 1), page(2, 2, terminated: true), page(1, 1, terminated: true, purchase: true), page(0, 1),
            page(0, 2), page(0, 3, truncated: true),
        ] { s.record(r) }
        #expect(s.metrics.pages == 6 && s.metrics.sessions == 3 && s.metrics.purchases == 1)
        #expect(s.pagesWithClicks[0] == 4 && s.pagesWithClicks[1] == 1 && s.pagesWithClicks[2] == 1)
        #expect(s.clicksHistogram[0] == 4.0 / 6)
        // Page 1: 3 shown, none left (one bought); page 2: 2 shown, 1 left; page 3: 1 shown, 0 left.
        #expect(s.leaveRate == [0, 0.5, 0])
        #expect(SessionStatistics(maxPages: 2).leaveRate == [nil, nil])
    }

    @Test("Spearman's ρ, worked examples (ties share their mean rank)")
    func spearmanByHand() {
        #expect(spearmanRankCorrelation([1, 2, 3], [30, 20, 10]) == -1)
        #expect(spearmanRankCorrelation([1, 2, 3, 4], [1, 5, 7, 100]) == 1)
        // ranks x = [1, 2.5, 2.5, 4], y = [1, 3, 2, 4]: ρ = 4.5 / √(4.5 · 5).
        let rho = spearmanRankCorrelation([1, 2, 2, 4], [1, 3, 2, 4])
        #expect(Swift.abs(rho - 4.5 / (4.5 * 5).squareRoot()) < 1e-12)
        #expect(spearmanRankCorrelation([1, 1, 1], [1, 2, 3]) == 0)
    }

    @Test("the world's column is TaobaoWorld.evaluate's numbers, and the table has every quantity")
    func fidelityTable() {
        let world = TaobaoWorld()
        let log = HistoricalLog.generate(world: world, sessions: 200, seed: 2)
        let simulator = VirtualTaobao(
            customers: .logged(LoggedCustomers(log: log)),
            customerPolicy: constantCustomerPolicy(.joint, bias: [Double](repeating: 0, count: 33)))
        let fidelity = SimulatorFidelity(
            world: world, simulators: [("uniform customer", simulator)], sessions: 300, seed: 4)
        #expect(fidelity.world.metrics == world.evaluate(.random(), customers: 300, seed: 4))
        // This customer ignores the page, so any engine meets the same answers with the same seed.
        let zero = SessionStatistics.measure(
            simulator, engine: .fixed([Double](repeating: 0, count: 27)), sessions: 300, seed: 4, maxPages: 15,
            world: world)
        #expect(fidelity.simulators[0].statistics == zero)
        let table = fidelity.table
        #expect(table.rows.count == 3 + 11 + 15)
        #expect(table.columns.map(\.header) == ["quantity", "TaobaoWorld", "uniform customer"])
        // A customer answering uniformly over the 33 pairs leaves after a page with probability 1/3.
        let leave = fidelity.simulators[0].statistics.leaveRate[0]!
        #expect(Swift.abs(leave - 1.0 / 3) < 0.06, "leave rate after page 1: \(leave)")
    }

    @Test("engine ranking: the world's side is each engine's TaobaoWorld.evaluate; ρ comes from the rows")
    func rankingRows() {
        let world = TaobaoWorld()
        let log = HistoricalLog.generate(world: world, sessions: 200, seed: 2)
        let simulator = VirtualTaobao(
            customers: .logged(LoggedCustomers(log: log)),
            customerPolicy: constantCustomerPolicy(.joint, bias: [Double](repeating: 0, count: 33)))
        let engines = EngineRanking.standardEngines(truth: world.truth)
        #expect(
            engines.map(\.name) == [
                "random", "random ×10", "random ×100", "popularity", "popularity ×10", "popularity ×100",
                "attribute oracle",
            ])
        let ranking = EngineRanking(engines: engines, world: world, simulator: simulator, sessions: 100, seed: 8)
        for (engine, row) in zip(engines, ranking.rows) {
            #expect(row.world == world.evaluate(engine, customers: 100, seed: 8), "\(engine.name)")
        }
        // Popularity ranks the same pages at any positive scale in the world.
        #expect(ranking.rows[3].world == ranking.rows[5].world)
        #expect(
            ranking.ctrRankCorrelation
                == spearmanRankCorrelation(ranking.rows.map(\.world.ctr), ranking.rows.map(\.simulator.ctr)))
        #expect(ranking.table.rows.count == 7)
    }
}
