/// TRPO's hyperparameters. The defaults are sb3-contrib's `TRPO` (v2.x), each field naming its
/// source (and Spinning Up's value where it differs), with 2×128 tanh networks as the course's PPO.
public struct TRPOConfig: Sendable {
    /// T, steps each environment takes per iteration (sb3-contrib `n_steps` = 2048; Spinning Up
    /// `steps_per_epoch` = 4000).
    public var stepsPerEnvironment = 2048
    /// N, environments stepped in lockstep (sb3-contrib `n_envs` = 1). A rollout has T·N rows.
    public var environmentCount = 1
    /// δ, the bound on the mean KL(π_θₖ ‖ π_θ) of one update, eq. 1 (sb3-contrib `target_kl` = 0.01,
    /// Spinning Up `delta` = 0.01).
    public var maxKL = 0.01
    /// Conjugate-gradient iterations for x ≈ F⁻¹g (sb3-contrib `cg_max_steps` = 15; Spinning Up
    /// `cg_iters` = 10).
    public var cgIterations = 15
    /// λ of the damped Fisher F + λI (sb3-contrib `cg_damping` = 0.1, Spinning Up `damping_coeff` = 0.1).
    public var cgDamping = 0.1
    /// Conjugate gradient stops once ‖r‖² falls below this (sb3-contrib's `residual_tol` = 1e-10).
    public var cgResidualTolerance = 1e-10
    /// The line search shrinks a rejected step by this (sb3-contrib `line_search_shrinking_factor`
    /// = 0.8, Spinning Up `backtrack_coeff` = 0.8).
    public var lineSearchShrinkFactor = 0.8
    /// Steps the line search tries (sb3-contrib `line_search_max_iter` = 10, Spinning Up
    /// `backtrack_iters` = 10).
    public var lineSearchMaxSteps = 10
    /// The Fisher-vector products use every k-th row of the rollout (Schulman 2016, PhD thesis,
    /// pp. 40–42, as sb3-contrib cites it: F from a fraction of the batch costs that fraction); g and the
    /// line search always use every row. 1 (every row) is sb3-contrib's default
    /// `sub_sampling_factor` = 1 (which thins the whole policy step, not F alone). Measured in
    /// TaobaoWorld (`taobaoWorld`, 102,400 steps, seeds 0–2, debug build): k = 1 scores 0.72 / 0.70 /
    /// 0.70 in 55–60 s, k = 4 0.71 / 0.65 / 0.67 in 27–40 s, k = 8 0.64 / 0.65 / 0.66 in 22–30 s; kept at 1.
    public var fisherSubsampling = 1
    /// h of the central difference in the Fisher-vector product (ours; see `FisherVectorProduct`).
    public var fisherDifferenceStep = 1e-5
    /// Adam's learning rate for the value network (sb3-contrib `learning_rate` = 1e-3, Spinning Up
    /// `vf_lr` = 1e-3).
    public var valueLearningRate = 1e-3
    /// Adam's ε for the value network (SB3's policies pass 1e-5).
    public var adamEpsilon = 1e-5
    /// Passes over the rollout fitting V per iteration (sb3-contrib `n_critic_updates` = 10; Spinning
    /// Up takes `train_v_iters` = 80 full-batch steps instead).
    public var valueEpochs = 10
    /// Rows per value minibatch (sb3-contrib `batch_size` = 128).
    public var valueMinibatchSize = 128
    /// γ, the discount (sb3-contrib `gamma` = 0.99, Spinning Up 0.99).
    public var gamma = 0.99
    /// λ of GAE (sb3-contrib `gae_lambda` = 0.95; Spinning Up `lam` = 0.97).
    public var lambda = 0.95
    /// Scale the rollout's advantages to mean 0, std 1 (unbiased std, + 1e-8) before the update
    /// (sb3-contrib `normalize_advantage` = True; Spinning Up always does).
    public var normalizeAdvantages = true
    /// Hidden layer sizes of the policy and of the (separate) value network (the course's 2×128;
    /// sb3-contrib's default is [64, 64]). tanh, orthogonal init, as PPO.
    public var hiddenSizes = [128, 128]
    /// log σ at the start (SB3 `log_std_init` = 0).
    public var initialLogStd = 0.0

    public init() {}

    /// Rows in one rollout, T·N.
    public var rolloutSize: Int { stepsPerEnvironment * environmentCount }

    /// The line search these fields describe.
    public var lineSearch: TrustRegionLineSearch {
        TrustRegionLineSearch(maxKL: maxKL, shrinkFactor: lineSearchShrinkFactor, maxSteps: lineSearchMaxSteps)
    }

    /// Checks every field; the message names the field and the value.
    public func validate() throws(TRPOConfigError) {
        func check(_ ok: Bool, _ message: String) throws(TRPOConfigError) {
            if !ok { throw TRPOConfigError(message: message) }
        }
        try check(stepsPerEnvironment > 0, "n-steps must be positive, got \(stepsPerEnvironment)")
        try check(environmentCount > 0, "the number of environments must be positive, got \(environmentCount)")
        try check(rolloutSize >= 2, "a rollout needs at least 2 rows (advantage normalisation), got \(rolloutSize)")
        try check(maxKL > 0, "the KL bound δ must be positive, got \(maxKL)")
        try check(cgIterations > 0, "conjugate-gradient iterations must be positive, got \(cgIterations)")
        try check(cgDamping >= 0, "the damping must be ≥ 0, got \(cgDamping)")
        try check(
            lineSearchShrinkFactor > 0 && lineSearchShrinkFactor < 1,
            "the line-search shrink factor must be in (0, 1), got \(lineSearchShrinkFactor)")
        try check(lineSearchMaxSteps > 0, "line-search steps must be positive, got \(lineSearchMaxSteps)")
        try check(
            fisherSubsampling >= 1 && fisherSubsampling <= rolloutSize / 2,
            "the Fisher subsampling must be in 1…\(rolloutSize / 2), got \(fisherSubsampling)")
        try check(fisherDifferenceStep > 0, "the difference step must be positive, got \(fisherDifferenceStep)")
        try check(
            valueLearningRate > 0 && valueLearningRate < 1,
            "the value learning rate must be in (0, 1), got \(valueLearningRate)")
        try check(valueEpochs > 0, "value epochs must be positive, got \(valueEpochs)")
        try check(valueMinibatchSize >= 1, "the value minibatch size must be positive, got \(valueMinibatchSize)")
        try check(gamma > 0 && gamma <= 1, "γ must be in (0, 1], got \(gamma)")
        try check(lambda >= 0 && lambda <= 1, "λ must be in [0, 1], got \(lambda)")
        try check(
            !hiddenSizes.isEmpty && hiddenSizes.allSatisfy { $0 > 0 },
            "hidden sizes must be positive, got \(hiddenSizes)")
    }
}

extension TRPOConfig {
    /// The course's TRPO setting for TaobaoWorld: PPO's (`PPOConfig.taobaoWorld`) rollout and
    /// horizon — 8 customers in lockstep × 256 steps, γ = 0.3, λ = 0.5, σ₀ = e⁻¹ — with
    /// sb3-contrib's trust region and critic.
    public static var taobaoWorld: TRPOConfig {
        var config = TRPOConfig()
        config.environmentCount = 8
        config.stepsPerEnvironment = 256
        config.gamma = 0.3
        config.lambda = 0.5
        config.initialLogStd = -1
        return config
    }
}

/// A bad `TRPOConfig` field.
public struct TRPOConfigError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
