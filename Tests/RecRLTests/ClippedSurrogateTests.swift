import Testing

@testable import RecRL

/// PPO's clipping, ε = 0.2, worked by hand: where the objective is clipped its gradient is zero.
@Suite("PPO clipped surrogate")
struct ClippedSurrogateTests {
    /// L and dL/dratio for one sample.
    func surrogate(ratio: Double, advantage: Double) -> (value: Double, slope: Double) {
        let r = Tensor.row([ratio], requiresGrad: true)
        let l = clippedSurrogate(ratio: r, advantages: .row([advantage]), epsilon: 0.2)
        l.sum().backward()
        return (l.scalar, r.grad[0])
    }

    @Test("ratio 1.3, A = 2: clipped to 1.2·2 = 2.4, gradient 0 (already pushed far enough)")
    func aboveClipPositive() {
        let (value, slope) = surrogate(ratio: 1.3, advantage: 2)
        #expect(Swift.abs(value - 2.4) < 1e-12)
        #expect(slope == 0)
    }

    @Test("ratio 0.7, A = 2: unclipped 0.7·2 = 1.4 is the min, gradient A = 2 (pull it back up)")
    func belowClipPositive() {
        let (value, slope) = surrogate(ratio: 0.7, advantage: 2)
        #expect(Swift.abs(value - 1.4) < 1e-12)
        #expect(slope == 2)
    }

    @Test("ratio 0.7, A = −2: clipped to 0.8·(−2) = −1.6, gradient 0")
    func belowClipNegative() {
        let (value, slope) = surrogate(ratio: 0.7, advantage: -2)
        #expect(Swift.abs(value + 1.6) < 1e-12)
        #expect(slope == 0)
    }

    @Test("ratio 1.3, A = −2: unclipped 1.3·(−2) = −2.6 is the min, gradient A = −2")
    func aboveClipNegative() {
        let (value, slope) = surrogate(ratio: 1.3, advantage: -2)
        #expect(Swift.abs(value + 2.6) < 1e-12)
        #expect(slope == -2)
    }

    @Test("the min/clip form and the g(ε, A) form agree on random ratios and advantages")
    func bothFormsAgree() {
        var rng = RNG(seed: 5)
        let ratio = Tensor.uniform(200, 1, low: 0.3, high: 1.9, rng: &rng)
        let adv = Tensor.normal(200, 1, rng: &rng)
        let a = clippedSurrogate(ratio: ratio, advantages: adv, epsilon: 0.2)
        let b = clippedSurrogateSimplified(ratio: ratio, advantages: adv, epsilon: 0.2)
        let worst = zip(a.data, b.data).map { Swift.abs($0 - $1) }.max()!
        #expect(worst < 1e-12, "largest difference between the two forms: \(worst)")
    }
}
