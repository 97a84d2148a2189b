// TRPO's outer loop — collect a rollout, GAE once, one trust-region update — and the ready-made
// learners: the Gaussian engine policy and the categorical policy, each with its critic.

extension TRPO {
    /// Runs `iterations` iterations of collect → GAE → update, calling `onIteration` after each,
    /// and returns the logs. Throws `TrainingDiverged` at the first non-finite quantity.
    public func train<Env: Environment>(
        collector: inout RolloutCollector<Env>, iterations: Int, rng: inout RNG,
        onIteration: (TRPOIterationLog) -> Void = { _ in }
    ) throws(TrainingDiverged) -> [TRPOIterationLog] {
        precondition(iterations > 0, "TRPO.train needs iterations > 0, got \(iterations)")
        precondition(
            collector.environments.count == config.environmentCount,
            "TRPO.train: the config asks for \(config.environmentCount) environments, the collector has "
                + "\(collector.environments.count)")
        let start = ProgressLine.monotonicSeconds()
        var logs: [TRPOIterationLog] = []
        var interactions = 0
        for iteration in 1...iterations {
            let rollout = collector.collect(steps: config.stepsPerEnvironment, policy: policy, value: value, rng: &rng)
            interactions += rollout.count
            let (advantages, returns) = rollout.advantages(gamma: config.gamma, lambda: config.lambda)
            let stats = try update(rollout: rollout, advantages: advantages, returns: returns, rng: &rng)
            let log = TRPOIterationLog.make(
                iteration: iteration, interactions: interactions, rollout: rollout, returns: returns, update: stats,
                time: ProgressLine.monotonicSeconds() - start)
            logs.append(log)
            onIteration(log)
        }
        return logs
    }
}

extension TRPO where Policy == MLPGaussianPolicy {
    /// TRPO with sb3-contrib's networks: an `MLPGaussianPolicy` (state-independent log σ) and a
    /// separate value MLP, both observation → `config.hiddenSizes` (tanh) → output (actor first).
    public convenience init(config: TRPOConfig, observationSize: Int, actionSize: Int, rng: inout RNG) {
        let policy = MLPGaussianPolicy(
            sizes: [observationSize] + config.hiddenSizes + [actionSize], initialLogStd: config.initialLogStd, rng: &rng
        )
        let value = valueNetwork(sizes: [observationSize] + config.hiddenSizes + [1], rng: &rng)
        self.init(config: config, policy: policy, value: value)
    }
}

extension TRPO where Policy == MLPCategoricalPolicy {
    /// TRPO over `choiceCount` discrete actions: an `MLPCategoricalPolicy` and a separate value MLP,
    /// both observation → `config.hiddenSizes` (tanh) → output (actor first). Actions reach the
    /// environment one-hot.
    public convenience init(config: TRPOConfig, observationSize: Int, choiceCount: Int, rng: inout RNG) {
        let policy = MLPCategoricalPolicy(sizes: [observationSize] + config.hiddenSizes + [choiceCount], rng: &rng)
        let value = valueNetwork(sizes: [observationSize] + config.hiddenSizes + [1], rng: &rng)
        self.init(config: config, policy: policy, value: value)
    }
}
