import Foundation

// MARK: - REINFORCE with a learned value baseline (Spinning Up's VPG)
//
// The policy gradient (Williams 1992; Sutton et al. 2000) follows from the likelihood-ratio
// trick ∇_θ p_θ(τ) = p_θ(τ) ∇_θ log p_θ(τ), and the environment's dynamics do not depend on θ:
//
//     ∇_θ J(θ) = E_τ~π_θ [ Σₜ ∇_θ log π_θ(aₜ | sₜ) · Ψₜ ]
//
// with any of these weights Ψₜ (Schulman et al. 2016, §2), each unbiased or nearly so, each with
// less variance than the one before:
//
//     total return      Ψₜ = R(τ) = Σ_{t'} γ^{t'} r_{t'}             the whole episode's return
//     reward-to-go      Ψₜ = R̂ₜ = Σ_{t'≥t} γ^{t'−t} r_{t'}         past rewards dropped
//     with a baseline   Ψₜ = R̂ₜ − V_φ(sₜ)                          a state's usual return removed
//     GAE(γ, λ)         Ψₜ = Σ_l (γλ)^l δₜ₊ₗ,  δₜ = rₜ + γV(sₜ₊₁) − V(sₜ)
//
// One iteration, as Spinning Up's `vpg.py`:
//
//     collect a batch with π_θ (N environments × T steps, `RolloutCollector`)
//     Ψ ← the weights above from the batch and V_φ
//     θ ← θ + one Adam step on  −(1/B) Σᵢ log π_θ(aᵢ|sᵢ) Ψᵢ              (on-policy: once)
//     φ ← Adam steps on (1/|M|) Σ_{i∈M} (V_φ(sᵢ) − R̂ᵢ)², minibatches M    (regression)
//
// where the value targets R̂ are the bootstrapped rewards-to-go (GAE with λ = 1 plus V: episodes
// cut by the page cap or by the end of the batch are completed with V of the state they stopped
// in; terminated ones are not).

/// The weight Ψₜ multiplying ∇ log π(aₜ|sₜ) in the policy gradient (see the top of this file).
public enum PolicyGradientWeight: String, CaseIterable, Sendable {
    /// Ψₜ = R(τ): the discounted return of the whole episode, the same for every step of it.
    case totalReturn = "total-return"
    /// Ψₜ = R̂ₜ: the discounted reward from step t to the end of the episode.
    case rewardToGo = "reward-to-go"
    /// Ψₜ = R̂ₜ − V_φ(sₜ): reward-to-go minus the learned value baseline.
    case baseline = "baseline"
    /// Ψₜ = Âₜ^GAE(γ,λ), Schulman et al. (2016).
    case gae = "gae"

    /// A short name for tables and plots.
    public var label: String {
        switch self {
        case .totalReturn: "total return R(τ)"
        case .rewardToGo: "reward-to-go R̂ₜ"
        case .baseline: "R̂ₜ − V(sₜ)"
        case .gae: "GAE(γ, λ)"
        }
    }
}

/// An advantage estimator with the signature of `generalizedAdvantages`, returning only the
/// advantages: (rewards, V(sₜ), V(sₜ₊₁), terminated, truncated, γ, λ) → Âₜ. `REINFORCE.train`
/// takes one so a chapter can train with a student's GAE in place of the library's.
public typealias AdvantageFunction = (
    _ rewards: [Double], _ values: [Double], _ nextValues: [Double], _ terminated: [Bool], _ truncated: [Bool],
    _ gamma: Double, _ lambda: Double
) -> [Double]

/// The hyperparameters of REINFORCE with a value baseline. Defaults are Spinning Up's VPG
/// (`spinup/algos/pytorch/vpg/vpg.py`) except where a field says otherwise and why.
public struct REINFORCEConfig: Sendable, Equatable {
    /// N, environments stepped in lockstep. Spinning Up runs one; we step 16 customers together so
    /// one policy forward pass serves 16 pages (same data, fewer, larger matrix products).
    public var environments = 16
    /// T, steps per environment per batch, so a batch is N·T = 1,024 pages. Spinning Up collects
    /// 4,000 steps per epoch; a Taobao session lasts ≈ 4 pages, so 1,024 pages is ≈ 250 sessions —
    /// enough for a useful gradient, and 4× as many updates in the same time (measured in ch03).
    public var stepsPerEnvironment = 64
    /// γ, the discount. Spinning Up's default 0.99.
    public var gamma = 0.99
    /// λ of GAE. Spinning Up's default 0.97.
    public var lambda = 0.97
    /// Which Ψ weights the policy gradient. GAE, as Spinning Up's VPG.
    public var weight = PolicyGradientWeight.gae
    /// Adam's step size for the policy. Spinning Up uses 3e-4 with 4,000-step batches; with a
    /// linear policy and a budget of a few hundred updates, 3e-3 learns faster and stays stable
    /// (measured in ch03: 1e-2 is no faster, 1e-3 is slower).
    public var policyLearningRate = 3e-3
    /// Adam's step size for the value function. Spinning Up's default 1e-3.
    public var valueLearningRate = 1e-3
    /// Passes over the batch for the value regression. Spinning Up takes 80 Adam steps, each on
    /// the whole batch; we take 5 passes in shuffled minibatches of `valueMinibatchSize` (as
    /// Stable-Baselines3's PPO does), which is the same 80 steps at 1,024 pages for 1/16 of the
    /// arithmetic (measured in ch03: 80 full-batch steps cost 25× the rest of an iteration).
    public var valueEpochs = 5
    /// Rows per value-regression step (Stable-Baselines3 PPO's minibatch size, 64).
    public var valueMinibatchSize = 64
    /// Hidden layer sizes of the policy and value MLPs (tanh); empty for linear ones. Spinning Up's
    /// default is (64, 64). In TaobaoWorld the best a policy can do from the observation is nearly
    /// linear in the one-hot attributes, and we measured (ch03) that a linear policy and value
    /// improve as fast per update as (64, 64) ones at a quarter of the time per update, so the
    /// default is linear; pass [64, 64] for Spinning Up's networks.
    public var hiddenSizes: [Int] = []
    /// log σ of the Gaussian policy at the start. Spinning Up's MLPGaussianActor starts at −0.5
    /// (σ ≈ 0.61).
    public var initialLogStd = -0.5
    /// Standardise Ψ over the batch (mean 0, std 1, std with N in the denominator) before the
    /// policy step. Spinning Up's VPG buffer does ("the advantage normalization trick"); it only
    /// rescales the gradient and recentres it (an extra baseline).
    public var normalizeWeights = true

    public init() {}

    /// The batch size N·T.
    public var batchSize: Int { environments * stepsPerEnvironment }

    /// Checks every field; the message says which one is wrong and what it was.
    public func validate() throws(REINFORCEConfigError) {
        func check(_ ok: Bool, _ message: String) throws(REINFORCEConfigError) {
            if !ok { throw REINFORCEConfigError(message: message) }
        }
        try check(environments > 0, "environments must be positive, got \(environments)")
        try check(stepsPerEnvironment > 0, "steps per environment must be positive, got \(stepsPerEnvironment)")
        try check((0...1).contains(gamma), "gamma must be in [0, 1], got \(gamma)")
        try check((0...1).contains(lambda), "lambda must be in [0, 1], got \(lambda)")
        try check(
            policyLearningRate > 0 && policyLearningRate < 1,
            "policy learning rate must be in (0, 1), got \(policyLearningRate)")
        try check(
            valueLearningRate > 0 && valueLearningRate < 1,
            "value learning rate must be in (0, 1), got \(valueLearningRate)")
        try check(valueEpochs >= 0, "value epochs must be ≥ 0, got \(valueEpochs)")
        try check(valueMinibatchSize > 0, "value minibatch size must be positive, got \(valueMinibatchSize)")
        try check(
            hiddenSizes.allSatisfy { $0 > 0 },
            "hidden sizes must be positive, got \(hiddenSizes)")
        try check(initialLogStd.isFinite, "initial log std must be finite, got \(initialLogStd)")
    }
}

/// A field of `REINFORCEConfig` out of range.
public struct REINFORCEConfigError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public var description: String { "REINFORCE: \(message)" }
}

/// One iteration's log, with Spinning Up's column names in the comments.
public struct REINFORCEIteration: Sendable {
    /// 1, 2, … (Epoch).
    public var iteration: Int
    /// Environment steps (pages) so far (TotalEnvInteracts).
    public var environmentSteps: Int
    /// Mean undiscounted return of the sessions that ended in this batch, NaN if none did (AverageEpRet).
    public var averageEpisodeReturn: Double
    /// Sessions that ended in this batch.
    public var episodes: Int
    /// Pooled CTR of the batch's pages, with the stochastic policy.
    public var rolloutCTR: Double
    /// The policy loss −(1/B) Σ log π(a|s) Ψ before the step (LossPi).
    public var lossPi: Double
    /// The value loss before the regression steps (LossV).
    public var lossV: Double
    /// Value loss after − before (DeltaLossV).
    public var deltaLossV: Double
    /// The estimate (1/B) Σ (log π_old − log π_new) of KL(π_old ‖ π_new) after the step (KL).
    public var kl: Double
    /// The policy's entropy, nats per action (Entropy).
    public var entropy: Double
    /// The deterministic policy's metrics, when `train` was given an evaluation and this
    /// iteration was one to evaluate.
    public var evaluation: EngineMetrics?
}

/// REINFORCE with a learned value baseline: a Gaussian policy π_θ, a value network V_φ, their
/// optimisers, and one update per on-policy batch (see the top of this file).
public final class REINFORCE {
    /// The hyperparameters.
    public let config: REINFORCEConfig
    /// π_θ(a|s) = N(μ_θ(s), diag σ²), σ a learned vector (CleanRL's initialisation).
    public let policy: MLPGaussianPolicy
    /// V_φ(s).
    public let value: MLP
    /// Adam on θ.
    public let policyOptimizer: Adam
    /// Adam on φ.
    public let valueOptimizer: Adam
    /// Updates (iterations) begun so far: 1 during the first.
    public private(set) var iterations = 0

    /// A new policy and value network for observations of `observationSize` and actions of
    /// `actionSize`, drawn from `rng` (policy first). Precondition: a valid config.
    public init(config: REINFORCEConfig = .init(), observationSize: Int, actionSize: Int, rng: inout RNG) {
        do { try config.validate() } catch { preconditionFailure("\(error)") }
        self.config = config
        policy = MLPGaussianPolicy(
            sizes: [observationSize] + config.hiddenSizes + [actionSize], initialLogStd: config.initialLogStd,
            rng: &rng)
        value = valueNetwork(sizes: [observationSize] + config.hiddenSizes + [1], rng: &rng)
        policyOptimizer = Adam(parameters: policy.parameters, learningRate: config.policyLearningRate)
        valueOptimizer = Adam(parameters: value.parameters, learningRate: config.valueLearningRate)
    }

    /// The policy-gradient surrogate loss L(θ) = −(1/B) Σᵢ log π_θ(aᵢ|sᵢ) Ψᵢ. Its gradient is
    /// −(1/B) Σᵢ Ψᵢ ∇_θ log π_θ(aᵢ|sᵢ), minus the policy gradient estimate; Ψ is a constant.
    /// `logProbs` is [B×1].
    public static func policyGradientLoss(logProbs: Tensor, weights: [Double]) -> Tensor {
        precondition(
            logProbs.cols == 1 && logProbs.rows == weights.count,
            "policyGradientLoss: log-probabilities must be [\(weights.count)×1] (one per weight), got "
                + logProbs.shapeText)
        return (logProbs * Tensor(rows: weights.count, cols: 1, data: weights)).mean().negated()
    }

    /// The weights Ψ of `weight` for every row of `rollout` (see `PolicyGradientWeight`), computed
    /// along each environment's own timeline. `gae` replaces the library's GAE when given.
    public func weights(
        _ weight: PolicyGradientWeight, for rollout: Rollout, gae: AdvantageFunction? = nil
    ) -> [Double] {
        let (gamma, lambda) = (config.gamma, config.lambda)
        switch weight {
        case .totalReturn:
            return rollout.alongEachEnvironment { r in
                episodeReturns(
                    rewards: r.map { rollout.rewards[$0] },
                    episodeEnds: r.map { rollout.terminated[$0] || rollout.truncated[$0] }, gamma: gamma)
            }
        case .rewardToGo:
            return rollout.rewardsToGo(gamma: gamma)
        case .baseline:
            return zip(rollout.rewardsToGo(gamma: gamma), rollout.values).map { $0 - $1 }
        case .gae:
            guard let gae else { return rollout.advantages(gamma: gamma, lambda: lambda).advantages }
            return rollout.alongEachEnvironment { r in
                let out = gae(
                    r.map { rollout.rewards[$0] }, r.map { rollout.values[$0] }, r.map { rollout.nextValues[$0] },
                    r.map { rollout.terminated[$0] }, r.map { rollout.truncated[$0] }, gamma, lambda)
                precondition(
                    out.count == r.count, "the advantage function returned \(out.count) values for \(r.count) steps")
                return out
            }
        }
    }

    /// The policy-gradient estimate ĝ = (1/B) Σᵢ Ψᵢ ∇_θ log π_θ(aᵢ|sᵢ) on a batch, for the given
    /// (raw, unstandardised) weights: every policy parameter's gradient, flattened in the order of
    /// `policy.parameters`. Leaves the parameters' `grad` zeroed and takes no step.
    public func policyGradient(on rollout: Rollout, weights psi: [Double]) -> [Double] {
        precondition(psi.count == rollout.count, "policyGradient: \(psi.count) weights for \(rollout.count) rows")
        policy.zeroGrad()
        let logProbs = policy.distribution(rollout.observations).logProb(rollout.actions)
        REINFORCE.policyGradientLoss(logProbs: logProbs, weights: psi).backward()
        let gradient = policy.parameters.flatMap { $0.grad.map { -$0 } }
        policy.zeroGrad()
        return gradient
    }

    /// The value targets: bootstrapped discounted rewards-to-go (GAE with λ = 1, plus V(sₜ)).
    public func valueTargets(for rollout: Rollout) -> [Double] {
        rollout.advantages(gamma: config.gamma, lambda: 1).returns
    }

    /// One VPG update on an on-policy batch: one policy step with the weights Ψ, then
    /// `fitValue` (minibatches shuffled with `rng`). Returns the iteration's losses (the
    /// environment-side fields are left for `train` to fill). Throws `TrainingDiverged` at the
    /// first non-finite loss, gradient or parameter.
    public func update(
        on rollout: Rollout, weights psi: [Double], rng: inout RNG
    ) throws(TrainingDiverged) -> REINFORCEIteration {
        precondition(psi.count == rollout.count, "update: \(psi.count) weights for \(rollout.count) rows")
        iterations += 1
        let check = DivergenceCheck(algorithm: "REINFORCE", iteration: iterations)
        let weights = config.normalizeWeights ? standardized(psi) : psi
        // Policy: one step of gradient ascent on the surrogate (descent on its negative).
        policyOptimizer.zeroGrad()
        let distribution = policy.distribution(rollout.observations)
        let lossPi = REINFORCE.policyGradientLoss(logProbs: distribution.logProb(rollout.actions), weights: weights)
        try check.finite(lossPi.scalar, "the policy loss")
        lossPi.backward()
        try check.finiteGradients(of: policy.namedParameters)
        policyOptimizer.step()
        try check.finiteParameters(policy.namedParameters)
        let newLogProbs = Tensor.withoutGradients {
            policy.distribution(rollout.observations).logProb(rollout.actions).data
        }
        let kl = zip(rollout.logProbs, newLogProbs).reduce(0) { $0 + $1.0 - $1.1 } / Double(rollout.count)
        let entropy = Tensor.withoutGradients { distribution.entropy().mean().scalar }
        let (lossVBefore, lossVAfter) = try fitValue(on: rollout, rng: &rng, check: check)
        return REINFORCEIteration(
            iteration: 0, environmentSteps: 0, averageEpisodeReturn: .nan, episodes: 0, rolloutCTR: 0,
            lossPi: lossPi.scalar, lossV: lossVBefore, deltaLossV: lossVAfter - lossVBefore, kl: kl, entropy: entropy,
            evaluation: nil)
    }

    /// The value half of an update: `valueEpochs` passes over the batch in shuffled minibatches of
    /// `valueMinibatchSize`, each an Adam step on (1/|M|) Σ_{i∈M} (V_φ(sᵢ) − R̂ᵢ)² towards the
    /// bootstrapped rewards-to-go. Returns the whole-batch loss before and after. With a `check`,
    /// throws `TrainingDiverged` at the first non-finite loss, gradient or parameter.
    @discardableResult
    public func fitValue(
        on rollout: Rollout, rng: inout RNG, check: DivergenceCheck? = nil
    ) throws(TrainingDiverged) -> (before: Double, after: Double) {
        let targets = Tensor(rows: rollout.count, cols: 1, data: valueTargets(for: rollout))
        func valueLoss(_ rows: [Int]? = nil) -> Tensor {
            guard let rows else { return (value(rollout.observations) - targets).square().mean() }
            return (value(rollout.observations.gatherRows(rows)) - targets.gatherRows(rows)).square().mean()
        }
        let lossVBefore = Tensor.withoutGradients { valueLoss().scalar }
        for _ in 0..<config.valueEpochs {
            let order = Array(0..<rollout.count).shuffled(using: &rng)
            for start in stride(from: 0, to: order.count, by: config.valueMinibatchSize) {
                valueOptimizer.zeroGrad()
                let loss = valueLoss(Array(order[start..<min(start + config.valueMinibatchSize, order.count)]))
                try check?.finite(loss.scalar, "the value loss")
                loss.backward()
                try check?.finiteGradients(of: value.namedParameters(prefixedBy: "value"))
                valueOptimizer.step()
                try check?.finiteParameters(value.namedParameters(prefixedBy: "value"))
            }
        }
        let lossVAfter = Tensor.withoutGradients { valueLoss().scalar }
        return (lossVBefore, lossVAfter)
    }

    /// Trains for `iterations` batches from `collector` and returns one log entry per iteration.
    /// Throws `TrainingDiverged` at the first non-finite loss, gradient or parameter.
    ///
    /// - Parameters:
    ///   - gae: an advantage function to use in place of the library's GAE (when `weight` is `.gae`).
    ///   - evaluateEvery: evaluate after every this many iterations (and after the last).
    ///   - evaluate: measures the current policy (e.g. its mean action on fixed customers).
    ///   - progress: called after each iteration (e.g. to draw a progress line).
    public func train<Env: Environment>(
        collector: inout RolloutCollector<Env>, iterations: Int, rng: inout RNG, gae: AdvantageFunction? = nil,
        evaluateEvery: Int = 1, evaluate: ((MLPGaussianPolicy) -> EngineMetrics)? = nil,
        progress: (REINFORCEIteration) -> Void = { _ in }
    ) throws(TrainingDiverged) -> [REINFORCEIteration] {
        precondition(iterations > 0, "train needs iterations > 0, got \(iterations)")
        precondition(evaluateEvery > 0, "train needs evaluateEvery > 0, got \(evaluateEvery)")
        var log: [REINFORCEIteration] = []
        var steps = 0
        for k in 1...iterations {
            let rollout = collector.collect(
                steps: config.stepsPerEnvironment, policy: policy, value: value, rng: &rng)
            var entry = try update(on: rollout, weights: weights(config.weight, for: rollout, gae: gae), rng: &rng)
            steps += rollout.count
            entry.iteration = k
            entry.environmentSteps = steps
            entry.episodes = rollout.finishedEpisodes.count
            entry.averageEpisodeReturn =
                rollout.finishedEpisodes.isEmpty
                ? .nan : rollout.finishedEpisodes.reduce(0) { $0 + $1.totalReward } / Double(entry.episodes)
            entry.rolloutCTR = rollout.metrics.ctr
            if let evaluate, k % evaluateEvery == 0 || k == iterations { entry.evaluation = evaluate(policy) }
            log.append(entry)
            progress(entry)
        }
        return log
    }
}

/// The discounted return of each step's whole episode, R(τ) = Σ_{t'} γ^{t'} r_{t'} from the
/// episode's first step (within the list) to its end: the reward-to-go of its first step, copied
/// to every step of the episode.
public func episodeReturns(rewards: [Double], episodeEnds: [Bool], gamma: Double) -> [Double] {
    let toGo = rewardToGo(rewards: rewards, episodeEnds: episodeEnds, gamma: gamma)
    var out = toGo
    var startsEpisode = true
    var current = 0.0
    for t in rewards.indices {
        if startsEpisode { current = toGo[t] }
        out[t] = current
        startsEpisode = episodeEnds[t]
    }
    return out
}

/// (x − mean) / std over the list, std with N in the denominator (as NumPy's default and
/// Spinning Up's `mpi_statistics_scalar`); a constant list becomes zeros.
public func standardized(_ x: [Double]) -> [Double] {
    precondition(!x.isEmpty, "standardized: needs at least one value")
    let n = Double(x.count)
    let mean = x.reduce(0, +) / n
    let std = (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
    return x.map { std > 0 ? ($0 - mean) / std : 0 }
}
