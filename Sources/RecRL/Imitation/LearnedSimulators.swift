/// The two Virtual Taobaos built from one historical log — behaviour cloning's and MAIL's — with
/// what their training recorded: the recipe of chapter 8, and of every later chapter that needs a
/// learned simulator.
///
///     BC:    π_κ ← maximum likelihood on the log's (s^c, a^c)        (`BehaviourCloning.fit`)
///     MAIL:  π_κ,σ ← (π_κ of BC, π_σ cloned from the log's actions), a discriminator pretrained
///            on its sessions, then MAIL iterations                    (`MAIL`, Algorithm 2)
///
/// Both simulators draw their customers from the same P^c and differ only in π_κ.
public struct LearnedSimulators {
    /// Behaviour cloning's simulator.
    public var behaviourCloning: VirtualTaobao
    /// MAIL's simulator.
    public var mail: VirtualTaobao
    /// Behaviour cloning's epochs (training loss, held-out log-likelihood).
    public var cloningEpochs: [BehaviourCloningEpoch]
    /// MAIL's iterations.
    public var mailLogs: [MAILIterationLog]
    /// MAIL's customer policy's held-out log-likelihood (nats per page, the same held-out pages).
    public var mailHeldOutLogLikelihood: Double
    /// Wall-clock seconds of each build (MAIL's without behaviour cloning, which it starts from).
    public var cloningSeconds: Double
    public var mailSeconds: Double

    /// How the two are built.
    public struct Recipe: Sendable {
        /// Behaviour cloning (also MAIL's warm start).
        public var cloning = BehaviourCloningConfig()
        /// MAIL's settings (its own `warmStart` is not used: MAIL starts from the clone above).
        public var mail = MAILConfig()
        /// MAIL iterations.
        public var mailIterations = 200
        /// Discriminator steps on the clone's sessions before the first MAIL iteration.
        public var discriminatorPretraining = 100
        /// Warm-start MAIL from behaviour cloning (otherwise from scratch).
        public var warmStart = true
        /// Who arrives in MAIL's generated sessions while it trains: the log's own customers
        /// (resampled), or P^c (`customers`, as Algorithm 2). The simulators always draw from P^c.
        /// With P^c, the discriminator also learns to tell P^c's imperfect customers from the
        /// log's — which no policy can fix — and the policies learn to end those sessions early.
        public var mailTrainingCustomers = MAILTrainingCustomers.logged

        public init() {}
    }

    /// Who arrives in MAIL's sessions while it trains.
    public enum MAILTrainingCustomers: String, Sendable, CaseIterable {
        case logged
        case generator
    }

    /// Builds both simulators from `log` with customers from `customers`, `progress` seeing every
    /// MAIL iteration. Throws `TrainingDiverged` from either learner.
    public static func build(
        log: HistoricalLog, customers: VirtualCustomers, recipe: Recipe = Recipe(),
        reward: TaobaoWorld.Reward = .clicks,
        progress: (MAILIterationLog) -> Void = { _ in }
    ) throws(TrainingDiverged) -> LearnedSimulators {
        var t = ProgressLine.monotonicSeconds()
        var cloning = recipe.cloning
        cloning.factorisation = .joint
        let cloned = try VirtualTaobao.behaviourCloned(log: log, customers: customers, config: cloning, reward: reward)
        let (train, heldOut, clone) = (cloned.train, cloned.heldOut, cloned.simulator.customerPolicy)
        let cloningSeconds = ProgressLine.monotonicSeconds() - t
        t = ProgressLine.monotonicSeconds()
        var mailConfig = recipe.mail
        let initial: EngineAndCustomerPolicy?
        if recipe.warmStart {
            let engine = try BehaviourCloning.fitEngine(
                dataset: train, hiddenSizes: mailConfig.engineHiddenSizes, epochs: cloning.epochs,
                minibatchSize: cloning.minibatchSize, learningRate: cloning.learningRate, seed: cloning.seed &+ 1)
            var rng = RNG(seed: 0)
            let customer = CustomerPolicy(factorisation: .joint, hiddenSizes: cloning.hiddenSizes, rng: &rng)
            customer.copyParameters(from: clone)
            initial = EngineAndCustomerPolicy(engine: engine, customer: customer)
        } else {
            mailConfig.warmStart = nil
            initial = nil
        }
        let trainingCustomers: VirtualCustomers =
            switch recipe.mailTrainingCustomers {
            case .logged: .logged(LoggedCustomers(log: log))
            case .generator: customers
            }
        let mail = try MAIL(
            real: train, maxPages: log.maxPages, customers: trainingCustomers, config: mailConfig,
            initialPolicy: initial)
        if recipe.discriminatorPretraining > 0 {
            try mail.pretrainDiscriminator(steps: recipe.discriminatorPretraining)
        }
        let logs = try mail.train(iterations: recipe.mailIterations, onIteration: progress)
        let mailSeconds = ProgressLine.monotonicSeconds() - t
        return LearnedSimulators(
            behaviourCloning: cloned.simulator,
            mail: VirtualTaobao(
                customers: customers, customerPolicy: mail.policy.customer, reward: reward, maxPages: log.maxPages),
            cloningEpochs: cloned.epochs, mailLogs: logs,
            mailHeldOutLogLikelihood: BehaviourCloning.meanLogLikelihood(
                policy: mail.policy.customer, dataset: heldOut),
            cloningSeconds: cloningSeconds, mailSeconds: mailSeconds)
    }
}
