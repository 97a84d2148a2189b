import Foundation
import RecRL
import Testing

@testable import Ch10Exercises

@Suite struct `Chapter 10 exercises` {
    @Test func `Exercise 10.1 — SL2's loss (eq. 5): three means, the second subtracted`() throws {
        try exercise {
            // By hand: S₁ distances 1, 1 (mean 1); S₂ distance 4 (× 0.3); norms 7 (× 0.001/3).
            let p = [[1.0, 0], [0, 2], [1, 1]]
            let a = [[0.0, 0], [0, 0], [1, 0]]
            expectClose(
                [
                    try sl2Loss(
                        predictions: p, actions: a, purchased: [true, false, true], lambda1: 0.3, lambda2: 0.001)
                ],
                [1 - 1.2 + 0.007 / 3], tolerance: 1e-12, "the worked example")
            // Only purchase pages: the S₂ term is 0 (not 0/0).
            let only = try sl2Loss(
                predictions: [[1, 0], [0, 2]], actions: [[0, 0], [1, 0]], purchased: [true, true], lambda1: 0.3,
                lambda2: 0.001)
            #expect(only.isFinite, "no page without a purchase: expected a finite loss, got \(only)")
            expectClose([only], [3 + 0.001 * 5 / 2], tolerance: 1e-12, "no page without a purchase")
            // The library's tensor loss agrees on random numbers.
            var rng = RNG(seed: 10)
            let rows = (0..<7).map { _ in (0..<3).map { _ in rng.normal() } }
            let acts = (0..<7).map { _ in (0..<3).map { _ in rng.normal() } }
            let flags = [true, false, false, true, false, true, false]
            let want = SupervisedEngines.sl2Loss(
                predictions: Tensor(rows: 7, cols: 3, data: rows.flatMap { $0 }),
                actions: Tensor(rows: 7, cols: 3, data: acts.flatMap { $0 }), purchased: flags, lambda1: 0.5,
                lambda2: 0.01
            ).data[0]
            expectClose(
                [try sl2Loss(predictions: rows, actions: acts, purchased: flags, lambda1: 0.5, lambda2: 0.01)], [want],
                tolerance: 1e-9, "7 random pages, λ₁ = 0.5, λ₂ = 0.01")
        }
    }

    @Test func `Exercise 10.2 — the SNIPS estimate: Σ w r / Σ w, finite for large log weights`() throws {
        try exercise {
            // By hand: w = 1, 2, 1 and r = 1, 0, 1 → 2/4.
            expectClose(
                [try snips(logWeights: [0, Foundation.log(2), 0], rewards: [1, 0, 1])], [0.5], tolerance: 1e-12,
                "w = (1, 2, 1), r = (1, 0, 1)")
            let big = try snips(logWeights: [800, 800 + Foundation.log(3)], rewards: [1, 0])
            #expect(big.isFinite, "log w = 800: expected a finite estimate, got \(big)")
            expectClose([big], [0.25], tolerance: 1e-9, "log w = 800 and 800 + ln 3")
            let b = LoggedBandit(logWeights: [0.3, -1, 2, 0.5], rewards: [1, 0, 0.5, 1])
            expectClose(
                [try snips(logWeights: b.logWeights, rewards: b.rewards)], [b.snips], tolerance: 1e-12, "the library's")
        }
    }
}
