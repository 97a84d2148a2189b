import Foundation

// MARK: - PPO-clip (Schulman et al. 2017; the report's §3.2)
//
// One iteration:
//
//     collect T steps in each of N environments with π_θₖ  (RolloutCollector; log π_θₖ(a|s), V(s) kept)
//     Â, R̂ = GAE(γ, λ) per environment, once (truncated sessions bootstrap from V, terminated ones do not)
//     for epoch in 1…K:
//         for each minibatch B of a fresh shuffle of the T·N rows:
//             Â_B ← (Â_B − mean Â_B) / (std Â_B + 1e-8)                     (std divides by |B| − 1)
//             r = exp(log π_θ(a|s) − log π_θₖ(a|s))
//             L_pi = −mean L(r, Â, ε)          L = min(r Â, clip(r, 1−ε, 1+ε) Â)  or  min(r Â, g(ε, Â))
//             L_V  = mean (V_φ(s) − R̂)²        (optionally V clipped to V_old ± ε_V first, as SB3)
//             L_H  = −mean H[π_θ(·|s)]
//             loss = L_pi + c_H L_H + c_V L_V
//             clip ‖∇loss‖ to max_grad_norm over all parameters; one Adam step
//             (with target_kl: stop the epochs, before the step, once mean((r − 1) − log r) > 1.5 target_kl)
//             (a non-finite loss, gradient or parameter, or a KL past `divergenceKL`: throw TrainingDiverged)
//
// References: Schulman et al. 2017, "Proximal Policy Optimization Algorithms" (arXiv:1707.06347),
// eq. 7 and Algorithm 1; Huang et al., CleanRL `ppo_continuous_action.py` (approx_kl, clipfrac,
// target_kl); Achiam, Spinning Up, "Proximal Policy Optimization" (the 1.5 × target_kl stop).
//
// The defaults are Stable-Baselines3's `PPO` with `net_arch = dict(pi=[128, 128], vf=[128, 128])`.
// This file is the update, as CleanRL's `ppo_continuous_action.py` writes it in one place; the
// config is in PPOConfig.swift, the loop collect → GAE → update in PPO+Train.swift, the logs in
// PPOLog.swift, the optimiser groups in PPOParameterGroup.swift.

/// PPO-clip over any stochastic policy (a Gaussian engine, a categorical customer), with a
/// separate value network V_φ.
///
///     var rng = RNG(seed: 0)
///     let ppo = PPO(config: PPOConfig(), observationSize: 91, actionSize: 27, rng: &rng)
///     var collector = RolloutCollector(environments: [TaobaoWorld()], seed: 1)
///     let logs = try ppo.train(collector: &collector, iterations: 10, rng: &rng) { log in print(log.averageEpRet) }
public final class PPO<Policy: StochasticPolicy> {
    public let config: PPOConfig
    /// π_θ.
    public let policy: Policy
    /// V_φ (an MLP with one output).
    public let value: MLP
    /// The parameter groups and their optimisers (see `PPOParameterGroup`).
    public let groups: [PPOParameterGroup]
    /// Minibatch updates done so far (the u of `PPOParameterGroup.isStepped`).
    public private(set) var updates = 0
    /// Update phases (iterations) begun so far: 1 during the first.
    public private(set) var iterations = 0
    /// Every parameter of the actor and the critic, named (what the gradient clip and the
    /// divergence check see).
    private let namedParameters: [(name: String, tensor: Tensor)]

    /// PPO over a given policy and value network. `groups` defaults to one Adam (lr, ε from the
    /// config) over all their parameters.
    public init(config: PPOConfig, policy: Policy, value: MLP, groups: [PPOParameterGroup]? = nil) {
        precondition(value.sizes.last == 1, "PPO: the value network must have one output, got \(value.sizes)")
        self.config = config
        self.policy = policy
        self.value = value
        namedParameters = policy.namedParameters + value.namedParameters(prefixedBy: "value")
        let all = namedParameters.map(\.tensor)
        self.groups =
            groups ?? [
                PPOParameterGroup(
                    name: "actor and critic",
                    optimizer: Adam(parameters: all, learningRate: config.learningRate, epsilon: config.adamEpsilon))
            ]
    }

    /// K epochs of minibatch updates on one rollout, given its GAE advantages Â and value targets
    /// R̂ (the inner loop of the comment at the top). Throws `TrainingDiverged` at the first
    /// non-finite loss, gradient or parameter, or a KL above `config.divergenceKL`.
    public func update(
        rollout: Rollout, advantages: [Double], returns: [Double], rng: inout RNG
    ) throws(TrainingDiverged) -> PPOUpdateStats {
        iterations += 1
        let check = DivergenceCheck(algorithm: "PPO", iteration: iterations)
        let n = rollout.count
        let batch = min(config.minibatchSize, n)
        var stats = PPOUpdateStats()
        var order = Array(0..<n)
        epochs: for _ in 0..<config.epochs {
            shuffle(&order, rng: &rng)
            for start in stride(from: 0, to: n, by: batch) {
                let rows = Array(order[start..<min(start + batch, n)])
                if rows.count < 2 { continue }  // SB3 skips a last minibatch of one row (its std is undefined)
                guard let minibatch = try minibatchUpdate(rows, rollout, advantages, returns, check) else {
                    stats.stoppedEarly = true
                    break epochs
                }
                stats.add(minibatch)
            }
        }
        return stats.averaged()
    }

    /// One minibatch: forward the actor and the critic once, the loss, backward, clip, step the
    /// groups due. Returns nil, without a step, when the KL passes 1.5 × `config.targetKL`.
    private func minibatchUpdate(
        _ rows: [Int], _ rollout: Rollout, _ advantages: [Double], _ returns: [Double], _ check: DivergenceCheck
    ) throws(TrainingDiverged) -> PPOMinibatchStats? {
        let b = rows.count
        let observations = rollout.observations.gatherRows(rows)
        let oldLogProbs = Tensor(rows: b, cols: 1, data: rows.map { rollout.logProbs[$0] })
        var minibatchAdvantages = rows.map { advantages[$0] }
        if config.normalizeAdvantages { minibatchAdvantages = normalizedAdvantages(minibatchAdvantages) }
        let advantageTensor = Tensor(rows: b, cols: 1, data: minibatchAdvantages)

        for (_, p) in namedParameters { p.zeroGrad() }
        let distribution = policy.distribution(observations)
        let actions = distribution.value(of: rollout.actions.gatherRows(rows))
        let logRatio = distribution.logProb(actions) - oldLogProbs
        let ratio = logRatio.exp()
        // Approximate KL(π_θₖ ‖ π_θ) = mean((r − 1) − log r) (Schulman's k3; CleanRL's approx_kl),
        // and the share of clipped ratios, from the ratios just computed.
        let kl = zip(ratio.data, logRatio.data).reduce(0) { $0 + (($1.0 - 1) - $1.1) } / Double(b)
        let clipFraction = Double(ratio.data.filter { Swift.abs($0 - 1) > config.clipEpsilon }.count) / Double(b)
        try check.finite(kl, "the approximate KL")
        if kl > config.divergenceKL {
            throw TrainingDiverged(
                algorithm: "PPO", iteration: check.iteration,
                quantity: "the approximate KL (above the divergence bound \(config.divergenceKL))", value: kl)
        }
        if let targetKL = config.targetKL, kl > 1.5 * targetKL { return nil }

        let lossPi = -config.surrogate.function(ratio, advantageTensor, config.clipEpsilon).mean()
        var predicted = value(observations)
        if let clip = config.valueClip {
            let oldValues = Tensor(rows: b, cols: 1, data: rows.map { rollout.values[$0] })
            predicted = oldValues + (predicted - oldValues).clamped(-clip, clip)
        }
        let lossV = (predicted - Tensor(rows: b, cols: 1, data: rows.map { returns[$0] })).square().mean()
        let entropy = distribution.entropy().mean()
        let loss = lossPi - config.entropyCoefficient * entropy + config.valueCoefficient * lossV
        try check.finite(lossPi.scalar, "the policy loss")
        try check.finite(lossV.scalar, "the value loss")
        try check.finite(entropy.scalar, "the entropy")

        loss.backward()
        try check.finiteGradients(of: namedParameters)
        let gradNorm = clipGradientNorm(namedParameters.map(\.tensor), maxNorm: config.maxGradNorm)
        for group in groups where group.isStepped(updates) { group.optimizer.step() }
        updates += 1
        try check.finiteParameters(namedParameters)
        return PPOMinibatchStats(
            lossPi: lossPi.scalar, lossV: lossV.scalar, entropy: entropy.scalar, kl: kl, clipFrac: clipFraction,
            gradNorm: gradNorm)
    }
}

/// Fisher–Yates shuffle with the course's generator (a fresh permutation of the rollout per epoch).
private func shuffle(_ values: inout [Int], rng: inout RNG) {
    guard values.count > 1 else { return }
    for i in stride(from: values.count - 1, to: 0, by: -1) {
        values.swapAt(i, rng.int(below: i + 1))
    }
}
