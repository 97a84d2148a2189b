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
    /// Runs Algorithm 1 for `steps` environment steps on `environment`:
    ///
    /// - the first `config.randomSteps` actions are uniform in [−1, 1], then μ_θ(s) + noise,
    ///   clipped (line 4);
    /// - every transition is stored with d = `terminated` (lines 5–7); a session that ends either
    ///   way is followed by `reset` with a seed from `rng` (line 8);
    /// - from step `config.updateAfter` on, every `config.trainFrequency` steps,
    ///   `config.gradientSteps` updates (lines 9–16);
    /// - at step 0, every `evaluateEvery` steps and at the end, `evaluate(self)` is called and a
    ///   `DDPGCheckpoint` recorded.
    ///
    /// Returns the learning curve. `progress` is called every `progressEvery` steps and at each
    /// checkpoint (for a chapter's `ProgressLine`; tests pass nothing).
    @discardableResult
    public func train<Env: Environment>(
        environment: Env, steps: Int, evaluateEvery: Int, rng: inout RNG,
        evaluate: (DDPG) -> Double,
        progressEvery: Int = 100,
        progress: (DDPGProgress) -> Void = { _ in }
    ) -> [DDPGCheckpoint] {
        precondition(steps > 0, "DDPG.train: steps must be positive, got \(steps)")
        precondition(evaluateEvery > 0, "DDPG.train: evaluateEvery must be positive, got \(evaluateEvery)")
        precondition(
            environment.observationSize == observationSize && environment.actionSize == actionSize,
            "DDPG.train: the learner is for \(observationSize) → \(actionSize), the environment is "
                + "\(environment.observationSize) → \(environment.actionSize)")
        var env = environment
        var observation = env.reset(seed: rng.next())
        var curve: [DDPGCheckpoint] = []
        // Running sums since the last checkpoint.
        var (lossQ, lossPi, qVals, criticSteps, actorSteps) = (0.0, 0.0, 0.0, 0, 0)
        var (returns, finished, episodeReturn, episodes) = (0.0, 0, 0.0, 0)

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

        checkpoint(at: 0)
        for t in 0..<steps {
            let action =
                t < config.randomSteps
                ? (0..<actionSize).map { _ in rng.uniform(-1, 1) }
                : explorationAction(observation, rng: &rng)
            let result = env.step(action)
            store(
                observation: observation, action: action, reward: result.reward,
                nextObservation: result.observation, terminated: result.terminated)
            episodeReturn += result.reward
            if result.done {
                (returns, finished, episodes) = (returns + episodeReturn, finished + 1, episodes + 1)
                episodeReturn = 0
                observation = env.reset(seed: rng.next())
            } else {
                observation = result.observation
            }

            let taken = t + 1
            if taken >= config.updateAfter && taken % config.trainFrequency == 0 {
                for _ in 0..<config.gradientSteps {
                    let stats = update(rng: &rng)
                    lossQ += stats.criticLoss
                    qVals += stats.meanQ
                    criticSteps += 1
                    if let actorLoss = stats.actorLoss {
                        lossPi += actorLoss
                        actorSteps += 1
                    }
                }
            }
            if taken % evaluateEvery == 0 || taken == steps {
                checkpoint(at: taken)
            } else if taken % progressEvery == 0 {
                progress(DDPGProgress(step: taken, totalSteps: steps, latest: curve.last))
            }
        }
        return curve
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
