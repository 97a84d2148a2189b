import Foundation
import RecRL
import Testing

@testable import Ch09Exercises

@Suite struct `Chapter 9 exercises` {
    @Test func `Exercise 9.1 — ANC's reward: r′ = r ÷ (1 + ρ·max(‖a‖ − μ, 0))`() throws {
        try exercise {
            // By hand, r = 3, ρ = 1, μ = 0.01:
            //   a = (0.003, 0.004): ‖a‖ = 0.005 < μ → max(−0.005, 0) = 0 → r′ = 3
            //   a = (0.6, 0.8):     ‖a‖ = 1 → r′ = 3 / (1 + 0.99) = 1.507537688…
            expectClose(
                [try ancReward(3, action: [0.003, 0.004], rho: 1, mu: 0.01)], [3], tolerance: 1e-12,
                "r = 3, a = (0.003, 0.004) (norm 0.005, below μ = 0.01)")
            expectClose(
                [try ancReward(3, action: [0.6, 0.8], rho: 1, mu: 0.01)], [3 / 1.99], tolerance: 1e-12,
                "r = 3, a = (0.6, 0.8) (norm 1), ρ = 1, μ = 0.01")
            // ρ = 2, μ = 0.5, a = (3, 4): ‖a‖ = 5 → 3 / (1 + 2·4.5) = 0.3.
            expectClose(
                [try ancReward(3, action: [3, 4], rho: 2, mu: 0.5)], [0.3], tolerance: 1e-12,
                "r = 3, a = (3, 4), ρ = 2, μ = 0.5")
            // ρ = 0 is no constraint at any norm; a reward of 0 stays 0.
            expectClose([try ancReward(3, action: [30, 40], rho: 0, mu: 0.01)], [3], tolerance: 1e-12, "ρ = 0")
            expectClose([try ancReward(0, action: [30, 40], rho: 1, mu: 0.01)], [0], tolerance: 1e-12, "r = 0")
            // The norm is Euclidean over every component: 27 weights of 0.1 → ‖a‖ = √0.27.
            let a = [Double](repeating: 0.1, count: 27)
            expectClose(
                [try ancReward(1, action: a, rho: 1, mu: 0.01)],
                [actionNormConstrainedReward(1, actionNorm: 0.27.squareRoot(), rho: 1, mu: 0.01)], tolerance: 1e-12,
                "27 weights of 0.1 (norm √0.27 = 0.5196), against the library")
        }
    }

    @Test func `Exercise 9.2 — TRPO's step size from the KL bound: β = √(2δ ÷ sᵀFs)`() throws {
        try exercise {
            // δ = 0.01, s = (1, 2), F·s = (2, 1): sᵀFs = 2 + 2 = 4 → β = √(0.02 / 4) = 0.0707106…
            expectClose(
                [try trpoStepSize(maxKL: 0.01, direction: [1, 2], fisherTimesDirection: [2, 1])],
                [(0.005).squareRoot()], tolerance: 1e-12, "δ = 0.01, s = (1, 2), F·s = (2, 1)")
            // δ = 0.5, F = 1, s = (3): sᵀFs = 9 → β = √(1 / 9) = 1/3.
            expectClose(
                [try trpoStepSize(maxKL: 0.5, direction: [3], fisherTimesDirection: [3])], [1.0 / 3],
                tolerance: 1e-12, "δ = 0.5, s = (3), F·s = (3)")
            // No curvature along s: no step.
            expectClose(
                [try trpoStepSize(maxKL: 0.01, direction: [0, 0], fisherTimesDirection: [0, 0])], [0],
                tolerance: 0, "s = 0: β = 0")
            // The step it gives meets the quadratic KL model exactly: ½ β² sᵀFs = δ.
            let s = [0.5, -1.0, 2.0]
            let fs = [1.0, -0.5, 3.0]  // F = diag(2, 0.5, 1.5)
            let beta = try trpoStepSize(maxKL: 0.02, direction: s, fisherTimesDirection: fs)
            let sFs = zip(s, fs).reduce(0) { $0 + $1.0 * $1.1 }
            expectClose([0.5 * beta * beta * sFs], [0.02], tolerance: 1e-12, "½ β² sᵀFs = δ for s = (0.5, −1, 2)")
        }
    }
}
