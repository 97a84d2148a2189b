import Foundation
import RecRL

/// Training speed of MAIL (Algorithm 2) with `MAILConfig`'s defaults — 256 sessions generated per
/// iteration, 2 discriminator steps, one TRPO step of the joint policy — on a 5,000-session log,
/// after one warm-up iteration: iterations per second and generated pages per second, over 5 timed
/// iterations.
func benchMAIL() throws -> [(String, Double)] {
    let log = HistoricalLog.generate(world: TaobaoWorld(), sessions: 5_000, seed: 0)
    var config = MAILConfig()
    config.warmStart?.epochs = 1
    let mail = try MAIL(log: log, customers: .logged(LoggedCustomers(log: log)), config: config)
    let warmUp = try mail.iterate()
    let start = wallSeconds()
    let logs = try mail.train(iterations: 5)
    let seconds = wallSeconds() - start
    let pages = Double(logs.last!.pages - warmUp.pages)
    return [
        ("mail iterations/s (256 sessions, 2 discriminator steps, 1 TRPO step)", 5 / seconds),
        ("mail generated pages/s (the whole iteration)", pages / seconds),
    ]
}
