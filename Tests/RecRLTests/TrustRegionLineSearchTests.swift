import Foundation
import Testing

@testable import RecRL

@Suite("TRPO line search")
struct TrustRegionLineSearchTests {
    @Test("worked example: a full step with KL 0.03 > δ = 0.01 is halved to KL 0.0075 and accepted")
    func halvesAStepThatBreaksTheBound() {
        // ΔL(α) = 0.1 α, D(α) = 0.03 α² (a quadratic KL, as the trust region models it).
        // α = 1: D = 0.03 > 0.01, rejected. α = ½: D = 0.0075 ≤ 0.01 and ΔL = 0.05 > 0, accepted.
        let search = TrustRegionLineSearch(maxKL: 0.01, shrinkFactor: 0.5, maxSteps: 10)
        let outcome = search.run { alpha in (0.1 * alpha, 0.03 * alpha * alpha) }
        #expect(outcome.trials.map(\.coefficient) == [1, 0.5])
        #expect(outcome.trials.map(\.accepted) == [false, true])
        #expect(outcome.succeeded && outcome.backtracks == 1)
        #expect(abs(outcome.accepted!.kl - 0.0075) < 1e-15 && abs(outcome.accepted!.improvement - 0.05) < 1e-15)
        // With sb3-contrib's 0.8: D(1) = 0.03, D(0.8) = 0.0192, D(0.64) = 0.012288, D(0.512) ≈ 0.00786.
        let sb3 = TrustRegionLineSearch(maxKL: 0.01).run { alpha in (0.1 * alpha, 0.03 * alpha * alpha) }
        #expect(sb3.backtracks == 3 && abs(sb3.accepted!.coefficient - 0.512) < 1e-15)
    }

    @Test("no step improves the surrogate: every try is rejected and the search reports failure")
    func revertsWhenNothingPasses() {
        let search = TrustRegionLineSearch(maxKL: 0.01, shrinkFactor: 0.5, maxSteps: 4)
        let outcome = search.run { alpha in (-alpha, 0.001 * alpha) }
        #expect(outcome.trials.map(\.coefficient) == [1, 0.5, 0.25, 0.125])
        #expect(!outcome.succeeded && outcome.accepted == nil && outcome.backtracks == 4)
    }

    @Test("the rule: the surrogate must strictly improve, the KL may equal δ, a NaN rejects")
    func acceptanceRule() {
        let search = TrustRegionLineSearch(maxKL: 0.01)
        #expect(search.accepts(improvement: 1e-12, kl: 0.01))
        #expect(!search.accepts(improvement: 0, kl: 0.001))
        #expect(!search.accepts(improvement: 0.1, kl: 0.010_000_001))
        #expect(!search.accepts(improvement: .nan, kl: 0.001))
        #expect(!search.accepts(improvement: 0.1, kl: .nan))
    }
}
