import Testing

@testable import RecRL

/// GAE and reward-to-go on 3-step episodes, computed by hand.
@Suite("Returns and advantages")
struct AdvantageTests {
    func close(_ a: [Double], _ b: [Double]) -> Bool {
        zip(a, b).allSatisfy { Swift.abs($0 - $1) < 1e-12 } && a.count == b.count
    }

    @Test("reward-to-go with γ = 0.5 over [1, 2, 4] is [1 + 0.5·(2 + 0.5·4), 2 + 0.5·4, 4] = [3, 4, 4]")
    func rewardToGoByHand() {
        #expect(rewardToGo(rewards: [1, 2, 4], episodeEnds: [false, false, true], gamma: 0.5) == [3, 4, 4])
        // Two episodes in one rollout: the sum stops at the boundary after step 0.
        #expect(rewardToGo(rewards: [1, 2, 4], episodeEnds: [true, false, true], gamma: 0.5) == [1, 4, 4])
    }

    @Test("GAE on a 3-step episode that terminates: no bootstrap after the last step")
    func gaeTerminated() {
        // γ = 0.9, λ = 0.8, r = [1, 0, 2], V(s) = [0.5, 0.4, 0.3], V(s′) = [0.4, 0.3, 9 (ignored)].
        // δ₂ = 2 − 0.3 = 1.7                    Â₂ = 1.7
        // δ₁ = 0 + 0.9·0.3 − 0.4 = −0.13         Â₁ = −0.13 + 0.72·1.7 = 1.094
        // δ₀ = 1 + 0.9·0.4 − 0.5 = 0.86          Â₀ = 0.86 + 0.72·1.094 = 1.64768
        let (adv, ret) = generalizedAdvantages(
            rewards: [1, 0, 2], values: [0.5, 0.4, 0.3], nextValues: [0.4, 0.3, 9],
            terminated: [false, false, true], truncated: [false, false, false], gamma: 0.9, lambda: 0.8)
        #expect(close(adv, [1.64768, 1.094, 1.7]), "advantages: expected [1.64768, 1.094, 1.7], got \(adv)")
        #expect(close(ret, [2.14768, 1.494, 2.0]), "returns = Â + V: got \(ret)")
    }

    @Test("GAE on the same episode truncated by the page limit: the last step bootstraps from V(s′) = 9")
    func gaeTruncated() {
        // δ₂ = 2 + 0.9·9 − 0.3 = 9.8            Â₂ = 9.8
        // Â₁ = −0.13 + 0.72·9.8 = 6.926          Â₀ = 0.86 + 0.72·6.926 = 5.84672
        let (adv, _) = generalizedAdvantages(
            rewards: [1, 0, 2], values: [0.5, 0.4, 0.3], nextValues: [0.4, 0.3, 9],
            terminated: [false, false, false], truncated: [false, false, true], gamma: 0.9, lambda: 0.8)
        #expect(close(adv, [5.84672, 6.926, 9.8]), "advantages: expected [5.84672, 6.926, 9.8], got \(adv)")
    }

    @Test("GAE does not leak across an episode boundary inside one rollout")
    func gaeBoundary() {
        // Step 0 terminates its episode; step 1 starts a new one. Â₀ must be δ₀ alone = 1 − 0.5.
        let (adv, _) = generalizedAdvantages(
            rewards: [1, 5], values: [0.5, 0], nextValues: [7, 0], terminated: [true, false],
            truncated: [false, true], gamma: 0.9, lambda: 0.8)
        #expect(close(adv, [0.5, 5]))
    }

    @Test("λ = 1 with no values gives the discounted reward-to-go")
    func gaeLambdaOne() {
        let r = [1.0, 2, 4]
        let (adv, _) = generalizedAdvantages(
            rewards: r, values: [0, 0, 0], nextValues: [0, 0, 0], terminated: [false, false, true],
            truncated: [false, false, false], gamma: 0.5, lambda: 1)
        #expect(close(adv, rewardToGo(rewards: r, episodeEnds: [false, false, true], gamma: 0.5)))
    }
}
