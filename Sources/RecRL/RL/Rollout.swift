/// On-policy experience: N environments stepped in lockstep for T steps by a stochastic policy.
///
/// Row `t * N + n` of every array is environment n at step t. Episodes that end inside the
/// rollout are restarted at once (the next row of that environment is a new customer), and the
/// `terminated` / `truncated` flags say where each one stopped and why — see `Advantages.swift`.
public struct Rollout {
    /// N, the number of environments stepped together.
    public let environmentCount: Int
    /// T, the steps taken by each environment.
    public let stepCount: Int
    /// sₜ, [T·N × observation size].
    public var observations: Tensor
    /// aₜ as sampled (before any clipping by the environment), as rows of numbers
    /// (`Distribution.tensor(of:)`: a Gaussian's sample, a categorical choice one-hot),
    /// [T·N × action size].
    public var actions: Tensor
    /// log π_θₖ(aₜ | sₜ) under the policy that acted.
    public var logProbs: [Double]
    /// rₜ.
    public var rewards: [Double]
    /// V(sₜ) (zeros when no value network was given).
    public var values: [Double]
    /// V(sₜ₊₁): the value of the observation after step t — for the last step of a truncated
    /// episode, of its final observation; for the last row of the rollout, of the state the next
    /// rollout starts from. Ignored where `terminated`.
    public var nextValues: [Double]
    /// The episode ended by the environment's dynamics at step t.
    public var terminated: [Bool]
    /// The episode was cut off at step t (time limit).
    public var truncated: [Bool]
    /// The episodes that ended during this rollout.
    public var finishedEpisodes: [EpisodeSummary]
    /// Clicks and pages of every step, for the rollout's pooled CTR.
    public var metrics: EngineMetrics

    /// Number of rows, T·N.
    public var count: Int { rewards.count }

    /// Applies `f` along each environment's own timeline — the rows n, n + N, n + 2N, … of
    /// environment n — and returns its results in row order. `f` gets the row indices and returns
    /// one value per row.
    public func alongEachEnvironment(_ f: (_ rows: [Int]) -> [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        for n in 0..<environmentCount {
            let rows = Array(stride(from: n, to: count, by: environmentCount))
            let column = f(rows)
            precondition(
                column.count == rows.count, "alongEachEnvironment: \(column.count) values for \(rows.count) rows")
            for (k, row) in rows.enumerated() { out[row] = column[k] }
        }
        return out
    }

    /// GAE(γ, λ) advantages and value targets R̂ = Â + V, computed along each environment's own
    /// timeline (`generalizedAdvantages` on each column) and returned in row order.
    public func advantages(gamma: Double, lambda: Double) -> (advantages: [Double], returns: [Double]) {
        let advantages = alongEachEnvironment { rows in
            generalizedAdvantages(
                rewards: rows.map { rewards[$0] }, values: rows.map { values[$0] },
                nextValues: rows.map { nextValues[$0] }, terminated: rows.map { terminated[$0] },
                truncated: rows.map { truncated[$0] }, gamma: gamma, lambda: lambda
            ).advantages
        }
        return (advantages, zip(advantages, values).map { $0 + $1 })
    }

    /// Reward-to-go along each environment's own timeline, in row order (REINFORCE's return; an
    /// episode still running at the end of the rollout is cut there, with no bootstrap).
    public func rewardsToGo(gamma: Double) -> [Double] {
        alongEachEnvironment { rows in
            rewardToGo(
                rewards: rows.map { rewards[$0] }, episodeEnds: rows.map { terminated[$0] || truncated[$0] },
                gamma: gamma)
        }
    }
}

/// One finished episode (a customer's whole session).
public struct EpisodeSummary: Sendable, Equatable {
    /// The undiscounted sum of rewards.
    public var totalReward: Double
    /// Steps (pages).
    public var length: Int
    /// Clicks over the session.
    public var clicks: Int
}

/// Steps N copies of an environment in lockstep with a stochastic policy and collects `Rollout`s.
/// It keeps each environment's current observation between calls, so consecutive rollouts
/// continue the same sessions (as Stable-Baselines3's and CleanRL's PPO do).
public struct RolloutCollector<Env: Environment> {
    /// The environments, each in the middle of a session.
    public private(set) var environments: [Env]
    /// Each environment's current observation.
    public private(set) var observations: [[Double]]
    private var runningReward: [Double]
    private var runningLength: [Int]
    private var runningClicks: [Int]

    /// Starts a session in every environment, environment n from a seed drawn from `seed`.
    public init(environments: [Env], seed: UInt64) {
        precondition(!environments.isEmpty, "RolloutCollector needs at least one environment")
        var seeds = RNG(seed: seed)
        var envs = environments
        observations = envs.indices.map { envs[$0].reset(seed: seeds.next()) }
        self.environments = envs
        runningReward = Array(repeating: 0, count: envs.count)
        runningLength = Array(repeating: 0, count: envs.count)
        runningClicks = Array(repeating: 0, count: envs.count)
    }

    /// Takes `steps` steps in every environment: sample aₜ ~ π(·|sₜ) for all N at once, step the N
    /// environments (`Environment.step(_:actions:)`, so a `VirtualTaobao`'s customers answer in one
    /// forward pass), record (sₜ, aₜ, log π(aₜ|sₜ), rₜ, V(sₜ), flags), and reset environments whose
    /// session ended. Nothing is recorded for autodiff.
    public mutating func collect(steps: Int, policy: some StochasticPolicy, value: MLP?, rng: inout RNG) -> Rollout {
        precondition(steps > 0, "collect needs steps > 0, got \(steps)")
        let n = environments.count
        let observationSize = observations[0].count
        var rollout = Rollout(
            environmentCount: n, stepCount: steps,
            observations: Tensor.zeros(steps * n, observationSize), actions: Tensor.zeros(0, 0), logProbs: [],
            rewards: [], values: [], nextValues: [], terminated: [], truncated: [], finishedEpisodes: [],
            metrics: EngineMetrics())
        var observationRows: [Double] = []
        var actionRows: [Double] = []
        var actionSize = 0
        var pendingNextValue: [Int] = []  // rows whose V(sₜ₊₁) is the next step's V(sₜ)
        var finalObservations: [(row: Int, observation: [Double])] = []  // truncated rows
        Tensor.withoutGradients {
            for _ in 0..<steps {
                let states = Tensor(rows: n, cols: observationSize, data: observations.flatMap { $0 })
                let distribution = policy.distribution(states)
                let sample = distribution.sample(rng: &rng)
                let actions = distribution.tensor(of: sample)
                let logProbs = distribution.logProb(sample).data
                let values = value.map { $0(states).data } ?? Array(repeating: 0, count: n)
                actionSize = actions.cols
                // The previous step's rows that continued get V(sₜ₊₁) = V(this state).
                for row in pendingNextValue { rollout.nextValues[row] = values[row % n] }
                pendingNextValue.removeAll(keepingCapacity: true)
                observationRows += states.data
                actionRows += actions.data
                // All N at once (`Environment.step(_:actions:)`: each in turn, or one forward pass of
                // a simulator's network); the environments draw nothing from `rng`, so this is the
                // same as stepping each between the resets below.
                let results = Env.step(&environments, actions: actions.data)
                for e in 0..<n {
                    let row = rollout.rewards.count
                    let result = results[e]
                    rollout.logProbs.append(logProbs[e])
                    rollout.values.append(values[e])
                    rollout.rewards.append(result.reward)
                    rollout.terminated.append(result.terminated)
                    rollout.truncated.append(result.truncated)
                    rollout.nextValues.append(0)
                    rollout.metrics.record(result)
                    runningReward[e] += result.reward
                    runningLength[e] += 1
                    runningClicks[e] += result.info.clicks
                    if result.done {
                        rollout.finishedEpisodes.append(
                            EpisodeSummary(
                                totalReward: runningReward[e], length: runningLength[e], clicks: runningClicks[e]))
                        (runningReward[e], runningLength[e], runningClicks[e]) = (0, 0, 0)
                        if result.truncated && !result.terminated {
                            finalObservations.append((row, result.observation))
                        }
                        observations[e] = environments[e].reset(seed: rng.next())
                    } else {
                        observations[e] = result.observation
                        pendingNextValue.append(row)
                    }
                }
            }
            // Bootstrap values: the state each environment continues from, and truncated ends.
            if let value {
                let last = value(Tensor(rows: n, cols: observationSize, data: observations.flatMap { $0 })).data
                for row in pendingNextValue { rollout.nextValues[row] = last[row % n] }
                if !finalObservations.isEmpty {
                    let finals = value(
                        Tensor(
                            rows: finalObservations.count, cols: observationSize,
                            data: finalObservations.flatMap(\.observation))
                    ).data
                    for (k, entry) in finalObservations.enumerated() { rollout.nextValues[entry.row] = finals[k] }
                }
            }
        }
        rollout.observations = Tensor(rows: steps * n, cols: observationSize, data: observationRows)
        rollout.actions = Tensor(rows: steps * n, cols: actionSize, data: actionRows)
        return rollout
    }
}
