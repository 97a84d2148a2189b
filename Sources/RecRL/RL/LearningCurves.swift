// Learning curves measured the same way for every algorithm, so that DDPG, PPO and split PPO can
// share one plot (the report's Figure 1, chapter 6): an evaluation of the deterministic policy at
// fixed environment-step counts, the same for every seed of an algorithm (so seeds can be
// averaged point by point into mean ± std bands).

/// One training run's learning curve: `evaluate` of the deterministic policy at step 0 and then
/// at regular environment-step counts.
public struct LearningCurve: Sendable, Equatable {
    /// Environment steps taken at each evaluation (0 first).
    public var steps: [Int]
    /// The algorithm's own iterations at each evaluation: PPO iterations (one rollout + its K epochs
    /// of minibatch updates each), DDPG iterations (one environment step + one gradient step each,
    /// the report's Algorithm 1 with an update every step).
    public var iterations: [Int]
    /// The evaluation at each point (e.g. the pooled CTR of the mean action on fixed customers).
    public var values: [Double]
    /// Wall-clock seconds of the whole run, evaluations included.
    public var seconds: Double

    public init(steps: [Int], iterations: [Int], values: [Double], seconds: Double) {
        precondition(
            steps.count == values.count && iterations.count == values.count,
            "LearningCurve: expected as many steps, iterations and values, got \(steps.count), "
                + "\(iterations.count), \(values.count)")
        self.steps = steps
        self.iterations = iterations
        self.values = values
        self.seconds = seconds
    }

    /// The last evaluation.
    public var final: Double { values.last ?? .nan }
    /// The best evaluation and the step it was reached at.
    public var peak: (value: Double, step: Int) {
        let i = values.indices.max { values[$0] < values[$1] } ?? 0
        return (values.isEmpty ? .nan : values[i], steps.isEmpty ? 0 : steps[i])
    }

    /// Several seeds' curves as x values and one row of values per seed, for
    /// `LinePlot.band(name:x:runs:)`. Precondition: the curves were evaluated at the same steps.
    public static func runs(_ curves: [LearningCurve]) -> (x: [Double], runs: [[Double]]) {
        precondition(!curves.isEmpty, "LearningCurve.runs: no curves")
        precondition(
            curves.allSatisfy { $0.steps == curves[0].steps },
            "LearningCurve.runs: the seeds were evaluated at different steps: \(curves.map(\.steps.count))")
        return (curves[0].steps.map(Double.init), curves.map(\.values))
    }
}

extension PPO {
    /// Trains for `iterations` PPO iterations and measures the learning curve: `evaluate(policy)`
    /// before training and after every `evaluateEvery`-th iteration (and the last one).
    /// `progress(steps, latest)` is called after every iteration with the latest evaluation.
    /// Throws `TrainingDiverged` as `train`.
    public func learningCurve<Env: Environment>(
        collector: inout RolloutCollector<Env>, iterations: Int, evaluateEvery: Int, rng: inout RNG,
        evaluate: (Policy) -> Double, progress: (_ steps: Int, _ latest: Double) -> Void = { _, _ in }
    ) throws(TrainingDiverged) -> LearningCurve {
        precondition(evaluateEvery > 0, "learningCurve: evaluateEvery must be positive, got \(evaluateEvery)")
        let start = ProgressLine.monotonicSeconds()
        var steps = [0]
        var done = [0]
        var values = [evaluate(policy)]
        _ = try train(collector: &collector, iterations: iterations, rng: &rng) { log in
            if log.iteration % evaluateEvery == 0 || log.iteration == iterations {
                steps.append(log.totalEnvInteracts)
                done.append(log.iteration)
                values.append(evaluate(policy))
            }
            progress(log.totalEnvInteracts, values.last!)
        }
        return LearningCurve(
            steps: steps, iterations: done, values: values, seconds: ProgressLine.monotonicSeconds() - start)
    }
}

extension DDPG {
    /// Trains for `steps` environment steps (`train(environment:…)`, the report's Algorithm 1) and
    /// returns its checkpoints' evaluations as a learning curve (step 0, every `evaluateEvery`
    /// steps, the end). An iteration of DDPG is one environment step, so `iterations` = `steps`.
    /// Throws `TrainingDiverged` as `train`.
    public func learningCurve<Env: Environment>(
        environment: Env, steps: Int, evaluateEvery: Int, rng: inout RNG, evaluate: (DDPG) -> Double,
        progress: (_ steps: Int, _ latest: Double) -> Void = { _, _ in }
    ) throws(TrainingDiverged) -> LearningCurve {
        let start = ProgressLine.monotonicSeconds()
        let checkpoints = try train(
            environment: environment, steps: steps, evaluateEvery: evaluateEvery, rng: &rng, evaluate: evaluate
        ) { p in progress(p.step, p.latest?.evaluation ?? .nan) }
        return LearningCurve(
            steps: checkpoints.map(\.step), iterations: checkpoints.map(\.step), values: checkpoints.map(\.evaluation),
            seconds: ProgressLine.monotonicSeconds() - start)
    }
}
