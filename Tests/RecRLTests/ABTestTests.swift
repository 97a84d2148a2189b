import Foundation
import Testing

@testable import RecRL

@Suite("A/B test statistics and off-policy estimators")
struct ABTestTests {
    /// n customers with one page each and a purchase with probability p.
    func bernoulli(_ n: Int, _ p: Double, _ rng: inout RNG) -> SessionOutcomes {
        var o = SessionOutcomes()
        for _ in 0..<n {
            o.purchases.append(rng.uniform() < p ? 1 : 0)
            o.pages.append(1)
            o.clicks.append(0)
        }
        return o
    }

    @Test("bootstrap 95 % intervals cover the known answer about 95 % of the time (seeded simulation)")
    func coverage() {
        var rng = RNG(seed: 2024)
        var coveredMean = 0
        var coveredImprovement = 0
        let runs = 200
        for run in 0..<runs {
            let a = bernoulli(200, 0.3, &rng)
            let i = Bootstrap.percentileInterval(n: a.count, resamples: 400, seed: UInt64(run)) { a.r2p(indices: $0) }
            if i.contains(0.3) { coveredMean += 1 }
            // Two independent buckets, R2P 0.2 and 0.3: the true improvement is +50 %.
            let c = bernoulli(400, 0.2, &rng)
            let t = bernoulli(400, 0.3, &rng)
            let j = Bootstrap.improvement(of: t, over: c, paired: false, resamples: 400, seed: UInt64(run))
            if j.contains(0.5) { coveredImprovement += 1 }
        }
        let m = Double(coveredMean) / Double(runs)
        let g = Double(coveredImprovement) / Double(runs)
        // Binomial(200, 0.95) has sd 1.5 %; the percentile bootstrap runs a little under at n = 200.
        #expect(m >= 0.89 && m <= 0.99, "coverage of the mean: \(m)")
        #expect(g >= 0.89 && g <= 0.99, "coverage of the improvement: \(g)")
    }

    @Test("paired test by hand: R2P 0.5 vs 0.25 on 4 customers → d = (¾, −¼, −¼, −¼), SE ¼, z = 1, p = 0.3173")
    func pairedByHand() {
        var b = SessionOutcomes()
        b.purchases = [1, 0, 1, 0]
        b.pages = [1, 1, 1, 1]
        var a = SessionOutcomes()
        a.purchases = [0, 0, 1, 0]
        a.pages = [1, 1, 1, 1]
        let t = ABStatistics.pairedTest(b, a)
        #expect(Swift.abs(t.difference - 0.25) < 1e-12)
        #expect(Swift.abs(t.standardError - 0.25) < 1e-12, "SE \(t.standardError)")
        #expect(Swift.abs(t.pValue - 0.317311) < 1e-5, "p \(t.pValue)")
    }

    @Test("sample size by hand: v = 1, δ = 0.1 → (1.959964 + 0.841621)² / 0.01 = 784.89")
    func sampleSize() {
        #expect(Swift.abs(ABStatistics.normalQuantile(0.975) - 1.959964) < 1e-6)
        #expect(Swift.abs(ABStatistics.normalQuantile(0.8) - 0.841621) < 1e-6)
        let n = ABStatistics.sampleSize(varianceOfOne: 1, delta: 0.1)
        #expect(Swift.abs(n - 784.886) < 0.01, "got \(n)")
    }

    @Test("the A/B harness: the same seed gives identical outcomes and intervals; another seed, other customers")
    func sameSeed() {
        let world = TaobaoWorld()
        let e = Engine.random()
        let a = SessionOutcomes.play(world, engine: e, customers: 60, seed: 7, world: world)
        let b = SessionOutcomes.play(world, engine: e, customers: 60, seed: 7, world: world)
        let c = SessionOutcomes.play(world, engine: e, customers: 60, seed: 8, world: world)
        #expect(a == b)
        #expect(a != c)
        #expect(a.count == 60 && a.pages.allSatisfy { $0 >= 1 })
        let m = world.evaluate(e, customers: 60, seed: 7)
        #expect(Swift.abs(a.r2p - m.r2p) < 1e-12 && Swift.abs(a.ctr - m.ctr) < 1e-12, "pooled R2P and CTR as evaluate")
        let i = Bootstrap.improvement(of: a, over: c, paired: true, resamples: 100, seed: 1)
        let j = Bootstrap.improvement(of: b, over: c, paired: true, resamples: 100, seed: 1)
        #expect(i == j)
    }

    @Test("IPS, SNIPS, ESS and DR on a tiny logged bandit by hand")
    func offPolicyByHand() {
        // μ uniform over two actions; π picks action 1 with 0.8: w = 1.6 for a = 1, 0.4 for a = 0.
        // Records (a, r): (1, 1), (1, 0), (1, 1), (0, 0).
        let w = [1.6, 1.6, 1.6, 0.4]
        let bandit = LoggedBandit(logWeights: w.map { Foundation.log($0) }, rewards: [1, 0, 1, 0])
        #expect(Swift.abs(bandit.ips - 0.8) < 1e-12, "IPS = 3.2/4, got \(bandit.ips)")
        #expect(Swift.abs(bandit.snips - 3.2 / 5.2) < 1e-12, "SNIPS = 3.2/5.2, got \(bandit.snips)")
        #expect(Swift.abs(bandit.effectiveSampleSize - 27.04 / 7.84) < 1e-12, "ESS = 5.2²/7.84")
        // r̂ = ½ everywhere: DR = ½ + (0.8 − 0.8 + 0.8 − 0.2)/4 = 0.65.
        let dr = bandit.doublyRobust(modelAtTarget: [0.5, 0.5, 0.5, 0.5], modelAtLogged: [0.5, 0.5, 0.5, 0.5])
        #expect(Swift.abs(dr - 0.65) < 1e-12, "got \(dr)")
    }

    @Test("Gaussian log density by hand")
    func gaussian() {
        #expect(Swift.abs(gaussianLogDensity([0], mean: [0], sigma: 1) + 0.918939) < 1e-6)
        // x = (1, 2), σ = 2: −½(¼ + 1) − 2(ln 2 + ½ ln 2π) = −3.849171.
        #expect(Swift.abs(gaussianLogDensity([1, 2], mean: [0, 0], sigma: 2) + 3.849171) < 1e-6)
    }
}

@Suite("Bootstrap of a paired total (turnover, volume)")
struct PairedTotalBootstrapTests {
    @Test("treatment = 1.5 × control per customer: the estimate and every resample are +50 % exactly")
    func exactRatio() {
        var rng = RNG(seed: 5)
        let control = (0..<300).map { _ in rng.uniform(0, 10) }
        let treatment = control.map { 1.5 * $0 }
        let i = Bootstrap.pairedImprovement(ofTotals: treatment, over: control, resamples: 200, seed: 1)
        #expect(
            Swift.abs(i.estimate - 0.5) < 1e-12 && Swift.abs(i.low - 0.5) < 1e-12 && Swift.abs(i.high - 0.5) < 1e-12)
    }

    @Test("coverage: noisy +20 % totals, the 95 % interval holds the true +20 % in most seeded trials")
    func coverage() {
        var covered = 0
        for trial in 0..<100 {
            var rng = RNG(seed: UInt64(100 + trial))
            let control = (0..<400).map { _ in rng.uniform(0, 2) }
            let treatment = control.map { 1.2 * $0 * rng.uniform(0.5, 1.5) }
            let i = Bootstrap.pairedImprovement(ofTotals: treatment, over: control, resamples: 300, seed: UInt64(trial))
            if i.contains(0.2) { covered += 1 }
        }
        #expect(covered >= 88 && covered <= 100, "covered \(covered) of 100")
    }
}
