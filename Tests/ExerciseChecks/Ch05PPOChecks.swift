import Foundation
import RecRL
import Testing

@testable import Ch05Exercises

@Suite struct `Chapter 5 exercises` {
    @Test func `Exercise 5.1 — the clipped objective: min(r·A, clip(r, 1 − ε, 1 + ε)·A), with its gradient`() throws {
        try exercise {
            // Worked examples, ε = 0.2, by hand:
            //   r = 1.3, A = 2:  min(2.6, 1.2·2 = 2.4) = 2.4, flat in r (gradient 0)
            //   r = 0.7, A = 2:  min(1.4, 0.8·2 = 1.6) = 1.4, gradient A = 2
            //   r = 0.7, A = −2: min(−1.4, 0.8·−2 = −1.6) = −1.6, flat (gradient 0)
            //   r = 1.3, A = −2: min(−2.6, 1.2·−2 = −2.4) = −2.6, gradient A = −2
            let ratio = Tensor(rows: 4, cols: 1, data: [1.3, 0.7, 0.7, 1.3], requiresGrad: true)
            let advantages = Tensor(rows: 4, cols: 1, data: [2, 2, -2, -2])
            let got = try ppoClippedObjective(ratio: ratio, advantages: advantages, epsilon: 0.2)
            #expect(got.shape == [4, 1], "shape: expected [4, 1] (one L per sample), got \(got.shape)")
            expectClose(
                got.data, [2.4, 1.4, -1.6, -2.6], tolerance: 1e-12,
                "L for (r, A) = (1.3, 2), (0.7, 2), (0.7, −2), (1.3, −2)")
            got.sum().backward()
            expectClose(ratio.grad, [0, 2, 0, -2], tolerance: 1e-12, "∂L/∂r: zero where clipped, A where not")
            // Against the library on random ratios and advantages, ε = 0.1.
            var rng = RNG(seed: 51)
            let r = Tensor.uniform(20, 1, low: 0.5, high: 1.5, rng: &rng)
            let a = Tensor.normal(20, 1, rng: &rng)
            let want = clippedSurrogate(ratio: r, advantages: a, epsilon: 0.1)
            expectClose(
                try ppoClippedObjective(ratio: r, advantages: a, epsilon: 0.1).data, want.data, tolerance: 1e-12,
                "20 random cases with ε = 0.1")
        }
    }

    @Test func `Exercise 5.2 — the approximate KL: mean of (r − 1) − log r`() throws {
        try exercise {
            // By hand: r = 1 contributes 0; r = e contributes e − 1 − 1 = e − 2; mean (e − 2)/2.
            let got = try approximateKL(ratios: [1, M_E])
            expectClose([got], [(M_E - 2) / 2], tolerance: 1e-12, "approximateKL([1, e])")
            // r = 0.5: −0.5 − log 0.5 = −0.5 + 0.693147… = 0.193147…; r = 2: 1 − log 2 = 0.306853…
            expectClose(
                [try approximateKL(ratios: [0.5, 2])], [0.25], tolerance: 1e-12,
                "approximateKL([0.5, 2]) = ((−0.5 + log 2) + (1 − log 2)) / 2 = 0.25")
            expectClose([try approximateKL(ratios: [1, 1, 1])], [0], tolerance: 1e-15, "no change, no divergence")
        }
    }

    @Test func `Exercise 5.3 — advantage normalisation: (Â − mean) ÷ (std + 1e-8), std over n − 1`() throws {
        try exercise {
            // [1, 2, 3]: mean 2, squared deviations 1 + 0 + 1 = 2, over n − 1 = 2 → std 1.
            expectClose(try standardizedAdvantages([1, 2, 3]), [-1, 0, 1], tolerance: 1e-7, "[1, 2, 3]")
            // [0, 0, 0, 4]: mean 1, squared deviations 1 + 1 + 1 + 9 = 12, / 3 = 4 → std 2 (÷ n would give √3).
            expectClose(
                try standardizedAdvantages([0, 0, 0, 4]), [-0.5, -0.5, -0.5, 1.5], tolerance: 1e-7,
                "[0, 0, 0, 4] (std divides by n − 1 = 3)")
            expectClose(
                try standardizedAdvantages([5, 1, -2, 0.5]), normalizedAdvantages([5, 1, -2, 0.5]), tolerance: 1e-12,
                "against the library's normalizedAdvantages")
        }
    }
}
