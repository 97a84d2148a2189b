// The outer loop of the report's Algorithm 1 (lines 3–18) on any `Environment`, with a learning
// curve measured along the way.

/// One point of a DDPG/TD3 learning curve (Spinning Up's column names in the comments).
public struct DDPGCheckpoint: Sendable {
    /// Environment steps taken so far.
    public var step: Int
    /// Critic gradient steps taken so far.
    public var updates: Int
    /// What the `evaluate` closure returned at this point (e.g. the deterministic policy's CTR).
    public var evaluation: Double
    /// LossQ: the mean critic loss over the updates since the previous checkpoint (NaN if none).
    public var criticLoss: Double
    /// LossPi: the mean actor loss −Q(s, μ(s)) over those updates (NaN if none).
    public var actorLoss: Double
    /// QVals: the mean Q_φ(s, a) on the minibatches since the previous checkpoint (NaN if none).
    public var meanQ: Double
    /// Training sessions finished so far.
    public var episodes: Int
    /// AverageEpRet: the mean undiscounted return of the training sessions (with exploration
    /// noise) finished since the previous checkpoint (NaN if none).
    public var averageEpisodeReturn: Double
}

/// The progress of a training run, reported every `progressEvery` steps.
public struct DDPGProgress: Sendable {
    /// Environment steps taken so far.
    public var step: Int
    /// The total planned.
    public var totalSteps: Int
    /// The latest checkpoint, if any.
    public var latest: DDPGCheckpoint?
}

extension DDPG {
    /// Runs Algorithm 1 for `steps` environment steps, with `config.environments` copies of
    /// `environment` stepped in lockstep (N = 1 is the textbook loop, one environment):
    ///
    /// - each copy starts its own sessions (seeds from `rng`); at every lockstep step all N act at
    ///   once — one actor forward pass on the N × obs batch — and each transition counts as one
    ///   environment step: the first `config.randomSteps` actions are uniform in [−1, 1], then
    ///   μ_θ(s) + noise, clipped (line 4);
    /// - every transition is stored with d = `terminated` (lines 5–7); a session that ends either
    ///   way is followed by `reset` of that copy (line 8);
    /// - from step `config.updateAfter` on, every `config.trainFrequency` environment steps,
    ///   `config.gradientSteps` updates (lines 9–16): Algorithm 1's "if it's time to update: for
    ///   however many updates". With N copies the updates that fall due during one lockstep step
    ///   are done after it, so the update-to-data ratio is `gradientSteps / trainFrequency`
    ///   whatever N is;
    /// - at step 0, every `evaluateEvery` steps and at the end, `evaluate(self)` is called and a
    ///   `DDPGCheckpoint` recorded (with N copies: after the lockstep step that reaches or passes
    ///   the mark, at the steps actually taken — choose N dividing `evaluateEvery` for round marks).
    ///
    /// The last lockstep step uses only as many copies as there are steps left, so exactly
    /// `steps` transitions are taken. Returns the learning curve. `progress` is called every
    /// `progressEvery` steps and at each checkpoint (for a chapter's `ProgressLine`; tests pass
    /// nothing). Throws `TrainingDiverged` at the first non-finite loss, gradient or parameter.
    @discardableResult
    public func train<Env: Environment>(
        environment: Env, steps: Int, evaluateEvery: Int, rng: inout RNG,
        evaluate: (DDPG) -> Double,
        progressEvery: Int = 100,
        progress: (DDPGProgress) -> Void = { _ in }
    ) throws(TrainingDiverged) -> [DDPGCheckpoint] {
        precondition(steps > 0, "DDPG.train: steps must be positive, got \(steps)")
        precondition(evaluateEvery > 0, "DDPG.train: evaluateEvery must be positive, got \(evaluateEvery)")
        precondition(progressEvery > 0, "DDPG.train: progressEvery must be positive, got \(progressEvery)")
        precondition(
            environment.observationSize == observationSize && environment.actionSize == actionSize,
            "DDPG.train: the learner is for \(observationSize) → \(actionSize), the environment is "
                + "\(environment.observationSize) → \(environment.actionSize)")
        var environments = [Env](repeating: environment, count: config.environments)
        var observations = environments.indices.map { environments[$0].reset(seed: rng.next()) }
        var episodeReturns = [Double](repeating: 0, count: config.environments)
        var curve: [DDPGCheckpoint] = []
        // Running sums since the last checkpoint.
        var (lossQ, lossPi, qVals, criticSteps, actorSteps) = (0.0, 0.0, 0.0, 0, 0)
        var (returns, finished, episodes) = (0.0, 0, 0)

        func checkpoint(at step: Int) {
            let nan = Double.nan
            curve.append(
                DDPGCheckpoint(
                    step: step, updates: updateCount, evaluation: evaluate(self),
                    criticLoss: criticSteps > 0 ? lossQ / Double(criticSteps) : nan,
                    actorLoss: actorSteps > 0 ? lossPi / Double(actorSteps) : nan,
                    meanQ: criticSteps > 0 ? qVals / Double(criticSteps) : nan, episodes: episodes,
                    averageEpisodeReturn: finished > 0 ? returns / Double(finished) : nan))
            (lossQ, lossPi, qVals, criticSteps, actorSteps) = (0, 0, 0, 0, 0)
            (returns, finished) = (0, 0)
            progress(DDPGProgress(step: step, totalSteps: steps, latest: curve.last))
        }
        /// How many multiples of `every` lie in (from, to].
        func marks(_ every: Int, from: Int, to: Int) -> Int { to / every - from / every }

        checkpoint(at: 0)
        var taken = 0
        while taken < steps {
            let n = min(config.environments, steps - taken)
            let actions = explorationActions(Array(observations[0..<n]), firstStep: taken, rng: &rng)
            for e in 0..<n {
                let result = environments[e].step(actions[e])
                store(
                    observation: observations[e], action: actions[e], reward: result.reward,
                    nextObservation: result.observation, terminated: result.terminated)
                episodeReturns[e] += result.reward
                if result.done {
                    (returns, finished, episodes) = (returns + episodeReturns[e], finished + 1, episodes + 1)
                    episodeReturns[e] = 0
                    observations[e] = environments[e].reset(seed: rng.next())
                } else {
                    observations[e] = result.observation
                }
            }
            let before = taken
            taken += n

            // The update phases that fell due at steps in (before, taken], from updateAfter on.
            let phases = marks(config.trainFrequency, from: max(before, config.updateAfter - 1), to: taken)
            for _ in 0..<(max(0, phases) * config.gradientSteps) {
                let stats = try update(rng: &rng)
                lossQ += stats.criticLoss
                qVals += stats.meanQ
                criticSteps += 1
                if let actorLoss = stats.actorLoss {
                    lossPi += actorLoss
                    actorSteps += 1
                }
            }
            if marks(evaluateEvery, from: before, to: taken) > 0 || taken == steps {
                checkpoint(at: taken)
            } else if marks(progressEvery, from: before, to: taken) > 0 {
                progress(DDPGProgress(step: taken, totalSteps: steps, latest: curve.last))
            }
        }
        return curve
    }

    /// The actions of one lockstep step for `observations.count` environments whose first
    /// transition is environment step `firstStep`: uniform in [−1, 1] for steps before
    /// `config.randomSteps`, otherwise the behaviour policy of Algorithm 1, line 4, from one
    /// batched actor pass (`explorationActions(_:rng:)`).
    func explorationActions(_ observations: [[Double]], firstStep: Int, rng: inout RNG) -> [[Double]] {
        let learned = firstStep + observations.count > config.randomSteps
        let policy = learned ? explorationActions(observations, rng: &rng) : []
        return observations.indices.map { e in
            firstStep + e < config.randomSteps ? (0..<actionSize).map { _ in rng.uniform(-1, 1) } : policy[e]
        }
    }

    /// How well the critic knows the policy's value (the measurement behind Fujimoto et al. 2018,
    /// Figure 1): over `sessions` sessions of `environment` played by the deterministic actor, the
    /// mean of Q_φ(s₀, μ_θ(s₀)) at each session's first state beside the mean discounted return
    /// Σₜ γᵗ rₜ that actually followed. A critic that overestimates has predicted > actual.
    ///
    /// Session j starts from a seed that depends only on `seed` and j (as `evaluate(policy:…)`).
    /// A session cut by a time limit ends the sum there, so `actual` is slightly low for those.
    public func valueEstimate<Env: Environment>(
        environment: Env, sessions: Int, seed: UInt64
    ) -> (predicted: Double, actual: Double) {
        precondition(sessions > 0, "valueEstimate needs at least one session, got \(sessions)")
        var env = environment
        var seeds = RNG(seed: seed)
        var (predicted, actual) = (0.0, 0.0)
        for _ in 0..<sessions {
            var observation = env.reset(seed: seeds.next())
            let first = Tensor.row(observation)
            predicted += Tensor.withoutGradients { critics[0](first, actor(first)).scalar }
            var discount = 1.0
            while true {
                let result = env.step(actor.action(observation))
                actual += discount * result.reward
                discount *= config.gamma
                if result.done { break }
                observation = result.observation
            }
        }
        return (predicted / Double(sessions), actual / Double(sessions))
    }
}
