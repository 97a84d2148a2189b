import Testing

@testable import RecRL

/// A toy environment for checking bookkeeping: the observation is [steps taken so far], every
/// step pays 1, and a session lasts `length` steps, ending as `terminated` or as `truncated`.
struct CountingEnvironment: Environment {
    var length: Int
    var endsByTruncation: Bool
    var taken = 0
    var observationSize: Int { 1 }
    var actionSize: Int { 1 }

    mutating func reset(seed: UInt64?) -> [Double] {
        taken = 0
        return [0]
    }

    mutating func step(_ action: [Double]) -> StepResult {
        taken += 1
        let over = taken >= length
        return StepResult(
            observation: [Double(taken)], reward: 1, terminated: over && !endsByTruncation,
            truncated: over && endsByTruncation, info: StepInfo(clicks: 2, purchase: false, page: taken))
    }
}

@Suite("Rollouts")
struct RolloutTests {
    /// A value network that outputs 10·s (a 1→1 linear layer with weight 10 and bias 0).
    func tenTimes() -> MLP {
        var rng = RNG(seed: 0)
        let v = MLP(sizes: [1, 1], activation: .none, rng: &rng)
        v.linears[0].weight.data = [10]
        v.linears[0].bias.data = [0]
        return v
    }

    @Test("rows are t·N + n; flags, values and bootstrap values follow each environment's own timeline")
    func bookkeeping() {
        var rng = RNG(seed: 1)
        let policy = MLPGaussianPolicy(sizes: [1, 4, 1], rng: &rng)
        // Env 0 terminates after 2 steps, env 1 is truncated after 3.
        var collector = RolloutCollector(
            environments: [
                CountingEnvironment(length: 2, endsByTruncation: false),
                CountingEnvironment(length: 3, endsByTruncation: true),
            ], seed: 0)
        let r = collector.collect(steps: 4, policy: policy, value: tenTimes(), rng: &rng)
        #expect(r.count == 8)
        // Observations: env 0 sees 0,1,0,1; env 1 sees 0,1,2,0 (interleaved by row).
        #expect(r.observations.data == [0, 0, 1, 1, 0, 2, 1, 0])
        #expect(r.terminated == [false, false, true, false, false, false, true, false])
        #expect(r.truncated == [false, false, false, false, false, true, false, false])
        #expect(r.values == r.observations.data.map { 10 * $0 })
        // V(sₜ₊₁): env 0 rows 0 → 10 (s=1), row 2 terminated (0, ignored), row 4 → 10, row 6
        // terminated. Env 1: row 1 → 10, row 3 → 20, row 5 truncated: final observation s = 3 → 30;
        // row 7 is the rollout's end: the state it continues from, s = 1 → 10.
        #expect(r.nextValues == [10, 10, 0, 20, 10, 30, 0, 10])
        #expect(r.finishedEpisodes.count == 3)
        #expect(r.metrics.pages == 8 && r.metrics.clicks == 16)
        #expect(r.finishedEpisodes.map(\.length).sorted() == [2, 2, 3])
    }

    @Test("advantages are computed per environment: GAE with λ = 1 and V = 0 is the reward-to-go")
    func perEnvironmentAdvantages() {
        var rng = RNG(seed: 2)
        let policy = MLPGaussianPolicy(sizes: [1, 4, 1], rng: &rng)
        var collector = RolloutCollector(
            environments: [
                CountingEnvironment(length: 2, endsByTruncation: false),
                CountingEnvironment(length: 3, endsByTruncation: false),
            ], seed: 0)
        let r = collector.collect(steps: 4, policy: policy, value: nil, rng: &rng)
        let (adv, _) = r.advantages(gamma: 1, lambda: 1)
        // Env 0 (rows 0, 2, 4, 6): episodes [0,1] and [0,1] → returns 2, 1, 2, 1.
        // Env 1 (rows 1, 3, 5, 7): episode [0,1,2] then the start of another → 3, 2, 1, 1.
        #expect(adv == [2, 3, 1, 2, 2, 1, 1, 1])
        #expect(r.rewardsToGo(gamma: 1) == adv)
    }

    @Test("collecting is deterministic for a seed, and the stored log-probs are the policy's")
    func determinismAndLogProbs() {
        func run() -> Rollout {
            var rng = RNG(seed: 3)
            let policy = MLPGaussianPolicy(sizes: [1, 4, 1], rng: &rng)
            var collector = RolloutCollector(
                environments: [CountingEnvironment(length: 5, endsByTruncation: false)], seed: 9)
            return collector.collect(steps: 6, policy: policy, value: nil, rng: &rng)
        }
        let a = run(), b = run()
        #expect(a.actions.data == b.actions.data && a.logProbs == b.logProbs)
        var rng = RNG(seed: 3)
        let policy = MLPGaussianPolicy(sizes: [1, 4, 1], rng: &rng)
        let recomputed = policy.distribution(a.observations).logProb(a.actions).data
        #expect(zip(recomputed, a.logProbs).allSatisfy { Swift.abs($0 - $1) < 1e-12 })
    }
}
