import Foundation
import RecRL
import Testing

@testable import Ch07Exercises

@Suite struct `Chapter 7 exercises` {
    let rows = Tensor([[0.5, 0.3, 0.2], [0.1, 0.5, 0.4]])

    @Test func `Exercise 7.1 — GAN-SD's entropy term: H of the batch mean of V's probabilities`() throws {
        try exercise {
            // By hand: p̄ = (0.3, 0.4, 0.3), H = −(2·0.3·ln 0.3 + 0.4·ln 0.4) = 1.08889998.
            let got = try minibatchEntropy(probabilities: rows)
            #expect(got.shape == [1, 1], "H must be a 1×1 tensor, got \(got.shapeText)")
            expectClose(got.data, [1.08889998], tolerance: 1e-7, "rows (0.5, 0.3, 0.2), (0.1, 0.5, 0.4)")
            // A batch of identical one-hot rows has H = 0; uniform rows over 4 values ln 4.
            expectClose(
                try minibatchEntropy(probabilities: Tensor([[0.25, 0.25, 0.25, 0.25]])).data, [Foundation.log(4)],
                tolerance: 1e-12, "one uniform row over 4 values")
            // It must back-propagate like the library's term (central differences are in the library tests).
            var rng = RNG(seed: 71)
            let logits = Tensor.normal(6, 3, rng: &rng, requiresGrad: true)
            try minibatchEntropy(probabilities: logits.softmax()).backward()
            let mine = logits.grad
            logits.zeroGrad()
            GANSDTerms.library.entropy(logits.softmax()).backward()
            expectClose(mine, logits.grad, tolerance: 1e-10, "the gradient into 6×3 logits")
        }
    }

    @Test func `Exercise 7.2 — GAN-SD's KL term: KL(q ‖ p̄) from the real frequencies to the generated`() throws {
        try exercise {
            // By hand: 0.5·ln(0.5/0.3) + 0.5·ln(0.5/0.4) + 0 = 0.36698459.
            let got = try minibatchKL(realFrequencies: [0.5, 0.5, 0], probabilities: rows)
            #expect(got.shape == [1, 1], "KL must be a 1×1 tensor, got \(got.shapeText)")
            expectClose(got.data, [0.36698459], tolerance: 1e-7, "q = (0.5, 0.5, 0)")
            expectClose(
                try minibatchKL(realFrequencies: [0.3, 0.4, 0.3], probabilities: rows).data, [0], tolerance: 1e-12,
                "q = p̄ gives 0")
            var rng = RNG(seed: 72)
            let logits = Tensor.normal(6, 3, rng: &rng, requiresGrad: true)
            try minibatchKL(realFrequencies: [0.2, 0.8, 0], probabilities: logits.softmax()).backward()
            let mine = logits.grad
            logits.zeroGrad()
            GANSDTerms.library.kl([0.2, 0.8, 0], logits.softmax()).backward()
            expectClose(mine, logits.grad, tolerance: 1e-10, "the gradient into 6×3 logits")
        }
    }

    @Test func `Exercise 7.3 — one E-step of a diagonal GMM: the responsibilities of one point`() throws {
        try exercise {
            let twoOnALine = (weights: [0.5, 0.5], means: [[0.0], [2.0]], variances: [[1.0], [1.0]])
            // x = 1 is halfway: r = (0.5, 0.5). x = 0: log-densities differ by (0 − 0)² − (0 − 2)² over 2 = 2,
            // r₀ = 1 / (1 + e⁻²) = 0.88079708.
            expectClose(
                try gmmResponsibilities(
                    x: [1], weights: twoOnALine.weights, means: twoOnALine.means, variances: twoOnALine.variances),
                [0.5, 0.5], tolerance: 1e-12, "x = 1")
            expectClose(
                try gmmResponsibilities(
                    x: [0], weights: twoOnALine.weights, means: twoOnALine.means, variances: twoOnALine.variances),
                [0.88079708, 0.11920292], tolerance: 1e-7, "x = 0")
            // Weights and variances matter: π = (0.2, 0.8), σ² = (4, 1), x = 0, μ = (0, 1):
            // log r₀ ∝ ln 0.2 − ½ ln 4 = −2.3025851; log r₁ ∝ ln 0.8 − ½ = −0.7231436;
            // r₀ = 1 / (1 + e^1.5794415) = 0.1708746.
            expectClose(
                try gmmResponsibilities(x: [0], weights: [0.2, 0.8], means: [[0], [1]], variances: [[4], [1]]),
                [0.1708746, 0.8291254], tolerance: 1e-7, "π = (0.2, 0.8), σ² = (4, 1)")
            // 88 dimensions with small variances: the densities underflow unless you work in logs.
            let x = [Double](repeating: 0, count: 88)
            let r = try gmmResponsibilities(
                x: x, weights: [0.5, 0.5], means: [x, [Double](repeating: 0.5, count: 88)],
                variances: [[Double](repeating: 1e-3, count: 88), [Double](repeating: 1e-3, count: 88)])
            expectClose(r, [1, 0], tolerance: 1e-12, "88 dims, σ² = 10⁻³: x equals the first mean")
        }
    }
}
