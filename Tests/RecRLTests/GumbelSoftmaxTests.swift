import Foundation
import Testing

@testable import RecRL

@Suite("Gumbel-softmax")
struct GumbelSoftmaxTests {
    @Test("y_soft = softmax((l + g)/τ) per group, by hand on a 2-value group, and its one-hot y_hard")
    func workedExample() {
        // l = (0, ln 3), g = (0.5, −0.5): (l + g) = (0.5, 0.5986123); at τ = 1
        // y_soft₀ = 1 / (1 + e^0.0986123) = 1 / 2.1036383 = 0.4753669; at τ = 0.5 the gap doubles:
        // y_soft₀ = 1 / (1 + e^0.1972246) = 0.4508531. Both pick the second value.
        let logits = Tensor([[0, Foundation.log(3)]])
        let soft1 = GumbelSoftmax.soft(logits: logits, noise: [0.5, -0.5], temperature: 1, groupSizes: [2])
        let soft2 = GumbelSoftmax.soft(logits: logits, noise: [0.5, -0.5], temperature: 0.5, groupSizes: [2])
        #expect(abs(soft1[0, 0] - 0.4753669) < 1e-7 && abs(soft1[0, 1] - 0.5246331) < 1e-7)
        #expect(abs(soft2[0, 0] - 0.4508531) < 1e-7)
        #expect(GumbelSoftmax.hard(soft1, groupSizes: [2]) == [0, 1])
    }

    @Test("straight-through samples are one-hot in every group and carry y_soft's gradient")
    func straightThrough() {
        var rng = RNG(seed: 2)
        let logits = Tensor.normal(6, 88, rng: &rng, requiresGrad: true)
        let noise = GumbelSoftmax.noise(rows: 6, cols: 88, rng: &rng)
        let y = GumbelSoftmax.straightThrough(logits: logits, noise: noise, temperature: 0.7)
        for i in 0..<6 {
            for g in 0..<11 {
                let o = TaobaoLayout.groupOffsets[g]
                let group = (0..<TaobaoLayout.groupSizes[g]).map { y[i, o + $0] }
                #expect(group.filter { abs($0 - 1) < 1e-12 }.count == 1)
                #expect(group.filter { abs($0) < 1e-12 }.count == group.count - 1)
            }
        }
        // The gradient of Σ w·y equals the gradient of Σ w·y_soft.
        let w = Tensor.uniform(6, 88, low: -1, high: 1, rng: &rng)
        logits.zeroGrad()
        (y * w).sum().backward()
        let straight = logits.grad
        logits.zeroGrad()
        (GumbelSoftmax.soft(logits: logits, noise: noise, temperature: 0.7, groupSizes: TaobaoLayout.groupSizes) * w)
            .sum().backward()
        for (a, b) in zip(straight, logits.grad) { #expect(abs(a - b) < 1e-12) }
        #expect(straight.contains { $0 != 0 })
    }

    @Test("y_hard is an exact sample of softmax(l) (Gumbel-max): P(second) = 3/4 for l = (0, ln 3)")
    func gumbelMax() {
        var rng = RNG(seed: 9)
        let n = 20_000
        let logits = Tensor(rows: n, cols: 2, data: (0..<n).flatMap { _ in [0, Foundation.log(3)] })
        let soft = GumbelSoftmax.soft(
            logits: logits, noise: GumbelSoftmax.noise(rows: n, cols: 2, rng: &rng), temperature: 1, groupSizes: [2])
        let hard = GumbelSoftmax.hard(soft, groupSizes: [2])
        let second = stride(from: 1, to: hard.count, by: 2).reduce(0.0) { $0 + hard[$1] } / Double(n)
        #expect(abs(second - 0.75) < 0.015)  // 5 standard errors of √(0.75·0.25/20000) = 0.003
    }
}
