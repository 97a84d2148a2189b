// DDPG (Lillicrap et al. 2016) exactly as the report's Algorithm 1, and TD3 (Fujimoto et al.
// 2018) as three switches on top of it:
//
//   repeat
//     a = clip(μ_θ(s) + ε, −1, 1),  ε ~ N(0, σ²)                      explore
//     step; store (s, a, r, s′, d) with d = terminated               ReplayBuffer
//     every `trainFrequency` steps, `gradientSteps` times:
//       sample B transitions
//       y = r + γ(1 − d) Q_targ(s′, μ_targ(s′))                      ddpgTargets
//       φ ← φ − lr ∇_φ (1/B) Σ (Q_φ(s, a) − y)²                      critic step
//       θ ← θ + lr ∇_θ (1/B) Σ Q_φ(s, μ_θ(s))                        actor step
//       φ_targ ← ρ φ_targ + (1 − ρ) φ;  θ_targ ← ρ θ_targ + (1 − ρ) θ  Module.softUpdate
//
// TD3 changes the inner loop in three places (Fujimoto et al. 2018, Algorithm 1):
//   1. twin critics Q_φ1, Q_φ2, both regressed on y = r + γ(1 − d) min_j Q_targ,j(s′, a′)  (twinMinimum)
//   2. target policy smoothing a′ = clip(μ_targ(s′) + clip(ε̃, −c, c), −1, 1)            (smoothedTargetActions)
//   3. delayed updates: the actor and all targets move only every `policyDelay` critic steps.
//
// The training loop is in DDPG+Train.swift.

/// The hyperparameters of DDPG and TD3. `DDPGConfig()` is DDPG as the report describes it (with
/// this course's budget choices); `DDPGConfig.td3` switches on TD3's three changes.
///
/// Sources of the defaults: Spinning Up (`spinup.ddpg`, `spinup.td3`), CleanRL
/// (`ddpg_continuous_action.py`, `td3_continuous_action.py`), Stable-Baselines3 (`TD3`), the
/// report (§3.1) and Fujimoto et al. (2018). Where they differ, the comment says which we took
/// and why.
public struct DDPGConfig: Sendable, Equatable {
    /// Hidden layer sizes of the actor and of each critic. [128, 128]: the report's "two-layer MLP
    /// with each layer containing 128" (Spinning Up uses [256, 256], CleanRL [256, 256]).
    public var hidden = [128, 128]
    /// LayerNorm after each hidden Linear (before the activation), in the actor and the critics:
    /// the report ("we add layer normalization after each layers"). Spinning Up and CleanRL do not.
    public var layerNorm = true
    /// The hidden nonlinearity: ReLU, as Spinning Up, CleanRL and SB3 (the report does not say).
    public var activation = Activation.relu
    /// Replay buffer capacity: 50,000 transitions, the last ~200 update phases' worth of data at
    /// the defaults below (85 MB of Doubles). Spinning Up `replay_size` and CleanRL `buffer_size`
    /// are 10⁶ — at our half a million steps a minute that would be 870 MB, and we measured no
    /// gain from a bigger buffer (200,000: score 0.37 vs 0.41 at 50,000, seed 0; see the chapter
    /// page). A buffer never holds more than the steps taken, so callers allocate
    /// min(bufferSize, training steps) rows (`DDPG.init(…, replayCapacity:)`).
    public var bufferSize = 50_000
    /// Minibatch size: 100 (Spinning Up's `batch_size`, SB3's TD3 default before v1.x was 100;
    /// CleanRL uses 256). Measured at the chapter's budget (seed 0): batch 256 with half the
    /// updates (one per 512 steps) in the same CPU time scored 0.36 against 0.41 with 100.
    public var batchSize = 100
    /// Discount γ = 0.99 (Spinning Up, CleanRL, SB3).
    public var gamma = 0.99
    /// Polyak coefficient ρ in θ_targ ← ρ θ_targ + (1 − ρ) θ: 0.995 (Spinning Up `polyak`; CleanRL
    /// and SB3 write τ = 1 − ρ = 0.005).
    public var rho = 0.995
    /// Adam learning rate of the actor: 3e-4 (CleanRL `learning_rate`; Spinning Up's `pi_lr` is
    /// 1e-3). Measured at the chapter's default budget, seeds 0–3: final score 0.37 ± 0.02 with
    /// 3e-4 against 0.35 ± 0.03 with 1e-3 (the slower actor chases the critic's errors less).
    public var actorLearningRate = 3e-4
    /// Adam learning rate of the critic(s): 1e-3 (Spinning Up `q_lr`; CleanRL uses 3e-4).
    public var criticLearningRate = 1e-3
    /// σ of the Gaussian exploration noise added to μ(s) before clipping to [−1, 1]: 0.1 (Spinning
    /// Up `act_noise`, CleanRL `exploration_noise`, the TD3 paper).
    public var explorationNoise = 0.1
    /// Copies of the environment stepped in lockstep by `train`, each with its own customers: N
    /// transitions per actor pass. 256 here, so that one lockstep step brings the data of one
    /// update phase (`trainFrequency`); 1 is the textbook loop (Spinning Up, CleanRL's DDPG), and
    /// SB3 steps several (`n_envs`). The update schedule counts environment steps over all
    /// copies, so N changes how fast data arrives per second, not the update-to-data ratio.
    public var environments = 256
    /// Steps at the start that act uniformly at random in [−1, 1] instead of by μ(s) + noise, to
    /// fill the buffer with diverse actions: 10,000 (Spinning Up `start_steps`; CleanRL's
    /// `learning_starts` = 25,000 does both this and `updateAfter`). The chapter caps it at a
    /// quarter of a short run's steps.
    public var randomSteps = 10_000
    /// Steps before the first update, so the first minibatches are not drawn from a handful of
    /// transitions: 1,000 (Spinning Up `update_after`).
    public var updateAfter = 1_000
    /// Environment steps between update phases: 256, one phase per lockstep step of the 256
    /// environments. CleanRL and SB3 (`train_freq`) use 1, Spinning Up (`update_every`) 50 with 50
    /// updates each: an update-to-data ratio of 1. Ours is 1/256, measured: in TaobaoWorld a
    /// page costs ~15 µs and an update (batch 100, 2×128 with LayerNorm) ~10 ms, so within the
    /// one-minute budget the ratio buys data, and DDPG is starved of data, not of updates — at a
    /// ratio of 1 (4,000 pages, 3,000 updates) the critic diverged and the score peaked at 0.13;
    /// at 1/8, 1/32, 1/128 and 1/256 (46, 47, 33 and 29 s of CPU) it reached 0.29, 0.38, 0.39
    /// and 0.41 (seed 0, see the chapter page).
    public var trainFrequency = 256
    /// Gradient steps per update phase: 1 (CleanRL, SB3 `gradient_steps`); the update-to-data
    /// ratio is `gradientSteps / trainFrequency`.
    public var gradientSteps = 1
    /// TD3: two critics and the minimum of their targets (Fujimoto et al. 2018 §4.2). Off in DDPG.
    public var twinCritics = false
    /// The actor and the target networks are updated once every `policyDelay` critic updates: 1 in
    /// DDPG (the report's Algorithm 1, every update; CleanRL's DDPG uses 2), 2 in TD3 (Fujimoto
    /// et al. 2018 §5.2, Spinning Up `policy_delay`, CleanRL `policy_frequency`).
    public var policyDelay = 1
    /// TD3: σ̃ of the target policy smoothing noise, 0 = off (DDPG). TD3 uses 0.2 (Fujimoto
    /// et al. 2018, Spinning Up `target_noise`, CleanRL `policy_noise`).
    public var targetPolicyNoise = 0.0
    /// TD3: the smoothing noise is clipped to ±c, c = 0.5 (Fujimoto et al. 2018, Spinning Up
    /// `noise_clip`, CleanRL `noise_clip`).
    public var targetNoiseClip = 0.5

    /// DDPG as the report's Algorithm 1 (with the budget choices above).
    public init() {}

    /// TD3 (Fujimoto et al. 2018): DDPG plus twin critics, policy delay 2, target smoothing
    /// noise 0.2 clipped at 0.5. Everything else as `DDPGConfig()`.
    public static var td3: DDPGConfig {
        var config = DDPGConfig()
        config.twinCritics = true
        config.policyDelay = 2
        config.targetPolicyNoise = 0.2
        config.targetNoiseClip = 0.5
        return config
    }

    /// Whether this is TD3 (any of its three changes on).
    public var isTD3: Bool { twinCritics || policyDelay > 1 || targetPolicyNoise > 0 }

    /// Checks every field; the message says which one is wrong and what it got.
    public func validate() throws(DDPGConfigError) {
        func check(_ ok: Bool, _ message: String) throws(DDPGConfigError) {
            if !ok { throw DDPGConfigError(message: message) }
        }
        try check(!hidden.isEmpty && hidden.allSatisfy { $0 > 0 }, "hidden sizes must be positive, got \(hidden)")
        try check(bufferSize > 0, "bufferSize must be positive, got \(bufferSize)")
        try check(batchSize > 0, "batchSize must be positive, got \(batchSize)")
        try check((0...1).contains(gamma), "gamma must be in [0, 1], got \(gamma)")
        try check((0..<1).contains(rho), "rho must be in [0, 1), got \(rho)")
        try check(actorLearningRate > 0, "actorLearningRate must be positive, got \(actorLearningRate)")
        try check(criticLearningRate > 0, "criticLearningRate must be positive, got \(criticLearningRate)")
        try check(explorationNoise >= 0, "explorationNoise must be ≥ 0, got \(explorationNoise)")
        try check(randomSteps >= 0, "randomSteps must be ≥ 0, got \(randomSteps)")
        try check(updateAfter >= 0, "updateAfter must be ≥ 0, got \(updateAfter)")
        try check(environments > 0, "environments must be positive, got \(environments)")
        try check(trainFrequency > 0, "trainFrequency must be positive, got \(trainFrequency)")
        try check(gradientSteps > 0, "gradientSteps must be positive, got \(gradientSteps)")
        try check(policyDelay > 0, "policyDelay must be positive, got \(policyDelay)")
        try check(targetPolicyNoise >= 0, "targetPolicyNoise must be ≥ 0, got \(targetPolicyNoise)")
        try check(targetNoiseClip >= 0, "targetNoiseClip must be ≥ 0, got \(targetNoiseClip)")
    }
}

/// A `DDPGConfig` field out of range.
public struct DDPGConfigError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { "DDPGConfig: \(message)" }
}

/// What one gradient step measured (Spinning Up's column names in the comments).
public struct DDPGUpdateStats: Sendable {
    /// LossQ: the critic's mean squared Bellman error, (1/B) Σ (Q_φ(s, a) − y)² (summed over the
    /// two critics in TD3).
    public var criticLoss: Double
    /// LossPi: −(1/B) Σ Q_φ(s, μ_θ(s)), or nil when the actor was not updated (TD3's delay).
    public var actorLoss: Double?
    /// QVals: the mean of Q_φ(s, a) over the minibatch (the first critic).
    public var meanQ: Double
    /// The mean target y over the minibatch.
    public var meanTarget: Double
}

/// A DDPG (or TD3) learner: the actor, the critic(s), their targets, the optimisers and the
/// replay buffer. Step it with `explorationAction` and `store`, and learn with `update`; or let
/// `train(environment:…)` (DDPG+Train.swift) run the whole of Algorithm 1.
public final class DDPG {
    public let config: DDPGConfig
    public let observationSize: Int
    public let actionSize: Int
    /// μ_θ.
    public let actor: DeterministicActor
    /// μ_θtarg, a slowly moving copy of the actor.
    public let targetActor: DeterministicActor
    /// Q_φ (DDPG) or Q_φ1, Q_φ2 (TD3).
    public let critics: [QNetwork]
    /// The critics' targets, in the same order.
    public let targetCritics: [QNetwork]
    /// The transitions seen so far.
    public var replay: ReplayBuffer
    /// Critic gradient steps taken so far.
    public private(set) var updateCount = 0
    private let actorOptimizer: Adam
    private let criticOptimizer: Adam

    /// A fresh learner: networks drawn from `rng` (actor first, then each critic), targets set
    /// equal to them (Algorithm 1, line 2), an empty buffer of `replayCapacity` rows (usually
    /// min(`config.bufferSize`, training steps)). Precondition: `config.validate()` passes.
    public init(
        observationSize: Int, actionSize: Int, config: DDPGConfig = DDPGConfig(), replayCapacity: Int,
        rng: inout RNG
    ) {
        do { try config.validate() } catch { preconditionFailure("\(error)") }
        self.config = config
        self.observationSize = observationSize
        self.actionSize = actionSize
        let actorSizes = [observationSize] + config.hidden + [actionSize]
        actor = DeterministicActor(
            sizes: actorSizes, activation: config.activation, layerNorm: config.layerNorm, rng: &rng)
        targetActor = DeterministicActor(
            sizes: actorSizes, activation: config.activation, layerNorm: config.layerNorm, rng: &rng)
        targetActor.copyParameters(from: actor)
        targetActor.freeze()
        var critics: [QNetwork] = []
        var targets: [QNetwork] = []
        for _ in 0..<(config.twinCritics ? 2 : 1) {
            let make = {
                (rng: inout RNG) in
                QNetwork(
                    observationSize: observationSize, actionSize: actionSize, hidden: config.hidden,
                    activation: config.activation, layerNorm: config.layerNorm, rng: &rng)
            }
            let critic = make(&rng)
            let target = make(&rng)
            target.copyParameters(from: critic)
            target.freeze()
            critics.append(critic)
            targets.append(target)
        }
        self.critics = critics
        targetCritics = targets
        actorOptimizer = Adam(parameters: actor.parameters, learningRate: config.actorLearningRate)
        criticOptimizer = Adam(parameters: critics.flatMap(\.parameters), learningRate: config.criticLearningRate)
        replay = ReplayBuffer(
            capacity: replayCapacity, observationSize: observationSize, actionSize: actionSize)
    }

    /// The behaviour policy of Algorithm 1, line 4: a = clip(μ_θ(s) + ε, −1, 1), ε ~ N(0, σ²) with
    /// σ = `config.explorationNoise`.
    public func explorationAction(_ observation: [Double], rng: inout RNG) -> [Double] {
        explorationActions([observation], rng: &rng)[0]
    }

    /// The behaviour policy for several observations at once (N environments in lockstep): one
    /// actor pass on the N × obs batch, then noise drawn row by row, so a batch of one gives the
    /// same action as `explorationAction`.
    public func explorationActions(_ observations: [[Double]], rng: inout RNG) -> [[Double]] {
        let states = Tensor(rows: observations.count, cols: observationSize, data: observations.flatMap { $0 })
        let means = Tensor.withoutGradients { actor(states) }
        return (0..<observations.count).map { e in
            means.row(e).map { min(max($0 + rng.normal(std: config.explorationNoise), -1), 1) }
        }
    }

    /// Stores one transition; `terminated` (not `truncated`) is the d of the target.
    public func store(
        observation: [Double], action: [Double], reward: Double, nextObservation: [Double], terminated: Bool
    ) {
        replay.add(
            observation: observation, action: action, reward: reward, nextObservation: nextObservation,
            terminated: terminated)
    }

    /// The targets y for a minibatch, computed with the target networks and no gradient:
    /// DDPG y = r + γ(1 − d) Q_targ(s′, μ_targ(s′)); TD3 with the smoothed a′ and the twin minimum.
    public func targets(
        rewards: Tensor, nextObservations: Tensor, dones: Tensor, rng: inout RNG
    ) -> Tensor {
        Tensor.withoutGradients {
            var nextActions = targetActor(nextObservations)
            if config.targetPolicyNoise > 0 {
                let noise = Tensor.normal(nextActions.rows, nextActions.cols, std: config.targetPolicyNoise, rng: &rng)
                nextActions = smoothedTargetActions(
                    targetActions: nextActions, noise: noise, noiseClip: config.targetNoiseClip)
            }
            var nextQ = targetCritics[0](nextObservations, nextActions)
            if targetCritics.count == 2 {
                nextQ = twinMinimum(nextQ, targetCritics[1](nextObservations, nextActions))
            }
            return ddpgTargets(rewards: rewards, dones: dones, nextQ: nextQ, gamma: config.gamma)
        }
    }

    /// One gradient step of Algorithm 1, lines 11–15: sample a minibatch, regress the critic(s) on
    /// the targets, and — every `policyDelay` steps — move the actor up the critic's gradient and
    /// the targets towards the learned networks. Throws `TrainingDiverged` at the first non-finite
    /// loss, gradient or parameter (the iteration in its message is the gradient step, 1, 2, …).
    @discardableResult
    public func update(rng: inout RNG) throws(TrainingDiverged) -> DDPGUpdateStats {
        let check = DivergenceCheck(algorithm: config.isTD3 ? "TD3" : "DDPG", iteration: updateCount + 1)
        let criticParameters = critics.enumerated().flatMap { j, critic in
            critic.namedParameters(prefixedBy: "critic\(j + 1)")
        }
        let batch = replay.sample(batchSize: config.batchSize, rng: &rng)
        let y = targets(
            rewards: batch.rewards, nextObservations: batch.nextObservations, dones: batch.dones, rng: &rng)

        // Critic: minimise (1/B) Σ (Q_φ(s, a) − y)² (both critics in TD3, against the same y).
        criticOptimizer.zeroGrad()
        var criticLoss: Tensor?
        var meanQ = 0.0
        for (j, critic) in critics.enumerated() {
            let q = critic(batch.observations, batch.actions)
            if j == 0 { meanQ = q.mean().scalar }
            let loss = (q - y).square().mean()
            criticLoss = criticLoss.map { $0 + loss } ?? loss
        }
        try check.finite(criticLoss!.scalar, "the critic loss")
        criticLoss!.backward()
        try check.finiteGradients(of: criticParameters)
        criticOptimizer.step()
        updateCount += 1
        try check.finiteParameters(criticParameters)

        var actorLoss: Double?
        if updateCount % config.policyDelay == 0 {
            // Actor: maximise (1/B) Σ Q_φ(s, μ_θ(s)) (TD3: the first critic), i.e. minimise its
            // negative. The critic is frozen so that this step changes only θ.
            critics[0].freeze()
            actorOptimizer.zeroGrad()
            let loss = -critics[0](batch.observations, actor(batch.observations)).mean()
            try check.finite(loss.scalar, "the actor loss")
            loss.backward()
            try check.finiteGradients(of: actor.namedParameters(prefixedBy: "actor"))
            actorOptimizer.step()
            critics[0].unfreeze()
            try check.finiteParameters(actor.namedParameters(prefixedBy: "actor"))
            actorLoss = loss.scalar
            // Targets: Polyak averaging.
            targetActor.softUpdate(from: actor, rho: config.rho)
            for (target, critic) in zip(targetCritics, critics) { target.softUpdate(from: critic, rho: config.rho) }
        }
        return DDPGUpdateStats(
            criticLoss: criticLoss!.scalar, actorLoss: actorLoss, meanQ: meanQ, meanTarget: y.mean().scalar)
    }
}
