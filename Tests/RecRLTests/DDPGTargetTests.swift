import Testing

@testable import RecRL

/// Worked examples of the DDPG / TD3 targets, with every number computed by hand.
@Suite("DDPG and TD3 targets")
struct DDPGTargetTests {
    /// A critic that ignores its input: Q ≡ `value` (zero output weights, bias `value`).
    func setConstant(_ critic: QNetwork, _ value: Double) {
        let last = critic.network.linears.last!
        last.weight.data = [Double](repeating: 0, count: last.weight.count)
        last.bias.data = [value]
    }

    /// A one-hidden-unit critic without LayerNorm, set so that Q(s, a) = slope·s₀ + offset for
    /// s₀ ≥ 0: hidden = relu(1·s₀), Q = slope·hidden + offset.
    func setLinearInFirstFeature(_ critic: QNetwork, slope: Double, offset: Double) {
        let (first, last) = (critic.network.linears[0], critic.network.linears[1])
        first.weight.data = [Double](repeating: 0, count: first.weight.count)
        first.weight.data[0] = 1  // row 0 (feature s₀), column 0 (the one hidden unit)
        first.bias.data = [0]
        last.weight.data = [slope]
        last.bias.data = [offset]
    }

    @Test("DDPG target on 3 transitions, the second terminated: y = r + γ(1 − d)q′")
    func threeTransitions() {
        // r = (1, 0, 2), d = (0, 1, 0), q′ = (10, 5, −1), γ = 0.9:
        //   y₀ = 1 + 0.9·10 = 10,  y₁ = 0 (no future after a termination),  y₂ = 2 + 0.9·(−1) = 1.1.
        let y = ddpgTargets(
            rewards: Tensor([[1], [0], [2]]), dones: Tensor([[0], [1], [0]]), nextQ: Tensor([[10], [5], [-1]]),
            gamma: 0.9)
        #expect(y.shape == [3, 1], "the target must be a [B, 1] column like Q, got \(y.shapeText)")
        for (got, want) in zip(y.data, [10, 0, 1.1]) { #expect(abs(got - want) < 1e-12) }
    }

    @Test("the [B,1]-vs-[B] trap: next-Q values as a [1×B] row are an error, not a B×B target")
    func rowShapedNextQIsRefused() async {
        // Had the row been broadcast, y would be 3×3 — every transition's reward paired with every
        // next state's value — and the critic loss (Q − y)² a mean over 9 wrong pairs.
        await #expect(processExitsWith: .failure) {
            _ = ddpgTargets(
                rewards: Tensor([[1], [0], [2]]), dones: Tensor([[0], [1], [0]]), nextQ: Tensor([[10, 5, -1]]),
                gamma: 0.9)
        }
    }

    @Test("the trap the other way: rewards as a [1×B] row are an error too")
    func rowShapedRewardsAreRefused() async {
        await #expect(processExitsWith: .failure) {
            _ = ddpgTargets(
                rewards: Tensor([[1, 0, 2]]), dones: Tensor([[0], [1], [0]]), nextQ: Tensor([[10], [5], [-1]]),
                gamma: 0.9)
        }
    }

    @Test("DDPG.targets uses the target networks: a target critic fixed at 5 gives y = r + 0.99(1 − d)·5")
    func learnerTargetsUseTargetCritic() {
        var config = DDPGConfig()
        config.hidden = [8]
        var rng = RNG(seed: 1)
        let agent = DDPG(observationSize: 2, actionSize: 1, config: config, replayCapacity: 4, rng: &rng)
        setConstant(agent.targetCritics[0], 5)
        setConstant(agent.critics[0], -100)  // the learned critic must not be used for targets
        // y = (1 + 4.95, 0, 2 + 4.95) = (5.95, 0, 6.95).
        let y = agent.targets(
            rewards: Tensor([[1], [0], [2]]), nextObservations: Tensor([[1, 0], [4, 0], [2, 0]]),
            dones: Tensor([[0], [1], [0]]), rng: &rng)
        #expect(y.shape == [3, 1])
        for (got, want) in zip(y.data, [5.95, 0, 6.95]) { #expect(abs(got - want) < 1e-12) }
    }

    @Test("TD3's target noise: clipped to ±c, then the action clipped to the bounds [−1, 1]")
    func smoothedActions() {
        // μ′ = (0.9, −0.2, 0, −0.95), ε = (0.7, −0.3, −0.6, −0.1), c = 0.5:
        //   clip(ε) = (0.5, −0.3, −0.5, −0.1);  μ′ + clip(ε) = (1.4, −0.5, −0.5, −1.05);
        //   clipped to [−1, 1]: (1, −0.5, −0.5, −1).
        let a = smoothedTargetActions(
            targetActions: Tensor([[0.9, -0.2], [0, -0.95]]), noise: Tensor([[0.7, -0.3], [-0.6, -0.1]]),
            noiseClip: 0.5)
        #expect(a.shape == [2, 2])
        for (got, want) in zip(a.data, [1, -0.5, -0.5, -1]) { #expect(abs(got - want) < 1e-12) }
    }

    @Test("TD3's twin minimum is taken row by row")
    func twinMinimumByRow() {
        // min((3, −1, 2), (2.5, 0, 2)) = (2.5, −1, 2): a different critic wins in each row.
        let m = twinMinimum(Tensor([[3], [-1], [2]]), Tensor([[2.5], [0], [2]]))
        #expect(m.shape == [3, 1])
        #expect(m.data == [2.5, -1, 2])
    }

    @Test("TD3 targets: y = r + γ(1 − d)·min(Q′₁, Q′₂) with Q′₁ = s₀ and Q′₂ = 2s₀ − 3")
    func td3TargetsUseTwinMinimum() {
        var config = DDPGConfig.td3
        config.hidden = [1]
        config.layerNorm = false
        config.gamma = 0.5
        var rng = RNG(seed: 2)
        let agent = DDPG(observationSize: 2, actionSize: 1, config: config, replayCapacity: 4, rng: &rng)
        setLinearInFirstFeature(agent.targetCritics[0], slope: 1, offset: 0)
        setLinearInFirstFeature(agent.targetCritics[1], slope: 2, offset: -3)
        // s′₀ = (1, 4, 2): Q′₁ = (1, 4, 2), Q′₂ = (−1, 5, 1), min = (−1, 4, 1).
        // r = (1, 0, 2), d = (0, 1, 0), γ = 0.5: y = (1 − 0.5, 0, 2 + 0.5) = (0.5, 0, 2.5).
        // (The critics ignore the action, so the smoothing noise cannot change y.)
        let y = agent.targets(
            rewards: Tensor([[1], [0], [2]]), nextObservations: Tensor([[1, 0], [4, 0], [2, 0]]),
            dones: Tensor([[0], [1], [0]]), rng: &rng)
        for (got, want) in zip(y.data, [0.5, 0, 2.5]) { #expect(abs(got - want) < 1e-12) }
    }

    @Test("TD3 targets use the smoothed target action: with Q′ = a′, y stays within μ′ ± 0.5 and [−1, 1]")
    func td3TargetsSmoothTheAction() {
        var config = DDPGConfig.td3
        config.hidden = [1]
        config.layerNorm = false
        config.gamma = 1
        config.targetPolicyNoise = 10  // so that nearly every draw is clipped at ±c
        var rng = RNG(seed: 3)
        let agent = DDPG(observationSize: 1, actionSize: 1, config: config, replayCapacity: 4, rng: &rng)
        // Q′(s, a) = relu(a + 10) − 10 = a for a ∈ [−1, 1]: first layer reads the action (input 1).
        for critic in agent.targetCritics {
            let (first, last) = (critic.network.linears[0], critic.network.linears[1])
            first.weight.data = [0, 1]
            first.bias.data = [10]
            last.weight.data = [1]
            last.bias.data = [-10]
        }
        let next = Tensor(rows: 200, cols: 1, data: (0..<200).map { Double($0) / 50 - 2 })
        let mu = Tensor.withoutGradients { agent.targetActor(next) }
        // r = 0, d = 0, γ = 1: y = min(a′, a′) = a′ = clip(μ′ + clip(ε, −0.5, 0.5), −1, 1).
        let y = agent.targets(
            rewards: Tensor.zeros(200, 1), nextObservations: next, dones: Tensor.zeros(200, 1), rng: &rng)
        var clippedAtC = 0
        for i in 0..<200 {
            let expectedHigh = min(mu.data[i] + 0.5, 1), expectedLow = max(mu.data[i] - 0.5, -1)
            #expect(y.data[i] >= expectedLow - 1e-12 && y.data[i] <= expectedHigh + 1e-12)
            if abs(y.data[i] - expectedHigh) < 1e-12 || abs(y.data[i] - expectedLow) < 1e-12 { clippedAtC += 1 }
        }
        // With σ̃ = 10, P(|ε| < 0.5) ≈ 0.04: almost all of the 200 land on a clip.
        #expect(clippedAtC > 180, "expected nearly every noisy action clipped, got \(clippedAtC) of 200")
    }
}
