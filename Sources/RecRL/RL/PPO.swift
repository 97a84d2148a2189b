import Foundation

// MARK: - PPO-clip (Schulman et al. 2017; the report's §3.2)
//
// One iteration:
//
//     collect T steps in each of N environments with π_θₖ  (RolloutCollector; log π_θₖ(a|s), V(s) kept)
//     Â, R̂ = GAE(γ, λ) per environment      (truncated sessions bootstrap from V, terminated ones do not)
//     for epoch in 1…K:
//         for each minibatch B of a fresh shuffle of the T·N rows:
//             Â_B ← (Â_B − mean Â_B) / (std Â_B + 1e-8)                     (std divides by |B| − 1)
//             r = exp(log π_θ(a|s) − log π_θₖ(a|s))
//             L_pi = −mean L(r, Â, ε)          L = min(r Â, clip(r, 1−ε, 1+ε) Â)  or  min(r Â, g(ε, Â))
//             L_V  = mean (V_φ(s) − R̂)²        (optionally V clipped to V_old ± ε_V first, as SB3)
//             L_H  = −mean H[π_θ(·|s)]
//             loss = L_pi + c_H L_H + c_V L_V
//             clip ‖∇loss‖ to max_grad_norm over all parameters; one Adam step
//
// The defaults are Stable-Baselines3's `PPO` with `net_arch = dict(pi=[128, 128], vf=[128, 128])`.

/// Which of the report's two (equal) forms of PPO's per-sample objective L to use.
public struct PPOSurrogate: Sendable {
    /// A short name for tables and logs.
    public let name: String
    /// L per sample from (ratio [B×1] differentiable, advantages [B×1] constants, ε) → [B×1].
    public let function: @Sendable (_ ratio: Tensor, _ advantages: Tensor, _ epsilon: Double) -> Tensor

    public init(name: String, function: @escaping @Sendable (Tensor, Tensor, Double) -> Tensor) {
        self.name = name
        self.function = function
    }

    /// min(r A, clip(r, 1 − ε, 1 + ε) A) — `clippedSurrogate`, the paper's eq. 7.
    public static let minClip = PPOSurrogate(name: "min/clip") {
        clippedSurrogate(ratio: $0, advantages: $1, epsilon: $2)
    }
    /// min(r A, g(ε, A)) — `clippedSurrogateSimplified`, Spinning Up's form.
    public static let simplified = PPOSurrogate(name: "g(ε, A)") {
        clippedSurrogateSimplified(ratio: $0, advantages: $1, epsilon: $2)
    }
}

/// PPO's hyperparameters. The defaults are Stable-Baselines3's `PPO` (v2.x), with the 2×128 tanh
/// networks of the SB3 comparison in place of SB3's default 2×64.
public struct PPOConfig: Sendable {
    /// T, steps each environment takes per iteration (SB3 `n_steps` = 2048).
    public var stepsPerEnvironment = 2048
    /// N, environments stepped in lockstep (SB3 `n_envs`; the comparison runs 1). A rollout has T·N rows.
    public var environmentCount = 1
    /// Rows per minibatch (SB3 `batch_size` = 64).
    public var minibatchSize = 64
    /// K, passes over the rollout per iteration (SB3 `n_epochs` = 10).
    public var epochs = 10
    /// Adam's learning rate (SB3 `learning_rate` = 3e-4).
    public var learningRate = 3e-4
    /// Anneal the learning rate linearly to 0 over the run (CleanRL's `anneal_lr`; SB3's default is a
    /// constant rate, so off).
    public var annealLearningRate = false
    /// Adam's ε (SB3's `ActorCriticPolicy` and CleanRL both pass 1e-5, not PyTorch's 1e-8).
    public var adamEpsilon = 1e-5
    /// γ, the discount (SB3 `gamma` = 0.99).
    public var gamma = 0.99
    /// λ of GAE (SB3 `gae_lambda` = 0.95).
    public var lambda = 0.95
    /// ε, the clip range of the ratio (SB3 `clip_range` = 0.2; the report's ε).
    public var clipEpsilon = 0.2
    /// ε_V: if set, V is clipped to V_old ± ε_V before the squared error, as SB3's `clip_range_vf`
    /// (default `None`: no clipping).
    public var valueClip: Double? = nil
    /// c_H, the entropy bonus's weight (SB3 `ent_coef` = 0).
    public var entropyCoefficient = 0.0
    /// c_V, the value loss's weight (SB3 `vf_coef` = 0.5; SB3's value loss is the plain mean squared
    /// error, without CleanRL's extra ½).
    public var valueCoefficient = 0.5
    /// The global gradient norm is clipped to this (SB3 `max_grad_norm` = 0.5).
    public var maxGradNorm = 0.5
    /// Normalise the advantages in each minibatch to mean 0, std 1 (SB3 `normalize_advantage` = True).
    /// The std is PyTorch's `Tensor.std()`, which divides by n − 1, plus 1e-8 — as SB3 and CleanRL.
    public var normalizeAdvantages = true
    /// Hidden layer sizes of the actor and of the (separate) critic (the 2×128; SB3's own
    /// default is [64, 64]). tanh activations, orthogonal init, as SB3 and CleanRL.
    public var hiddenSizes = [128, 128]
    /// log σ at the start (SB3 `log_std_init` = 0).
    public var initialLogStd = 0.0
    /// Which form of L (`minClip` or `simplified`; they give the same update).
    public var surrogate = PPOSurrogate.minClip

    public init() {}

    /// Rows in one rollout, T·N.
    public var rolloutSize: Int { stepsPerEnvironment * environmentCount }

    /// Checks every field; the message names the field and the value.
    public func validate() throws(PPOConfigError) {
        func check(_ ok: Bool, _ message: String) throws(PPOConfigError) {
            if !ok { throw PPOConfigError(message: message) }
        }
        try check(stepsPerEnvironment > 0, "n-steps must be positive, got \(stepsPerEnvironment)")
        try check(environmentCount > 0, "the number of environments must be positive, got \(environmentCount)")
        try check(
            minibatchSize >= 2 && minibatchSize <= rolloutSize,
            "the minibatch size must be in 2…\(rolloutSize) (n-steps × environments), got \(minibatchSize)")
        try check(epochs > 0, "epochs must be positive, got \(epochs)")
        try check(learningRate > 0 && learningRate < 1, "the learning rate must be in (0, 1), got \(learningRate)")
        try check(adamEpsilon > 0, "Adam's ε must be positive, got \(adamEpsilon)")
        try check(gamma > 0 && gamma <= 1, "γ must be in (0, 1], got \(gamma)")
        try check(lambda >= 0 && lambda <= 1, "λ must be in [0, 1], got \(lambda)")
        try check(clipEpsilon > 0 && clipEpsilon < 1, "the clip range ε must be in (0, 1), got \(clipEpsilon)")
        if let valueClip { try check(valueClip > 0, "the value clip must be positive, got \(valueClip)") }
        try check(entropyCoefficient >= 0, "the entropy coefficient must be ≥ 0, got \(entropyCoefficient)")
        try check(valueCoefficient > 0, "the value coefficient must be positive, got \(valueCoefficient)")
        try check(maxGradNorm > 0, "the max gradient norm must be positive, got \(maxGradNorm)")
        try check(
            !hiddenSizes.isEmpty && hiddenSizes.allSatisfy { $0 > 0 },
            "hidden sizes must be positive, got \(hiddenSizes)")
    }
}

extension PPOConfig {
    /// The course's PPO setting for TaobaoWorld (chapters 5 and 6), measured against SB3's defaults
    /// in chapter 5: 8 customers stepped in lockstep × 256 steps (the same 2,048-row rollout, one
    /// batched forward for 8 customers), 4 epochs of minibatches of 256 with learning rate 1e-3
    /// (fewer, larger updates: the same score per step in a fraction of the time), and a short
    /// horizon, γ = 0.3 and λ = 0.5: a page's ranking mostly pays on that page, and a long horizon
    /// only adds the noise of later pages' clicks to each advantage (γ = λ = 0.9 gave 0.65 at the
    /// default budget and 0.73 with `--full`; γ = 0.3, λ = 0.5 gives 0.78 and 0.82, seeds 0–2).
    /// The learning rate is annealed linearly to 0 (CleanRL's `anneal_lr`) and σ starts at e⁻¹ ≈ 0.37
    /// (log σ₀ = −1; SB3's 0 scored 0.71 vs 0.78 at the default budget).
    public static var taobaoWorld: PPOConfig {
        var config = PPOConfig()
        config.environmentCount = 8
        config.stepsPerEnvironment = 256
        config.minibatchSize = 256
        config.epochs = 4
        config.learningRate = 1e-3
        config.gamma = 0.3
        config.lambda = 0.5
        config.annealLearningRate = true
        config.initialLogStd = -1
        return config
    }
}

/// A bad `PPOConfig` field.
public struct PPOConfigError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// One set of parameters with the optimiser that updates them — PPO's extension point.
///
/// By default PPO has one group: Adam over the actor's and the critic's parameters, stepped on
/// every minibatch (SB3's single optimiser). A learner that updates parts of its network on
/// different schedules — ch06's split-feature actor, whose dynamic tower is updated 100× as often
/// as its static one — passes several groups, each with its own `isStepped(update)`: after each
/// minibatch's backward pass and the global gradient clip, PPO steps exactly the groups for which
/// `isStepped(u)` is true, where u = 0, 1, 2, … counts minibatch updates over the whole run. A
/// group not stepped keeps its gradients out: they are zeroed with everything else before the next
/// minibatch. With `annealLearningRate` every group's rate is its `baseLearningRate` × the same
/// linear factor.
public struct PPOParameterGroup {
    /// A name for logs ("actor", "static tower", …).
    public var name: String
    /// The optimiser over this group's parameters.
    public var optimizer: any Optimizer
    /// The rate the annealing scales (the optimiser's rate at the start).
    public var baseLearningRate: Double
    /// Whether to step this group on minibatch update u (0, 1, 2, … over the whole run).
    public var isStepped: (_ update: Int) -> Bool

    public init(
        name: String, optimizer: any Optimizer, isStepped: @escaping (_ update: Int) -> Bool = { _ in true }
    ) {
        self.name = name
        self.optimizer = optimizer
        self.baseLearningRate = optimizer.learningRate
        self.isStepped = isStepped
    }
}

/// What one PPO iteration did, with Spinning Up's logger column names.
public struct PPOIterationLog: Sendable {
    /// 1, 2, … (Spinning Up's `Epoch`).
    public var iteration: Int
    /// Environment steps so far, over all environments (`TotalEnvInteracts`).
    public var totalEnvInteracts: Int
    /// Mean undiscounted return of the sessions that ended in this rollout (NaN if none did).
    public var averageEpRet: Double
    /// Their standard deviation.
    public var stdEpRet: Double
    /// Their mean length in pages (`EpLen`).
    public var epLen: Double
    /// Sessions that ended in this rollout.
    public var episodes: Int
    /// Pooled CTR of the rollout (clicks / 10 per page) under the stochastic policy.
    public var ctr: Double
    /// Mean V(s) over the rollout (`AverageVVals`).
    public var averageVVals: Double
    /// Mean policy loss −L over all minibatches (`LossPi`).
    public var lossPi: Double
    /// Mean value loss over all minibatches (`LossV`).
    public var lossV: Double
    /// Mean entropy of π over all minibatches (`Entropy`).
    public var entropy: Double
    /// Mean approximate KL(π_θₖ ‖ π_θ), ((r − 1) − log r), over all minibatches (`KL`; CleanRL's
    /// `approx_kl`, Schulman's k3 estimator).
    public var kl: Double
    /// Fraction of samples with |r − 1| > ε, over all minibatches (`ClipFrac`).
    public var clipFrac: Double
    /// The fraction of the return's variance the value explains before the update,
    /// 1 − Var(R̂ − V)/Var(R̂) (SB3's `explained_variance`).
    public var explainedVariance: Double
    /// The learning rate used in this iteration (`LR`).
    public var learningRate: Double
    /// The global gradient norm before clipping, mean over minibatches.
    public var gradNorm: Double
    /// Seconds since training started (`Time`).
    public var time: Double
}

/// The statistics of one optimisation phase (K epochs over one rollout).
public struct PPOUpdateStats: Sendable {
    public var lossPi = 0.0
    public var lossV = 0.0
    public var entropy = 0.0
    public var kl = 0.0
    public var clipFrac = 0.0
    public var gradNorm = 0.0
    /// Minibatch updates done.
    public var minibatches = 0
}

/// PPO-clip with a Gaussian policy and a separate value network.
///
///     var rng = RNG(seed: 0)
///     let ppo = PPO(config: PPOConfig(), observationSize: 91, actionSize: 27, rng: &rng)
///     var collector = RolloutCollector(environments: [TaobaoWorld()], seed: 1)
///     let logs = ppo.train(collector: &collector, iterations: 10, rng: &rng) { log in print(log.averageEpRet) }
public final class PPO<Policy: GaussianPolicy> {
    public let config: PPOConfig
    /// π_θ.
    public let policy: Policy
    /// V_φ (an MLP with one output).
    public let value: MLP
    /// The parameter groups and their optimisers (see `PPOParameterGroup`).
    public let groups: [PPOParameterGroup]
    /// Minibatch updates done so far (the u of `PPOParameterGroup.isStepped`).
    public private(set) var updates = 0
    /// Every parameter of the actor and the critic (what the gradient clip sees).
    private let allParameters: [Tensor]

    /// PPO over a given policy and value network. `groups` defaults to one Adam (lr, ε from the
    /// config) over all their parameters.
    public init(config: PPOConfig, policy: Policy, value: MLP, groups: [PPOParameterGroup]? = nil) {
        precondition(value.sizes.last == 1, "PPO: the value network must have one output, got \(value.sizes)")
        self.config = config
        self.policy = policy
        self.value = value
        allParameters = policy.parameters + value.parameters
        self.groups =
            groups ?? [
                PPOParameterGroup(
                    name: "actor and critic",
                    optimizer: Adam(
                        parameters: policy.parameters + value.parameters, learningRate: config.learningRate,
                        epsilon: config.adamEpsilon))
            ]
    }

    /// Sets every group's learning rate to its base rate × `fraction` (LR annealing).
    public func scaleLearningRates(by fraction: Double) {
        for group in groups { group.optimizer.learningRate = group.baseLearningRate * fraction }
    }

    /// K epochs of minibatch updates on one rollout (the inner loop of the comment at the top).
    public func update(rollout: Rollout, rng: inout RNG) -> PPOUpdateStats {
        let (advantages, returns) = rollout.advantages(gamma: config.gamma, lambda: config.lambda)
        let n = rollout.count
        let batch = min(config.minibatchSize, n)
        var stats = PPOUpdateStats()
        var order = Array(0..<n)
        for _ in 0..<config.epochs {
            shuffle(&order, rng: &rng)
            var start = 0
            while start < n {
                let rows = Array(order[start..<min(start + batch, n)])
                start += batch
                // SB3 skips a last minibatch of one row (its std is undefined); so do we.
                if rows.count < 2 { continue }
                let s = minibatchStats(
                    rows: rows, rollout: rollout, advantages: advantages, returns: returns)
                stats.lossPi += s.lossPi
                stats.lossV += s.lossV
                stats.entropy += s.entropy
                stats.kl += s.kl
                stats.clipFrac += s.clipFrac
                stats.gradNorm += s.gradNorm
                stats.minibatches += 1
            }
        }
        let m = Double(max(stats.minibatches, 1))
        stats.lossPi /= m
        stats.lossV /= m
        stats.entropy /= m
        stats.kl /= m
        stats.clipFrac /= m
        stats.gradNorm /= m
        return stats
    }

    /// One minibatch: forward the actor and the critic once on the rows, the loss, backward, clip,
    /// step the groups due. Returns the minibatch's statistics.
    private func minibatchStats(
        rows: [Int], rollout: Rollout, advantages: [Double], returns: [Double]
    ) -> (lossPi: Double, lossV: Double, entropy: Double, kl: Double, clipFrac: Double, gradNorm: Double) {
        let b = rows.count
        let observations = rollout.observations.gatherRows(rows)
        let actions = rollout.actions.gatherRows(rows)
        let oldLogProbs = Tensor(rows: b, cols: 1, data: rows.map { rollout.logProbs[$0] })
        var minibatchAdvantages = rows.map { advantages[$0] }
        if config.normalizeAdvantages { minibatchAdvantages = normalizedAdvantages(minibatchAdvantages) }
        let advantageTensor = Tensor(rows: b, cols: 1, data: minibatchAdvantages)
        let returnTensor = Tensor(rows: b, cols: 1, data: rows.map { returns[$0] })

        for p in allParameters { p.zeroGrad() }
        let distribution = policy.distribution(observations)
        let logRatio = distribution.logProb(actions) - oldLogProbs
        let ratio = logRatio.exp()
        let lossPi = -config.surrogate.function(ratio, advantageTensor, config.clipEpsilon).mean()

        var predicted = value(observations)
        if let clip = config.valueClip {
            let oldValues = Tensor(rows: b, cols: 1, data: rows.map { rollout.values[$0] })
            predicted = oldValues + (predicted - oldValues).clamped(-clip, clip)
        }
        let lossV = (predicted - returnTensor).square().mean()
        let entropy = distribution.entropy().mean()
        let loss = lossPi - config.entropyCoefficient * entropy + config.valueCoefficient * lossV
        loss.backward()
        let gradNorm = clipGradientNorm(allParameters, maxNorm: config.maxGradNorm)
        for group in groups where group.isStepped(updates) { group.optimizer.step() }
        updates += 1

        // Diagnostics from the ratios already computed (no second forward pass).
        var kl = 0.0
        var clipped = 0
        for (r, logR) in zip(ratio.data, logRatio.data) {
            kl += (r - 1) - logR
            if Swift.abs(r - 1) > config.clipEpsilon { clipped += 1 }
        }
        return (lossPi.scalar, lossV.scalar, entropy.scalar, kl / Double(b), Double(clipped) / Double(b), gradNorm)
    }

    /// Runs `iterations` iterations of collect → GAE → update, calling `onIteration` after each
    /// (for a progress line or an evaluation), and returns the logs: the learning curve.
    public func train<Env: Environment>(
        collector: inout RolloutCollector<Env>, iterations: Int, rng: inout RNG,
        onIteration: (PPOIterationLog) -> Void = { _ in }
    ) -> [PPOIterationLog] {
        precondition(iterations > 0, "PPO.train needs iterations > 0, got \(iterations)")
        precondition(
            collector.environments.count == config.environmentCount,
            "PPO.train: the config asks for \(config.environmentCount) environments, the collector has "
                + "\(collector.environments.count)")
        let schedule = LinearSchedule(start: 1, end: 0, steps: iterations)
        let start = ProgressLine.monotonicSeconds()
        var logs: [PPOIterationLog] = []
        var interactions = 0
        for iteration in 1...iterations {
            let fraction = config.annealLearningRate ? schedule.value(at: iteration - 1) : 1
            scaleLearningRates(by: fraction)
            let rollout = collector.collect(steps: config.stepsPerEnvironment, policy: policy, value: value, rng: &rng)
            interactions += rollout.count
            let stats = update(rollout: rollout, rng: &rng)
            let log = PPO.log(
                iteration: iteration, interactions: interactions, rollout: rollout, stats: stats,
                explainedVariance: explainedVariance(rollout), learningRate: groups[0].optimizer.learningRate,
                time: ProgressLine.monotonicSeconds() - start)
            logs.append(log)
            onIteration(log)
        }
        return logs
    }

    /// 1 − Var(R̂ − V)/Var(R̂) on the rollout, with the advantages of the policy that collected it.
    private func explainedVariance(_ rollout: Rollout) -> Double {
        let returns = rollout.advantages(gamma: config.gamma, lambda: config.lambda).returns
        let residuals = zip(returns, rollout.values).map { $0 - $1 }
        let total = variance(returns)
        return total == 0 ? .nan : 1 - variance(residuals) / total
    }

    private static func log(
        iteration: Int, interactions: Int, rollout: Rollout, stats: PPOUpdateStats, explainedVariance: Double,
        learningRate: Double, time: Double
    ) -> PPOIterationLog {
        let returns = rollout.finishedEpisodes.map(\.totalReward)
        let lengths = rollout.finishedEpisodes.map { Double($0.length) }
        return PPOIterationLog(
            iteration: iteration, totalEnvInteracts: interactions,
            averageEpRet: returns.isEmpty ? .nan : returns.reduce(0, +) / Double(returns.count),
            stdEpRet: returns.isEmpty ? .nan : variance(returns, unbiased: false).squareRoot(),
            epLen: lengths.isEmpty ? .nan : lengths.reduce(0, +) / Double(lengths.count),
            episodes: returns.count, ctr: rollout.metrics.ctr,
            averageVVals: rollout.values.reduce(0, +) / Double(max(rollout.count, 1)),
            lossPi: stats.lossPi, lossV: stats.lossV, entropy: stats.entropy, kl: stats.kl,
            clipFrac: stats.clipFrac, explainedVariance: explainedVariance, learningRate: learningRate,
            gradNorm: stats.gradNorm, time: time)
    }
}

extension PPO where Policy == MLPGaussianPolicy {
    /// PPO with SB3's networks: an `MLPGaussianPolicy` and a separate value MLP, both
    /// observation → `config.hiddenSizes` (tanh) → output, initialised as CleanRL (actor first).
    public convenience init(config: PPOConfig, observationSize: Int, actionSize: Int, rng: inout RNG) {
        let policy = MLPGaussianPolicy(
            sizes: [observationSize] + config.hiddenSizes + [actionSize], initialLogStd: config.initialLogStd, rng: &rng
        )
        let value = valueNetwork(sizes: [observationSize] + config.hiddenSizes + [1], rng: &rng)
        self.init(config: config, policy: policy, value: value)
    }
}

/// Advantages scaled to mean 0 and std 1 within a minibatch, as SB3 and CleanRL:
///
///     Â ← (Â − mean Â) / (std Â + 1e-8),     std² = Σ (Â − mean)² / (n − 1)
///
/// (PyTorch's `Tensor.std()` is the unbiased, n − 1 estimate.) Needs n ≥ 2.
public func normalizedAdvantages(_ advantages: [Double]) -> [Double] {
    precondition(advantages.count >= 2, "normalizedAdvantages needs at least 2 values, got \(advantages.count)")
    let mean = advantages.reduce(0, +) / Double(advantages.count)
    let std = variance(advantages, unbiased: true).squareRoot()
    return advantages.map { ($0 - mean) / (std + 1e-8) }
}

/// The variance of `values`: Σ (x − mean)² / n, or / (n − 1) when `unbiased`.
private func variance(_ values: [Double], unbiased: Bool = false) -> Double {
    guard values.count > (unbiased ? 1 : 0) else { return 0 }
    let mean = values.reduce(0, +) / Double(values.count)
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return squares / Double(values.count - (unbiased ? 1 : 0))
}

/// Fisher–Yates shuffle with the course's generator (a fresh permutation of the rollout per epoch).
private func shuffle(_ values: inout [Int], rng: inout RNG) {
    guard values.count > 1 else { return }
    for i in stride(from: values.count - 1, to: 0, by: -1) {
        values.swapAt(i, rng.int(below: i + 1))
    }
}
