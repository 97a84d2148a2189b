import Foundation

// MARK: - MAIL, multi-agent adversarial imitation learning (Shi et al. 2019, Algorithm 2)
//
//     input: the log's pages τ_e = {(s^c, a^c)}, a customer distribution P^c (chapter 7)
//     κ, σ ← behaviour cloning on τ_e (`warmStart`), θ at random
//     for i = 1 … I:
//       J sessions of the joint policy: s ~ P^c; per page a ~ π_σ(s), s^c = ⟨s, a, n⟩,
//         a^c ~ π_κ(s^c); ends on leave / buy or at the page cap       (lines 4–9, GeneratedSessions)
//       k Adam steps on L(θ) = E_τe[softplus(−ℓ_θ)] + E_gen[softplus(ℓ_θ)] (lines 10–11, MAILDiscriminator)
//       r = reward(ℓ_θ(s^c, a^c)) of every generated page, once      (MAILReward: ℓ = log D − log(1 − D))
//       Â, R̂ = GAE(γ, λ) along each session in time order, V(s) the value of the engine's state
//       one TRPO step of π_κ,σ on (s^c, (a, a^c), Â); V by Adam on R̂   (line 12, TRPO)
//     output: the customer policy π_κ (with P^c, a `VirtualTaobao`)
//
// The discriminator is updated before the rewards are computed, so a page's reward is the
// discriminator's verdict after it has seen that page's batch (Algorithm 2's order). Its accuracy
// is measured before the update, on the fresh sessions: how well the last discriminator tells them
// from the log — the curve chapter 8 plots.

/// MAIL's settings. Defaults: GAIL's split of one generation round, some discriminator steps and
/// one trust-region step (Ho & Ermon 2016); networks as behaviour cloning's. Two fields differ
/// from the usual defaults, measured in chapter 8's setting (20,000 logged sessions, warm start
/// from behaviour cloning, 100 iterations, the historical engine on 4,000 customers; TaobaoWorld
/// CTR 0.0628, 3.50 pages per session; behaviour cloning 0.0594, 3.46, held-out −1.5994 nats):
///
///     discriminator steps, δ      CTR      pages   held-out log-likelihood
///     2  (imitation's), 0.01     0.0684   4.14    −1.6237
///     10,               0.01     0.0634   3.14    −1.6047
///     10,               0.002    0.0630   3.26    −1.5993
///
/// A warm-started policy is already close to the log, so the discriminator is near chance and
/// every TRPO step — which always moves the full δ, whatever the size of the gradient — is mostly
/// noise: a small δ and a discriminator that keeps up stop the drift.
public struct MAILConfig: Sendable {
    /// J, sessions generated per iteration.
    public var sessionsPerIteration = 256
    /// Sessions generated side by side (one forward pass per page for all of them).
    public var parallelSessions = 64
    /// k, discriminator steps per iteration (`imitation`'s `n_disc_updates_per_round` = 2; 10
    /// measured better, above).
    public var discriminatorSteps = 10
    /// Pairs from each side per discriminator step.
    public var discriminatorBatchSize = 256
    /// Adam's step size for θ (PyTorch's default).
    public var discriminatorLearningRate = 1e-3
    /// The discriminator's hidden layers (tanh).
    public var discriminatorHiddenSizes = [64, 64]
    /// The engine policy's hidden layers (tanh).
    public var engineHiddenSizes = [64, 64]
    /// How a page's reward comes from the discriminator's logit.
    public var reward = MAILReward.logit
    /// The trust region, the value network and GAE: sb3-contrib's `TRPO` defaults (γ = 0.99,
    /// λ = 0.95) with 2×64 networks and δ = 0.002 instead of 0.01 (measured, above). Its rollout
    /// fields (`stepsPerEnvironment`, `environmentCount`) are not used: a rollout is J whole sessions.
    public var trpo: TRPOConfig = {
        var c = TRPOConfig()
        c.hiddenSizes = [64, 64]
        c.maxKL = 0.002
        return c
    }()
    /// Start κ and σ from behaviour cloning on the log (and how), or from scratch (`nil`).
    public var warmStart: BehaviourCloningConfig? = {
        var c = BehaviourCloningConfig()
        c.epochs = 5
        return c
    }()
    /// Seeds every network and every draw.
    public var seed: UInt64 = 0

    public init() {}
}

/// One MAIL iteration.
public struct MAILIterationLog: Sendable {
    public var iteration: Int
    /// Sessions and pages generated so far.
    public var sessions: Int
    public var pages: Int
    /// The discriminator's accuracy on this iteration's generated pages and as many log pages,
    /// before its update (½ = it cannot tell them apart).
    public var discriminatorAccuracy: Double
    /// L(θ) of the last discriminator step.
    public var discriminatorLoss: Double
    /// The mean reward per generated page (after the discriminator's update).
    public var meanReward: Double
    /// The generated sessions' pooled CTR, R2P and pages per session.
    public var ctr: Double
    public var r2p: Double
    public var meanSessionLength: Double
    /// The TRPO step's statistics (KL, line search, entropy, value loss).
    public var update: TRPOUpdateStats
    /// Wall-clock seconds since training began.
    public var time: Double
}

/// MAIL: the engine and customer policies learned jointly against a discriminator, from the
/// historical log and a customer distribution P^c.
///
///     var rng = RNG(seed: 0)
///     let log = HistoricalLog.generate(world: TaobaoWorld(), sessions: 20_000)
///     let mail = try MAIL(log: log, customers: .logged(LoggedCustomers(log: log)))
///     let logs = try mail.train(iterations: 50)
///     let simulator = mail.simulator   // a VirtualTaobao
public final class MAIL {
    public let config: MAILConfig
    /// π_κ,σ.
    public let policy: EngineAndCustomerPolicy
    /// R_θ.
    public let discriminator: MAILDiscriminator
    /// The trust-region learner of π_κ,σ with its value network V(s).
    public let trpo: TRPO<EngineAndCustomerPolicy>
    /// P^c.
    public let customers: VirtualCustomers
    /// τ_e: the log's pages.
    public let real: CustomerDataset
    /// The log's page cap.
    public let maxPages: Int
    /// Behaviour cloning's epochs when warm-started from `config.warmStart` (empty otherwise; its
    /// "held-out" column is measured on τ_e itself).
    public let warmStartEpochs: [BehaviourCloningEpoch]

    private let discriminatorOptimizer: Adam
    private var rng: RNG
    private var iterationsDone = 0
    private var sessionsDone = 0
    private var pagesDone = 0
    private var elapsed = 0.0

    /// Sets up MAIL on `log` with customers from `customers`. The joint policy starts as
    /// `initialPolicy` when one is given; otherwise, with `config.warmStart`, both policies are
    /// first fitted to the log by behaviour cloning, and without it they start from scratch (the
    /// engine with log σ = `config.trpo.initialLogStd`). Throws `TrainingDiverged` from behaviour
    /// cloning.
    public convenience init(
        log: HistoricalLog, customers: VirtualCustomers, config: MAILConfig = MAILConfig(),
        initialPolicy: EngineAndCustomerPolicy? = nil
    ) throws(TrainingDiverged) {
        precondition(log.sessionCount >= 10, "MAIL needs a log of at least 10 sessions, got \(log.sessionCount)")
        try self.init(
            real: CustomerDataset(log: log), maxPages: log.maxPages, customers: customers, config: config,
            initialPolicy: initialPolicy)
    }

    /// MAIL on given log pages τ_e (e.g. the training part of a split, so that a held-out part
    /// stays unseen) from sessions of at most `maxPages` pages; otherwise as `init(log:…)`.
    public init(
        real: CustomerDataset, maxPages: Int, customers: VirtualCustomers, config: MAILConfig = MAILConfig(),
        initialPolicy: EngineAndCustomerPolicy? = nil
    ) throws(TrainingDiverged) {
        precondition(real.count > 0 && maxPages > 0, "MAIL needs log pages and a page cap")
        precondition(
            config.sessionsPerIteration >= 2 && config.parallelSessions >= 1 && config.discriminatorSteps >= 1
                && config.discriminatorBatchSize >= 1,
            "MAILConfig: sessions per iteration ≥ 2, and positive slots, discriminator steps and batch size")
        self.config = config
        self.customers = customers
        self.maxPages = maxPages
        var rng = RNG(seed: config.seed)
        self.real = real
        let engine: MLPGaussianPolicy
        let customer: CustomerPolicy
        if let initialPolicy {
            engine = initialPolicy.engine
            customer = initialPolicy.customer
            warmStartEpochs = []
        } else if var bc = config.warmStart {
            bc.factorisation = .joint
            bc.seed = rng.next()
            let fitted = try BehaviourCloning.fit(train: real, heldOut: real, config: bc)
            customer = fitted.policy
            warmStartEpochs = fitted.epochs
            engine = try BehaviourCloning.fitEngine(
                dataset: real, hiddenSizes: config.engineHiddenSizes, epochs: bc.epochs,
                minibatchSize: bc.minibatchSize, learningRate: bc.learningRate, seed: rng.next())
        } else {
            customer = CustomerPolicy(factorisation: .joint, rng: &rng)
            engine = MLPGaussianPolicy(
                sizes: [EngineAndCustomerPolicy.engineStateSize] + config.engineHiddenSizes
                    + [TaobaoLayout.actionSize], initialLogStd: config.trpo.initialLogStd, rng: &rng)
            warmStartEpochs = []
        }
        policy = EngineAndCustomerPolicy(engine: engine, customer: customer)
        discriminator = MAILDiscriminator(hiddenSizes: config.discriminatorHiddenSizes, rng: &rng)
        discriminatorOptimizer = Adam(
            parameters: discriminator.parameters, learningRate: config.discriminatorLearningRate)
        let value = valueNetwork(
            sizes: [EngineAndCustomerPolicy.engineStateSize] + config.trpo.hiddenSizes + [1], rng: &rng)
        trpo = TRPO(config: config.trpo, policy: policy, value: value)
        self.rng = rng
    }

    /// The learned simulator: P^c and the current customer policy, paying `reward`.
    public func simulator(reward: TaobaoWorld.Reward = .clicks) -> VirtualTaobao {
        VirtualTaobao(customers: customers, customerPolicy: policy.customer, reward: reward, maxPages: maxPages)
    }

    /// One iteration of Algorithm 2 (the comment at the top). Throws `TrainingDiverged` at the
    /// first non-finite loss, gradient or parameter.
    public func iterate() throws(TrainingDiverged) -> MAILIterationLog {
        let start = ProgressLine.monotonicSeconds()
        iterationsDone += 1
        // Lines 4–9: J sessions of the joint policy.
        let sessions = GeneratedSessions.generate(
            policy: policy, customers: customers, sessions: config.sessionsPerIteration,
            parallel: config.parallelSessions, maxPages: maxPages, rng: &rng)
        let generated = sessions.dataset
        // Lines 10–11: how well the last discriminator separates them, then k steps on L(θ).
        let realSample = real.batch((0..<sessions.count).map { _ in rng.int(below: real.count) })
        let accuracy = discriminator.accuracy(
            real: CustomerDataset(
                features: realSample.features.data, actions: realSample.actions, sessionStarts: []),
            generated: generated)
        var discriminatorLoss = 0.0
        for _ in 0..<config.discriminatorSteps {
            discriminatorLoss = try discriminator.update(
                real: real, generated: generated, batchSize: config.discriminatorBatchSize,
                optimizer: discriminatorOptimizer, iteration: iterationsDone, rng: &rng)
        }
        // Line 12: rewards once, GAE along each session, one trust-region step.
        let rewards = rewardsOf(sessions)
        let rollout = Self.rollout(of: sessions, rewards: rewards, value: trpo.value)
        let (advantages, returns) = rollout.advantages(gamma: config.trpo.gamma, lambda: config.trpo.lambda)
        let stats = try trpo.update(
            rollout: rollout, advantages: advantages, returns: returns, valueObservations: sessions.engineStates,
            rng: &rng)
        sessionsDone += sessions.sessionCount
        pagesDone += sessions.count
        elapsed += ProgressLine.monotonicSeconds() - start
        return MAILIterationLog(
            iteration: iterationsDone, sessions: sessionsDone, pages: pagesDone, discriminatorAccuracy: accuracy,
            discriminatorLoss: discriminatorLoss, meanReward: rewards.reduce(0, +) / Double(rewards.count),
            ctr: rollout.metrics.ctr, r2p: rollout.metrics.r2p, meanSessionLength: rollout.metrics.meanSessionLength,
            update: stats,
            time: elapsed)
    }

    /// `steps` discriminator steps against sessions of the current policy, the policies left as
    /// they are: a discriminator that already tells the starting policy from the log, so that the
    /// first iterations' rewards carry a signal and their accuracy is a fair starting point.
    /// Returns the last loss.
    @discardableResult
    public func pretrainDiscriminator(steps: Int) throws(TrainingDiverged) -> Double {
        precondition(steps > 0, "pretrainDiscriminator needs steps > 0, got \(steps)")
        let generated = GeneratedSessions.generate(
            policy: policy, customers: customers, sessions: config.sessionsPerIteration,
            parallel: config.parallelSessions, maxPages: maxPages, rng: &rng
        ).dataset
        var loss = 0.0
        for _ in 0..<steps {
            loss = try discriminator.update(
                real: real, generated: generated, batchSize: config.discriminatorBatchSize,
                optimizer: discriminatorOptimizer, iteration: 0, rng: &rng)
        }
        return loss
    }

    /// `iterations` iterations, calling `onIteration` after each.
    public func train(iterations: Int, onIteration: (MAILIterationLog) -> Void = { _ in }) throws(TrainingDiverged)
        -> [MAILIterationLog]
    {
        precondition(iterations > 0, "MAIL.train needs iterations > 0, got \(iterations)")
        var logs: [MAILIterationLog] = []
        for _ in 0..<iterations {
            let log = try iterate()
            logs.append(log)
            onIteration(log)
        }
        return logs
    }

    /// r = reward(ℓ_θ(s^c, a^c)) of every page: the discriminator's logit, read once.
    public func rewardsOf(_ sessions: GeneratedSessions) -> [Double] {
        let x = Tensor(rows: sessions.count, cols: CustomerView.featureSize, data: sessions.features)
        return discriminator.reward(features: x, actions: sessions.answers).map { config.reward($0) }
    }

    /// The sessions as one `Rollout` along a single timeline (environment count 1, sessions one
    /// after the other in time order), with V(s) of every page and V(s′) of the page after it:
    /// the next page's state within a session, 0 after the customer ended it, and the state after
    /// the last page where the cap cut it (bootstrapped, as `TaobaoWorld`'s truncation). GAE on
    /// it (`Rollout.advantages`) then stops at every session boundary.
    public static func rollout(of sessions: GeneratedSessions, rewards: [Double], value: MLP) -> Rollout {
        precondition(rewards.count == sessions.count, "\(rewards.count) rewards for \(sessions.count) pages")
        let n = sessions.count
        let views = Tensor(rows: n, cols: CustomerView.featureSize, data: sessions.features)
        let values = Tensor.withoutGradients { value(sessions.engineStates).data }
        var nextValues = [Double](repeating: 0, count: n)
        let cutRows = sessions.finalStates.keys.sorted()
        let finals =
            cutRows.isEmpty
            ? []
            : Tensor.withoutGradients {
                value(
                    Tensor(
                        rows: cutRows.count, cols: EngineAndCustomerPolicy.engineStateSize,
                        data: cutRows.flatMap { sessions.finalStates[$0]! })
                ).data
            }
        for t in 0..<n where !sessions.terminated[t] && !sessions.truncated[t] { nextValues[t] = values[t + 1] }
        for (k, row) in cutRows.enumerated() { nextValues[row] = finals[k] }
        var metrics = EngineMetrics()
        for t in 0..<n {
            metrics.record(
                StepResult(
                    observation: [], reward: rewards[t], terminated: sessions.terminated[t],
                    truncated: sessions.truncated[t],
                    info: StepInfo(
                        clicks: sessions.answers[t].clicks, purchase: sessions.answers[t].decision == .buy, page: 0)))
        }
        return Rollout(
            environmentCount: 1, stepCount: n, observations: views,
            actions: EngineAndCustomer.values(
                engineActions: Tensor(rows: n, cols: TaobaoLayout.actionSize, data: sessions.engineActions),
                answers: sessions.answers.map(\.index)),
            logProbs: sessions.logProbs, rewards: rewards, values: values, nextValues: nextValues,
            terminated: sessions.terminated, truncated: sessions.truncated, finishedEpisodes: [], metrics: metrics)
    }
}
