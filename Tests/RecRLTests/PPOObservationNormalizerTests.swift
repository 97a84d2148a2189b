import Testing

@testable import RecRL

@Suite("PPO observation normaliser")
struct PPOObservationNormalizerTests {
    @Test("running mean and variance as gym's RunningMeanStd; scaled values clipped to ±clip")
    func runningStatistics() {
        // After [1, 10] and [3, 10] (plus gym's pseudo-count 1e-4 at μ = 0, σ² = 1): μ ≈ (2, 10),
        // σ² ≈ (1, 0) — the population variance of {1, 3} is 1.
        let n = ObservationNormalizer(size: 2, clip: 5)
        n.observe([1, 10])
        n.observe([3, 10])
        #expect(Swift.abs(n.mean[0] - 2) < 1e-3 && Swift.abs(n.mean[1] - 10) < 1e-3)
        #expect(Swift.abs(n.variance[0] - 1) < 1e-3 && n.variance[1] < 0.01)
        let z = n.normalize([3, 11])
        #expect(Swift.abs(z[0] - 1) < 1e-3)  // (3 − 2) / 1
        #expect(z[1] == 5)  // (11 − 10) / ≈0.07 is far above 5: clipped
        n.isFrozen = true
        n.observe([100, 100])
        #expect(Swift.abs(n.mean[0] - 2) < 1e-3, "a frozen normaliser must not move")
    }

    @Test("the wrapper returns scaled observations and all copies share one set of statistics")
    func wrapperSharesStatistics() {
        let shared = ObservationNormalizer(size: 1)
        var a = ObservationNormalized(CountingEnvironment(length: 5, endsByTruncation: false), normalizer: shared)
        var b = ObservationNormalized(CountingEnvironment(length: 5, endsByTruncation: false), normalizer: shared)
        _ = a.reset(seed: 0)
        _ = b.reset(seed: 0)
        let result = a.step([0])
        #expect(shared.count > 2.9 && shared.count < 3.1)
        #expect(result.observation == shared.normalize([1]))
    }
}
