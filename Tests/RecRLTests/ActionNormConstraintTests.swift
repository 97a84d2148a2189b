import Foundation
import Testing

@testable import RecRL

/// Pays `reward` on every step and remembers the action it was given.
struct FixedRewardEnvironment: Environment {
    var reward = 3.0
    var lastAction: [Double] = []
    var observationSize: Int { 1 }
    var actionSize: Int { 2 }
    mutating func reset(seed: UInt64?) -> [Double] { [0] }
    mutating func step(_ action: [Double]) -> StepResult {
        lastAction = action
        return StepResult(
            observation: [0], reward: reward, terminated: false, truncated: false,
            info: StepInfo(clicks: 4, purchase: false, page: 1))
    }
}

@Suite("ANC (eq. 3)")
struct ActionNormConstraintTests {
    @Test("worked examples, r = 3, ρ = 1, μ = 0.01: ‖a‖ = 0.005 pays 3, ‖a‖ = 1 pays 3/1.99")
    func workedExamples() {
        var env = ActionNormConstrained(FixedRewardEnvironment())
        #expect(env.rho == 1 && env.mu == 0.01)
        // (0.003, 0.004): ‖a‖ = 0.005 < μ, max(0.005 − 0.01, 0) = 0, r′ = 3 / 1 = 3.
        #expect(env.step([0.003, 0.004]).reward == 3)
        // (0.6, 0.8): ‖a‖ = 1, r′ = 3 / (1 + 1·(1 − 0.01)) = 3 / 1.99 ≈ 1.5075.
        let above = env.step([0.6, 0.8])
        #expect(abs(above.reward - 3 / 1.99) < 1e-12)
        #expect(abs(above.reward - 1.507_537_688) < 1e-9)
        #expect(above.info.clicks == 4, "the page's facts are the environment's, only the reward changes")
        #expect(env.base.lastAction == [0.6, 0.8], "the action reaches the environment unchanged")
        // ρ = 2, μ = 0.5, (3, 4): ‖a‖ = 5, r′ = 3 / (1 + 2·4.5) = 0.3.
        #expect(abs(actionNormConstrainedReward(3, actionNorm: 5, rho: 2, mu: 0.5) - 0.3) < 1e-15)
    }

    @Test("ρ = 0 turns ANC off: the reward is r at any norm")
    func rhoZero() {
        var env = ActionNormConstrained(FixedRewardEnvironment(), rho: 0)
        #expect(env.step([30, 40]).reward == 3)
        #expect(env.step([0, 0]).reward == 3)
    }

    @Test("the norm is of the action the environment receives: inside ActionClipped, after the clip")
    func normAfterClipping() {
        // (3, 4) clipped to [−1, 1]² is (1, 1), ‖a‖ = √2: r′ = 3 / (1 + √2 − 0.01).
        var inside = ActionClipped(ActionNormConstrained(FixedRewardEnvironment()), bound: 1)
        #expect(abs(inside.step([3, 4]).reward - 3 / (1 + 2.0.squareRoot() - 0.01)) < 1e-12)
        // Outside the clip it would see the sampled (3, 4), ‖a‖ = 5: r′ = 3 / 5.99.
        var outside = ActionNormConstrained(ActionClipped(FixedRewardEnvironment(), bound: 1))
        #expect(abs(outside.step([3, 4]).reward - 3 / 5.99) < 1e-12)
    }
}
