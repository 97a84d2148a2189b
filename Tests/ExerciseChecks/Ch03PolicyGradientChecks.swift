import Foundation
import RecRL
import Testing

@testable import Ch03Exercises

@Suite struct `Chapter 3 exercises` {
    @Test func `Exercise 3.1 — diagonal Gaussian log-likelihood: Σⱼ −½((xⱼ − μⱼ)÷σⱼ)² − log σⱼ − ½ log 2π`() throws {
        try exercise {
            // By hand, one dimension at its mean with σ = 1: only the constant −½ log 2π remains.
            expectClose(
                [try gaussianLogLikelihood(x: [0], mean: [0], logStd: [0])], [-0.5 * log(2 * Double.pi)],
                tolerance: 1e-12, "x = 0, μ = 0, log σ = 0")
            // By hand, two dimensions: x = (1, −1), μ = (0, 0), σ = (1, 2). The standardised
            // distances are z = (1, −0.5), so −½ Σ z² = −½ (1 + 0.25) = −0.625; Σ log σ = log 2;
            // the constants add up to −2 · ½ log 2π = −log 2π. In all, −0.625 − log 2 − log 2π
            // = −0.625 − log 4π ≈ −3.1560242469692907.
            expectClose(
                [try gaussianLogLikelihood(x: [1, -1], mean: [0, 0], logStd: [0, log(2)])],
                [-0.625 - log(4 * Double.pi)], tolerance: 1e-12, "x = (1, −1), μ = (0, 0), σ = (1, 2)")
            // A shifted mean and a small σ: x = 0.3, μ = 0.5, σ = 0.1 gives z = −2, so
            // −½ · 4 − log 0.1 − ½ log 2π = −2 + log 10 − ½ log 2π.
            expectClose(
                [try gaussianLogLikelihood(x: [0.3], mean: [0.5], logStd: [log(0.1)])],
                [-2 + log(10) - 0.5 * log(2 * Double.pi)], tolerance: 1e-12, "x = 0.3, μ = 0.5, σ = 0.1")
            // Against the library's DiagonalGaussian on a random 27-dim action (the engine's weights).
            var rng = RNG(seed: 31)
            let mean = Tensor.normal(1, 27, rng: &rng)
            let logStd = Tensor.uniform(1, 27, low: -1.5, high: 0.5, rng: &rng)
            let gaussian = DiagonalGaussian(mean: mean, logStd: logStd)
            let x = gaussian.sample(rng: &rng)
            expectClose(
                [try gaussianLogLikelihood(x: x.data, mean: mean.data, logStd: logStd.data)],
                gaussian.logProb(x).data, tolerance: 1e-9, "a random 27-dim action against DiagonalGaussian.logProb")
        }
    }

    @Test func `Exercise 3.2 — GAE(γ, λ): no bootstrap after a termination, bootstrap after a truncation`() throws {
        try exercise {
            // Three steps, γ = λ = 0.5 (so γλ = 0.25), rewards (1, 2, 3), V(sₜ) = 1 everywhere and
            // V(sₜ₊₁) = (1, 1, 4). The first two TD errors are the same in every case below:
            //   δ₀ = 1 + 0.5 · 1 − 1 = 0.5,   δ₁ = 2 + 0.5 · 1 − 1 = 1.5.
            let rewards = [1.0, 2, 3], values = [1.0, 1, 1], nextValues = [1.0, 1, 4]
            func gae(terminated: [Bool], truncated: [Bool], lambda: Double = 0.5) throws -> [Double] {
                try gaeAdvantages(
                    rewards: rewards, values: values, nextValues: nextValues, terminated: terminated,
                    truncated: truncated, gamma: 0.5, lambda: lambda)
            }
            // (a) The customer leaves after step 2 (terminated): δ₂ = 3 + 0 − 1 = 2, so
            //   Â₂ = 2,  Â₁ = 1.5 + 0.25 · 2 = 2,  Â₀ = 0.5 + 0.25 · 2 = 1.
            expectClose(
                try gae(terminated: [false, false, true], truncated: [false, false, false]), [1, 2, 2],
                tolerance: 1e-12, "terminated at step 2")
            // (b) The page cap cuts the session after step 2 (truncated): the future still counts,
            //   δ₂ = 3 + 0.5 · 4 − 1 = 4, so Â₂ = 4,  Â₁ = 1.5 + 0.25 · 4 = 2.5,  Â₀ = 0.5 + 0.25 · 2.5 = 1.125.
            expectClose(
                try gae(terminated: [false, false, false], truncated: [false, false, true]), [1.125, 2.5, 4],
                tolerance: 1e-12, "truncated at step 2")
            // (c) The customer leaves after step 1 and step 2 is the next customer's first page,
            //   still running at the end of the list (bootstrapped from V = 4):
            //   δ₁ = 2 + 0 − 1 = 1, δ₂ = 3 + 0.5 · 4 − 1 = 4, so Â₂ = 4, Â₁ = 1 (nothing carried
            //   across the boundary), Â₀ = 0.5 + 0.25 · 1 = 0.75.
            expectClose(
                try gae(terminated: [false, true, false], truncated: [false, false, false]), [0.75, 1, 4],
                tolerance: 1e-12, "terminated at step 1, a new episode at step 2")
            // (d) λ = 0 leaves the one-step TD errors δₜ; case (a) then gives (0.5, 1.5, 2).
            expectClose(
                try gae(terminated: [false, false, true], truncated: [false, false, false], lambda: 0), [0.5, 1.5, 2],
                tolerance: 1e-12, "λ = 0 is the TD error")
            // Against the library on a random stretch of 40 steps with both kinds of endings.
            var rng = RNG(seed: 32)
            let n = 40
            let r = (0..<n).map { _ in Double(rng.int(below: 4)) }
            let v = (0..<n).map { _ in rng.uniform(0, 5) }
            let next = (0..<n).map { _ in rng.uniform(0, 5) }
            let term = (0..<n).map { _ in rng.bernoulli(0.15) }
            let trunc = (0..<n).map { t in !term[t] && rng.bernoulli(0.1) }
            let want = generalizedAdvantages(
                rewards: r, values: v, nextValues: next, terminated: term, truncated: trunc, gamma: 0.99, lambda: 0.95)
            expectClose(
                try gaeAdvantages(
                    rewards: r, values: v, nextValues: next, terminated: term, truncated: trunc, gamma: 0.99,
                    lambda: 0.95), want.advantages, tolerance: 1e-9, "40 random steps against generalizedAdvantages")
        }
    }
}
