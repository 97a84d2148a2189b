import Foundation
import RecRL

/// Speed of the ground-truth world: pages per second one customer at a time and in a batch of
/// 256, and the time to generate the 100,000-session historical log.
///
/// Returns (name, value); the unit is in the name. Times are this thread's CPU time, so the figures
/// hold on a machine shared with other jobs.
func benchWorld() -> [(String, Double)] {
    let world = TaobaoWorld()
    // A fixed pool of random-engine actions, so the figure is the world's cost, not the RNG's.
    var rng = RNG(seed: 1)
    let pool = (0..<64).map { _ in (0..<TaobaoLayout.actionSize).map { _ in rng.normal(std: 0.1) } }

    func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + 1e-9 * Double(t.tv_nsec)
    }
    func timed(_ body: () -> Int) -> Double {
        let start = cpuSeconds()
        let pages = body()
        return Double(pages) / (cpuSeconds() - start)
    }

    var results: [(String, Double)] = []

    let single = timed {
        var env = world
        _ = env.reset(seed: 0)
        let pages = 300_000
        for t in 0..<pages {
            if env.step(pool[t & 63]).done { _ = env.reset() }
        }
        return pages
    }
    results.append(("world pages/s (one customer)", single))

    let batched = timed {
        let batchSize = 256
        var batch = BatchedTaobao(world: world, batchSize: batchSize, seed: 0)
        let actions = (0..<batchSize).flatMap { pool[$0 & 63] }
        let steps = 1_200
        for _ in 0..<steps { _ = batch.step(actions) }
        return steps * batchSize
    }
    results.append(("world pages/s (batch of 256)", batched))

    let start = cpuSeconds()
    let log = HistoricalLog.generate(world: world, sessions: 100_000, seed: 0)
    let seconds = cpuSeconds() - start
    results.append(("historical log, 100k sessions (s)", seconds))
    results.append(("historical log pages/s", Double(log.pageCount) / seconds))
    return results
}
