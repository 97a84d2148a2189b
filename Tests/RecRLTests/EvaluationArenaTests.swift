import Foundation
import RecRL
import Testing

@Suite("Environment: the evaluation arena every chapter scores policies on")
struct EvaluationArenaTests {
    @Test("the reference engines score 0 (random) and 1 (oracle); the attribute oracle lies between")
    func referenceScores() throws {
        let arena = EvaluationArena.taobaoWorld(TaobaoWorld(), customers: 60, seed: 11)
        let oracle = try #require(arena.oracle)
        let attributeOracle = try #require(arena.attributeOracle)
        #expect(arena.score(arena.random.ctr) == 0)
        #expect(arena.score(oracle.ctr) == 1)
        let between = try #require(arena.score(attributeOracle.ctr))
        #expect(between > 0 && between < 1)
        #expect(arena.random.sessions == 60)
    }

    @Test("a policy meets the same customers with the same luck each time (common random numbers)")
    func sameCustomers() {
        let arena = EvaluationArena.taobaoWorld(TaobaoWorld(), customers: 40, seed: 5)
        let popularity = Array(repeating: 0.2, count: 27)
        #expect(arena.evaluate { _ in popularity } == arena.evaluate { _ in popularity })
        #expect(arena.evaluate { _ in popularity }.sessions == 40)
    }

    @Test("an environment without a known truth has no oracle and no score")
    func noOracle() {
        let arena = EvaluationArena.environment(TaobaoWorld(), name: "a world seen from outside", sessions: 20, seed: 3)
        #expect(arena.oracle == nil)
        #expect(arena.score(0.5) == nil)
        #expect(arena.random.sessions == 20)
        #expect(
            arena.evaluate { _ in Array(repeating: 0.1, count: 27) }
                == arena.evaluate { _ in Array(repeating: 0.1, count: 27) })
    }

    @Test("per-session CTR is the mean of each session's clicks / (10 × pages); pooled CTR weighs pages")
    func perSessionCTR() {
        // Session 1: 2 pages with 3 and 1 clicks (CTR 0.2); session 2: 1 page with 6 clicks (CTR 0.6).
        var metrics = EngineMetrics()
        func page(_ clicks: Int, done: Bool) -> StepResult {
            StepResult(
                observation: [], reward: Double(clicks), terminated: done, truncated: false,
                info: StepInfo(clicks: clicks, purchase: false, page: 1))
        }
        metrics.record(page(3, done: false))
        metrics.record(page(1, done: true))
        metrics.record(page(6, done: true))
        #expect(abs(metrics.perSessionCTR - 0.4) < 1e-15)  // (0.2 + 0.6) / 2
        #expect(abs(metrics.ctr - 10.0 / 30.0) < 1e-15)  // 10 clicks / (10 × 3 pages)
    }
}
