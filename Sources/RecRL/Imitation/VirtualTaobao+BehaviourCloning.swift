/// A behaviour-cloned Virtual Taobao and how it was made: the simulator a policy trains in when no
/// MAIL simulator is given (chapter 9's default), or the BC baseline beside MAIL (chapter 8).
public struct BehaviourClonedSimulator: Sendable {
    /// The simulator: the cloned customer policy over the customers it was given.
    public let simulator: VirtualTaobao
    /// The historical log it was cloned from.
    public let log: HistoricalLog
    /// The log's pages split by session: the training part and the 20 % held out.
    public let train: CustomerDataset
    public let heldOut: CustomerDataset
    /// Behaviour cloning's epochs (training loss, held-out log-likelihood).
    public let epochs: [BehaviourCloningEpoch]
}

extension VirtualTaobao {
    /// Plays `sessions` sessions of the historical random engine (σ = `sigma`) in `world`, then
    /// clones the customer from that log (`behaviourCloned(log:…)`, the log's own customers): the
    /// whole of "build a simulator from the log" in one call, a few seconds for 10,000 sessions in
    /// a debug build. The simulator pays `reward` and has the world's page cap. Throws
    /// `TrainingDiverged` if the fit does.
    public static func behaviourCloned(
        world: TaobaoWorld, sessions: Int, logSeed: UInt64, sigma: Double = Engine.historicalSigma,
        config: BehaviourCloningConfig = .init(), reward: TaobaoWorld.Reward
    ) throws(TrainingDiverged) -> BehaviourClonedSimulator {
        let log = HistoricalLog.generate(world: world, sessions: sessions, seed: logSeed, sigma: sigma)
        return try behaviourCloned(
            log: log, customers: .logged(LoggedCustomers(log: log)), config: config, reward: reward)
    }

    /// Clones the customer from `log` (`BehaviourCloning.fit`, 20 % of the sessions held out, split
    /// with `config.seed`) and puts it in a simulator over `customers` paying `reward`, with the
    /// log's page cap.
    public static func behaviourCloned(
        log: HistoricalLog, customers: VirtualCustomers, config: BehaviourCloningConfig = .init(),
        reward: TaobaoWorld.Reward
    ) throws(TrainingDiverged) -> BehaviourClonedSimulator {
        let (train, heldOut) = CustomerDataset.split(log: log, seed: config.seed)
        let (policy, epochs) = try BehaviourCloning.fit(train: train, heldOut: heldOut, config: config)
        let simulator = VirtualTaobao(
            customers: customers, customerPolicy: policy, reward: reward, maxPages: log.maxPages)
        return BehaviourClonedSimulator(simulator: simulator, log: log, train: train, heldOut: heldOut, epochs: epochs)
    }
}
