/// PPO's hyperparameters. The defaults are Stable-Baselines3's `PPO` (v2.x), with 2×128 tanh
/// networks (the report's width) in place of SB3's default 2×64.
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
    /// Hidden layer sizes of the actor and of the (separate) critic (2×128; SB3's own
    /// default is [64, 64]). tanh activations, orthogonal init, as SB3 and CleanRL.
    public var hiddenSizes = [128, 128]
    /// log σ at the start (SB3 `log_std_init` = 0).
    public var initialLogStd = 0.0
    /// Which form of L (`minClip` or `simplified`; they give the same update).
    public var surrogate = PPOSurrogate.minClip
    /// Early stop on the KL (SB3's and Spinning Up's `target_kl`; default `None`, off): the update
    /// phase of an iteration ends, without a step, at the first minibatch whose approximate
    /// KL(π_θₖ ‖ π_θ) exceeds 1.5 × `targetKL` (Spinning Up's 1.5; CleanRL tests the plain
    /// `target_kl` once per epoch instead). Spinning Up's default is 0.01.
    public var targetKL: Double? = nil
    /// A minibatch whose approximate KL(π_θₖ ‖ π_θ) exceeds this many nats means training has
    /// diverged (`TrainingDiverged`): the policy has left the one that collected the data so far
    /// that the ratios r are meaningless. PPO's KLs are ≈ 0.01–0.1 (ch05's preset: ≤ 0.12); a
    /// learning rate of 0.99 without a gradient clip gives 3·10⁹ in the first iteration and stays
    /// finite, so the test for ±∞ and NaN alone does not catch it.
    public var divergenceKL = 1000.0

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
        if let targetKL { try check(targetKL > 0, "the target KL must be positive, got \(targetKL)") }
        try check(divergenceKL > 0, "the divergence KL must be positive, got \(divergenceKL)")
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
