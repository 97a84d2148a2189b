import Foundation
import Testing

@testable import RecRL

@Suite("MAIL learning")
struct MAILLearningTests {
    @Test(
        "seeded learning: a few seconds of MAIL from a uniform customer — the discriminator separates less, the CTR moves to the log's"
    )
    func imitationProgresses() throws {
        let log = HistoricalLog.generate(world: TaobaoWorld(), sessions: 2000, seed: 5)
        let logCTR = Double(log.clicks.reduce(0) { $0 + Int($1) }) / Double(10 * log.pageCount)
        var config = MAILConfig()
        config.sessionsPerIteration = 64
        config.parallelSessions = 64
        config.trpo.maxKL = 0.1  // ten times the default δ = 0.01, so that seconds suffice
        // The engine cloned from the log (its σ is the log's), the customer answering uniformly.
        var rng = RNG(seed: 1)
        let engine = try BehaviourCloning.fitEngine(dataset: CustomerDataset(log: log), epochs: 1, seed: 2)
        let start = EngineAndCustomerPolicy(engine: engine, customer: CustomerPolicy(rng: &rng))
        let mail = try MAIL(
            log: log, customers: .logged(LoggedCustomers(log: log)), config: config, initialPolicy: start)
        try mail.pretrainDiscriminator(steps: 50)
        let logs = try mail.train(iterations: 80)
        func mean(_ xs: some Collection<Double>) -> Double { xs.reduce(0, +) / Double(xs.count) }
        let early = logs[0..<10]
        let late = logs[70..<80]
        print(
            "MAIL learning: accuracy \(mean(early.map(\.discriminatorAccuracy))) → \(mean(late.map(\.discriminatorAccuracy))),",
            "CTR \(mean(early.map(\.ctr))) → \(mean(late.map(\.ctr))) (log \(logCTR))")
        #expect(mean(late.map(\.discriminatorAccuracy)) < mean(early.map(\.discriminatorAccuracy)))
        #expect(Swift.abs(mean(late.map(\.ctr)) - logCTR) < 0.5 * Swift.abs(mean(early.map(\.ctr)) - logCTR))
    }
}
