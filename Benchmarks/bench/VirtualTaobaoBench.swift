import Foundation
import RecRL

/// Speed of the learned simulator `VirtualTaobao`: pages per second one session at a time and
/// with `BatchedVirtualTaobao` at B = 64 (one forward pass of π^c for the 64 pages, ended sessions'
/// new customers drawn together). The simulator has chapter 7's default GAN-SD generator as P^c
/// (noise 32, [128, 128]) and the default customer policy π^c ([64, 64], joint head), both at their
/// initial weights (the speed does not depend on the weights; the first π^c is ≈ uniform, so a
/// session lasts about 3 pages and many slots restart every step).
///
/// Returns (name, value); the unit is in the name. Wall clock (`wallSeconds`).
func benchVirtualTaobao() -> [(String, Double)] {
    var rng = RNG(seed: 1)
    let generator = GANGenerator(noiseSize: 32, hidden: [128, 128], rng: &rng)
    let policy = CustomerPolicy(rng: &rng)
    let simulator = VirtualTaobao(customers: .gan(generator), customerPolicy: policy)
    // A fixed pool of random-engine actions, so the figure is the simulator's cost, not the RNG's.
    let pool = (0..<64).map { _ in (0..<TaobaoLayout.actionSize).map { _ in rng.normal(std: 0.1) } }
    let batchSize = 64

    func pagesPerSecond(_ body: () -> Int) -> Double {
        let start = wallSeconds()
        let pages = body()
        return Double(pages) / (wallSeconds() - start)
    }
    let single = pagesPerSecond {
        var env = simulator
        _ = env.reset(seed: 0)
        let pages = 20_000
        for t in 0..<pages {
            if env.step(pool[t & 63]).done { _ = env.reset() }
        }
        return pages
    }
    let batched = pagesPerSecond {
        var batch = BatchedVirtualTaobao(simulator: simulator, batchSize: batchSize, seed: 0)
        let actions = (0..<batchSize).flatMap { pool[$0 & 63] }
        let steps = 1_000
        for _ in 0..<steps { _ = batch.step(actions) }
        return steps * batchSize
    }
    return [
        ("virtual taobao pages/s (one session)", single),
        ("virtual taobao pages/s (batch of \(batchSize))", batched),
        ("virtual taobao batch speed-up (×)", batched / single),
    ]
}
