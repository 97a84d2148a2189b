import Foundation
import RecRL
import Testing

@testable import Ch02Exercises

@Suite struct `Chapter 2 exercises` {
    @Test func `Exercise 2.1 — tanh backward: g ⊙ (1 − tanh² x)`() throws {
        try exercise {
            // By hand: tanh(0) = 0 so the slope is 1; tanh(atanh(0.5)) = 0.5 so the slope is 1 − 0.25 = 0.75.
            let got = try tanhBackward(x: [0, atanh(0.5)], upstream: [2, 4])
            expectClose(got, [2, 3], tolerance: 1e-12, "tanhBackward(x: [0, atanh 0.5], upstream: [2, 4])")
            // Against the library's autodiff on random inputs.
            var rng = RNG(seed: 21)
            let x = Tensor.uniform(1, 6, low: -3, high: 3, rng: &rng, requiresGrad: true)
            let g = Tensor.uniform(1, 6, low: -1, high: 1, rng: &rng)
            (x.tanh() * g).sum().backward()
            expectClose(try tanhBackward(x: x.data, upstream: g.data), x.grad, tolerance: 1e-12, "random inputs")
        }
    }

    @Test func `Exercise 2.2 — matmul backward: ∂L÷∂A = G·Bᵀ, ∂L÷∂B = Aᵀ·G`() throws {
        try exercise {
            // By hand, with G all ones: G·Bᵀ has rows (5+6, 7+8) = (11, 15); Aᵀ·G has rows (1+3, 2+4) = (4, 6).
            let a = Tensor([[1, 2], [3, 4]]), b = Tensor([[5, 6], [7, 8]])
            let (dA, dB) = try matmulBackward(a: a, b: b, upstream: Tensor.ones(2, 2))
            #expect(
                dA.shape == [2, 2] && dB.shape == [2, 2],
                "shapes: expected [2, 2] and [2, 2], got \(dA.shape) and \(dB.shape)")
            expectClose(dA.data, [11, 15, 11, 15], tolerance: 1e-12, "∂L/∂A")
            expectClose(dB.data, [4, 4, 6, 6], tolerance: 1e-12, "∂L/∂B")
            // A rectangular case against autodiff: A [3×4], B [4×2].
            var rng = RNG(seed: 22)
            let a2 = Tensor.normal(3, 4, rng: &rng, requiresGrad: true)
            let b2 = Tensor.normal(4, 2, rng: &rng, requiresGrad: true)
            let g2 = Tensor.normal(3, 2, rng: &rng)
            (a2.matmul(b2) * g2).sum().backward()
            let (dA2, dB2) = try matmulBackward(a: a2.detached(), b: b2.detached(), upstream: g2)
            #expect(
                dA2.shape == [3, 4] && dB2.shape == [4, 2],
                "shapes: expected [3, 4] and [4, 2], got \(dA2.shape) and \(dB2.shape)")
            expectClose(dA2.data, a2.grad, tolerance: 1e-12, "∂L/∂A for A [3×4], B [4×2]")
            expectClose(dB2.data, b2.grad, tolerance: 1e-12, "∂L/∂B for A [3×4], B [4×2]")
        }
    }

    @Test func `Exercise 2.3 — central differences: (f(x + h) − f(x − h)) ÷ 2h`() throws {
        try exercise {
            // By hand: f = x₀² + 3x₀x₁ has gradient (2x₀ + 3x₁, 3x₀) = (8, 3) at (1, 2). Central
            // differences are exact on quadratics, up to rounding.
            let f: ([Double]) -> Double = { $0[0] * $0[0] + 3 * $0[0] * $0[1] }
            expectClose(
                try centralDifference(of: f, at: [1, 2], h: 1e-4), [8, 3], tolerance: 1e-7, "f = x₀² + 3x₀x₁ at (1, 2)")
            // A one-sided difference would be off by h·f''/2 = 1e-2 here; the central one by h²/6 ≈ 2e-5.
            let g = try centralDifference(of: { sin($0[0]) }, at: [0.5], h: 0.01)
            expectClose(g, [cos(0.5)], tolerance: 1e-4, "d sin(x)/dx at 0.5 with h = 0.01")
        }
    }
}
