import Foundation
import Testing

@testable import RecRL

@Suite("MAIL learning")
struct MAILLearningTests {
    /// How well a fresh discriminator, trained for 150 steps, tells `policy`'s sessions from the
    /// log's: its accuracy on sessions and log pages it was not trained on.
    func detectability(of policy: EngineAndCustomerPolicy, log: HistoricalLog, customers: VirtualCustomers) throws
        -> Double
    {
        var rng = RNG(seed: 77)
        let real = CustomerDataset(log: log)
        func sessions(_ rng: inout RNG) -> CustomerDataset {
            GeneratedSessions.generate(
                policy: policy, customers: customers, sessions: 400, parallel: 64, maxPages: log.maxPages, rng: &rng
            ).dataset
        }
        let train = sessions(&rng)
        let test = sessions(&rng)
        let detector = MAILDiscriminator(hiddenSizes: [32], rng: &rng)
        let adam = Adam(parameters: detector.parameters, learningRate: 1e-3)
        for _ in 0..<150 {
            _ = try detector.update(real: real, generated: train, batchSize: 128, optimizer: adam, rng: &rng)
        }
        let heldOutReal = real.batch((0..<test.count).map { _ in rng.int(below: real.count) })
        return detector.accuracy(
            real: CustomerDataset(features: heldOutReal.features.data, actions: heldOutReal.actions, sessionStarts: []),
            generated: test)
    }

    @Test(
        "seeded learning: a few seconds of MAIL from a uniform customer — a fresh discriminator separates it less, the CTR moves to the log's"
    )
    func imitationProgresses() throws {
        let log = HistoricalLog.generate(world: TaobaoWorld(), sessions: 2000, seed: 5)
        let customers = VirtualCustomers.logged(LoggedCustomers(log: log))
        let logCTR = Double(log.clicks.reduce(0) { $0 + Int($1) }) / Double(10 * log.pageCount)
        var config = MAILConfig()
        config.sessionsPerIteration = 64
        config.parallelSessions = 64
        config.discriminatorSteps = 2
        config.trpo.maxKL = 0.1  // fifty times the default δ, so that seconds suffice
        // The engine cloned from the log (its σ is the log's), the customer answering uniformly.
        var rng = RNG(seed: 1)
        let engine = try BehaviourCloning.fitEngine(dataset: CustomerDataset(log: log), epochs: 1, seed: 2)
        let start = EngineAndCustomerPolicy(engine: engine, customer: CustomerPolicy(rng: &rng))
        let before = try detectability(of: start, log: log, customers: customers)
        let mail = try MAIL(log: log, customers: customers, config: config, initialPolicy: start)
        try mail.pretrainDiscriminator(steps: 50)
        let logs = try mail.train(iterations: 80)
        let after = try detectability(of: mail.policy, log: log, customers: customers)
        func mean(_ xs: some Collection<Double>) -> Double { xs.reduce(0, +) / Double(xs.count) }
        let early = mean(logs[0..<10].map(\.ctr))
        let late = mean(logs[70..<80].map(\.ctr))
        print("MAIL learning: detection accuracy \(before) → \(after), CTR \(early) → \(late) (log \(logCTR))")
        #expect(after < before - 0.05)
        #expect(Swift.abs(late - logCTR) < 0.5 * Swift.abs(early - logCTR))
    }
}
