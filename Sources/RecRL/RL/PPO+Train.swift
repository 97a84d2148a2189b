// PPO's outer loop — collect a rollout, GAE once, K epochs of updates — and the ready-made
// learners: SB3's Gaussian engine policy and CleanRL's categorical policy, each with its critic.

extension PPO {
    /// Runs `iterations` iterations of collect → GAE → update, calling `onIteration` after each
    /// (for a progress line or an evaluation), and returns the logs: the learning curve. Throws
    /// `TrainingDiverged` at the first non-finite loss, gradient or parameter (see `update`).
    public func train<Env: Environment>(
        collector: inout RolloutCollector<Env>, iterations: Int, rng: inout RNG,
        onIteration: (PPOIterationLog) -> Void = { _ in }
    ) throws(TrainingDiverged) -> [PPOIterationLog] {
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
            let (advantages, returns) = rollout.advantages(gamma: config.gamma, lambda: config.lambda)
            let stats = try update(rollout: rollout, advantages: advantages, returns: returns, rng: &rng)
            let log = PPO.log(
                iteration: iteration, interactions: interactions, rollout: rollout, stats: stats,
                explainedVariance: PPO.explainedVariance(returns: returns, values: rollout.values),
                learningRate: groups[0].optimizer.learningRate, time: ProgressLine.monotonicSeconds() - start)
            logs.append(log)
            onIteration(log)
        }
        return logs
    }

    /// One update phase on a rollout, with its GAE(γ, λ) computed here (`train` computes it once
    /// per iteration and passes it to `update(rollout:advantages:returns:rng:)`).
    public func update(rollout: Rollout, rng: inout RNG) throws(TrainingDiverged) -> PPOUpdateStats {
        let (advantages, returns) = rollout.advantages(gamma: config.gamma, lambda: config.lambda)
        return try update(rollout: rollout, advantages: advantages, returns: returns, rng: &rng)
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

extension PPO where Policy == MLPCategoricalPolicy {
    /// PPO over `choiceCount` discrete actions, as CleanRL's `ppo.py`: an `MLPCategoricalPolicy` and
    /// a separate value MLP, both observation → `config.hiddenSizes` (tanh) → output (actor first).
    /// Actions reach the environment one-hot (`config.initialLogStd` is not used).
    public convenience init(config: PPOConfig, observationSize: Int, choiceCount: Int, rng: inout RNG) {
        let policy = MLPCategoricalPolicy(sizes: [observationSize] + config.hiddenSizes + [choiceCount], rng: &rng)
        let value = valueNetwork(sizes: [observationSize] + config.hiddenSizes + [1], rng: &rng)
        self.init(config: config, policy: policy, value: value)
    }
}
