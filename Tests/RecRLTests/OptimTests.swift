import Foundation
import Testing

@testable import RecRL

/// f(x, y) = x² + 3y² as a 1×1 tensor of a 1×2 parameter p = (x, y); ∇f = (2x, 6y).
private func quadratic(_ p: Tensor) -> Tensor {
    (p * p * Tensor.row([1, 3])).sum()
}

@Suite("Optimisers")
struct OptimTests {
    @Test("Adam's first two steps on x² + 3y² from (1, 1), lr 0.1, match the by-hand recurrence")
    func adamTwoSteps() {
        let p = Tensor.row([1, 1], requiresGrad: true)
        let adam = Adam(parameters: [p], learningRate: 0.1)
        #expect(adam.beta1 == 0.9 && adam.beta2 == 0.999 && adam.epsilon == 1e-8)
        let (lr, b1, b2, eps) = (0.1, 0.9, 0.999, 1e-8)

        // Step 1: g = (2, 6). m = 0.1·g = (0.2, 0.6), v = 0.001·g² = (0.004, 0.036).
        // m̂ = m / (1 − 0.9) = (2, 6), v̂ = v / (1 − 0.999) = (4, 36), √v̂ = (2, 6).
        // Δ = lr · m̂ / (√v̂ + ε) = 0.1 · (2/(2+1e-8), 6/(6+1e-8)) ≈ (0.1, 0.1) → p ≈ (0.9, 0.9).
        adam.zeroGrad()
        quadratic(p).backward()
        #expect(p.grad == [2, 6])
        adam.step()
        let x1 = 1 - lr * 2 / (2 + eps), y1 = 1 - lr * 6 / (6 + eps)
        #expect(abs(p.data[0] - x1) < 1e-15 && abs(p.data[1] - y1) < 1e-15)
        #expect(abs(x1 - 0.9000000005) < 1e-15)

        // Step 2: g = (2·x1, 6·y1) ≈ (1.8, 5.4).
        // m = 0.9·(0.2, 0.6) + 0.1·(1.8, 5.4) = (0.36, 1.08)
        // v = 0.999·(0.004, 0.036) + 0.001·(3.24, 29.16) = (0.007236, 0.065124)
        // m̂ = m / (1 − 0.81) = m / 0.19 ≈ (1.894737, 5.684211)
        // v̂ = v / (1 − 0.998001) = v / 0.001999 ≈ (3.619810, 32.578289), √v̂ ≈ (1.902580, 5.707740)
        // Δ = 0.1 · m̂ / (√v̂ + ε) ≈ (0.0995878, 0.0995878) → p ≈ (0.800412, 0.800412)
        adam.zeroGrad()
        quadratic(p).backward()
        adam.step()
        let g2 = [2 * x1, 6 * y1]
        let m2 = [b1 * 0.2 + (1 - b1) * g2[0], b1 * 0.6 + (1 - b1) * g2[1]]
        let v2 = [b2 * 0.004 + (1 - b2) * g2[0] * g2[0], b2 * 0.036 + (1 - b2) * g2[1] * g2[1]]
        let expected = [x1, y1].indices.map { i in
            [x1, y1][i] - lr * (m2[i] / (1 - b1 * b1)) / ((v2[i] / (1 - b2 * b2)).squareRoot() + eps)
        }
        #expect(abs(p.data[0] - expected[0]) < 1e-12 && abs(p.data[1] - expected[1]) < 1e-12)
        #expect(abs(p.data[0] - 0.800412) < 1e-6 && abs(p.data[1] - 0.800412) < 1e-6)
    }

    @Test("SGD with momentum 0.9, two steps on x² + 3y² from (1, 1), lr 0.1 (PyTorch's buffer rule)")
    func sgdMomentumTwoSteps() {
        let p = Tensor.row([1, 1], requiresGrad: true)
        let sgd = SGD(parameters: [p], learningRate: 0.1, momentum: 0.9)
        // Step 1: g = (2, 6), b = g = (2, 6), p = (1, 1) − 0.1·(2, 6) = (0.8, 0.4).
        sgd.zeroGrad()
        quadratic(p).backward()
        sgd.step()
        #expect(abs(p.data[0] - 0.8) < 1e-15 && abs(p.data[1] - 0.4) < 1e-15)
        // Step 2: g = (1.6, 2.4), b = 0.9·(2, 6) + (1.6, 2.4) = (3.4, 7.8),
        // p = (0.8, 0.4) − 0.1·(3.4, 7.8) = (0.46, −0.38).
        sgd.zeroGrad()
        quadratic(p).backward()
        sgd.step()
        #expect(abs(p.data[0] - 0.46) < 1e-15)
        #expect(abs(p.data[1] - (-0.38)) < 1e-15)
    }

    @Test("plain SGD (momentum 0) is θ ← θ − lr·g")
    func plainSGD() {
        let p = Tensor.row([1, 1], requiresGrad: true)
        let sgd = SGD(parameters: [p], learningRate: 0.1)
        quadratic(p).backward()
        sgd.step()
        let expected: [Double] = [1 - 0.1 * 2, 1 - 0.1 * 6]
        #expect(p.data == expected)
    }

    @Test("optimisers skip frozen parameters; zeroGrad clears every gradient")
    func frozenAndZeroGrad() {
        let trained = Tensor.row([1], requiresGrad: true)
        let frozen = Tensor.row([1], requiresGrad: true)
        let adam = Adam(parameters: [trained, frozen], learningRate: 0.1)
        (trained * frozen).sum().backward()
        #expect(trained.grad == [1] && frozen.grad == [1])
        frozen.requiresGrad = false
        adam.step()
        #expect(trained.data[0] < 1)
        #expect(frozen.data == [1])
        adam.zeroGrad()
        #expect(trained.grad == [0] && frozen.grad == [0])
    }

    @Test("global-norm clipping: grads (3, 4) have norm 5; clipped to 1 they become (0.6, 0.8)")
    func clipping() {
        let a = Tensor.row([0], requiresGrad: true)
        let b = Tensor.row([0], requiresGrad: true)
        a.grad = [3]
        b.grad = [4]
        // The norm is over all parameters together: √(3² + 4²) = 5, returned before clipping.
        let norm = clipGradientNorm([a, b], maxNorm: 1)
        #expect(norm == 5)
        // Scale 1 / (5 + 1e-6) (PyTorch's guard), so (0.6, 0.8) to within 1e-6.
        #expect(abs(a.grad[0] - 0.6) < 1e-6 && abs(b.grad[0] - 0.8) < 1e-6)
        #expect(abs(a.grad[0] - 3 / (5 + 1e-6)) < 1e-15)
        // Under the limit nothing changes.
        let again = clipGradientNorm([a, b], maxNorm: 10)
        #expect(abs(again - 1) < 1e-6)
        #expect(abs(a.grad[0] - 3 / (5 + 1e-6)) < 1e-15)
    }

    @Test("linear learning-rate annealing from 3e-4 to 0 over 4 steps")
    func linearSchedule() {
        let schedule = LinearSchedule(start: 3e-4, steps: 4)
        // value(t) = 3e-4 · (1 − t/4): 3e-4, 2.25e-4, 1.5e-4, 0.75e-4, 0, then stays 0.
        let expected = [3e-4, 2.25e-4, 1.5e-4, 0.75e-4, 0, 0]
        for (t, value) in expected.enumerated() {
            #expect(abs(schedule.value(at: t) - value) < 1e-18, "step \(t)")
        }
        // From 1 down to 0.5 over 2 steps: 1, 0.75, 0.5.
        let halving = LinearSchedule(start: 1, end: 0.5, steps: 2)
        #expect([0, 1, 2, 3].map(halving.value(at:)) == [1, 0.75, 0.5, 0.5])
        // Driving an optimiser's learning rate.
        let adam = Adam(parameters: [])
        adam.learningRate = schedule.value(at: 1)
        #expect(adam.learningRate == 2.25e-4)
    }
}
