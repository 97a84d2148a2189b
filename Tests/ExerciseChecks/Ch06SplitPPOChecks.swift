import Foundation
import RecRL
import Testing

@testable import Ch06Exercises

@Suite struct `Chapter 6 exercises` {
    @Test func `Exercise 6.1 — the split network's mean: μ = [h_s, h_d]·W_join + b`() throws {
        try exercise {
            // By hand: x = [0.5, −1, 2];  μ₀ = 0.5·1 + (−1)·0 + 2·0.5 + 0.1 = 1.6,
            //                            μ₁ = 0.5·0 + (−1)·1 + 2·(−0.5) − 0.2 = −2.2.
            let got = try splitNetworkMean(
                staticFeatures: [0.5, -1], dynamicFeatures: [2], joinWeight: [[1, 0], [0, 1], [0.5, -0.5]],
                joinBias: [0.1, -0.2])
            expectClose(got, [1.6, -2.2], tolerance: 1e-12, "h_s = [0.5, −1], h_d = [2]")
            // h_s first, then h_d: swapping them must matter. x = [3, 1]: μ = 3·2 + 1·(−1) + 0 = 5.
            expectClose(
                try splitNetworkMean(
                    staticFeatures: [3], dynamicFeatures: [1], joinWeight: [[2], [-1]], joinBias: [0]),
                [5], tolerance: 1e-12, "h_s = [3], h_d = [1], W = [[2], [−1]] (h_s's row first)")
            // Against the library's SplitFeaturePolicy on a TaobaoWorld customer (towers of 6 units).
            var rng = RNG(seed: 61)
            let policy = SplitFeaturePolicy(observationSize: 91, towerSizes: [6, 6], actionSize: 27, rng: &rng)
            for p in policy.join.parameters { p.data = p.data.map { _ in rng.normal() } }
            var world = TaobaoWorld()
            var s = world.reset(seed: 5)
            s[88...] = [2, 3, 1]
            let observation = Tensor.row(s)
            let weight = policy.join.weight
            let rows = (0..<weight.rows).map { Array(weight.data[($0 * weight.cols)..<(($0 + 1) * weight.cols)]) }
            let mine = try splitNetworkMean(
                staticFeatures: policy.staticFeatures(observation).data,
                dynamicFeatures: policy.dynamicFeatures(observation).data, joinWeight: rows,
                joinBias: policy.join.bias.data)
            expectClose(mine, policy.mean(observation).data, tolerance: 1e-10, "μ of a 91-feature customer")
        }
    }

    @Test func `Exercise 6.2 — the schedule: the static tower is stepped on every ratio-th update`() throws {
        try exercise {
            // By hand, ratio 3, u = 0…5: the 3rd and 6th updates (u = 2, 5).
            let got = try (0..<6).map { try staticTowerIsStepped(update: $0, ratio: 3) }
            #expect(got == [false, false, true, false, false, true], "ratio 3, u = 0…5: got \(got)")
            let every = try (0..<4).map { try staticTowerIsStepped(update: $0, ratio: 1) }
            #expect(every == [true, true, true, true], "ratio 1 steps on every update: got \(every)")
            let hundred = try (0..<300).filter { try staticTowerIsStepped(update: $0, ratio: 100) }
            #expect(hundred == [99, 199, 299], "ratio 100, u < 300: got \(hundred)")
            for ratio in [2, 7, 100] {
                for u in 0..<250 {
                    let want = SplitFeatureSchedule.staticTowerIsStepped(update: u, ratio: ratio)
                    let mine = try staticTowerIsStepped(update: u, ratio: ratio)
                    if mine != want {
                        Issue.record("ratio \(ratio), u = \(u): expected \(want), got \(mine)")
                        return
                    }
                }
            }
        }
    }
}
