import Testing

@testable import RecRL

/// `concurrentMap` on independent seeds gives what the sequential map gives, bit for bit.
@Suite("concurrentMap: seeds at once give the sequential results")
struct ConcurrentMapTests {
    /// A small training run owned by one seed: an MLP (with LayerNorm) fitted for 30 Adam steps
    /// to seeded data, with an evaluation inside `withoutGradients`; its final weights and losses.
    @Sendable static func train(seed: UInt64) -> [UInt64] {
        var rng = RNG(seed: seed)
        let net = MLP(sizes: [7, 32, 3], layerNorm: true, rng: &rng)
        let adam = Adam(parameters: net.parameters, learningRate: 1e-2)
        let x = Tensor.normal(64, 7, rng: &rng), y = Tensor.normal(64, 3, rng: &rng)
        var losses: [Double] = []
        for _ in 0..<30 {
            for p in net.parameters { p.zeroGrad() }
            let loss = (net(x) - y).square().mean()
            loss.backward()
            adam.step()
            losses.append(Tensor.withoutGradients { (net(x) - y).square().mean().scalar })
        }
        return (losses + net.parameters.flatMap(\.data)).map(\.bitPattern)
    }

    @Test("7 seeds on 1, 2 and 3 threads: the sequential numbers, in order")
    func sameAsSequential() {
        let seeds: [UInt64] = [0, 1, 2, 3, 4, 5, 6]
        let sequential = seeds.map { Self.train(seed: $0) }
        #expect(Set(sequential).count == seeds.count)  // the seeds do differ
        for threads in [1, 2, 3] {
            #expect(concurrentMap(seeds, threads: threads) { Self.train(seed: $0) } == sequential, "\(threads) threads")
        }
        #expect(concurrentMap([UInt64](), threads: 2) { Self.train(seed: $0) }.isEmpty)
    }
}
