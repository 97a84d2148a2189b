import Foundation

/// What one engine did with each of its customers in an A/B test: purchases, pages, clicks, items
/// bought (TV) and money spent (TT, yuan) per session. R2P is pooled, Σ purchases / Σ pages, as
/// `EngineMetrics.r2p`.
public struct SessionOutcomes: Sendable, Equatable {
    public var purchases: [Double] = []
    public var pages: [Double] = []
    public var clicks: [Double] = []
    public var volume: [Double] = []
    public var turnover: [Double] = []
    public init() {}
    /// Total turnover per customer (yuan) and total volume per customer (items).
    public var turnoverPerCustomer: Double { turnover.reduce(0, +) / Double(max(count, 1)) }
    public var volumePerCustomer: Double { volume.reduce(0, +) / Double(max(count, 1)) }
    public var count: Int { pages.count }
    public var r2p: Double { purchases.reduce(0, +) / max(pages.reduce(0, +), 1) }
    public var ctr: Double { clicks.reduce(0, +) / max(Double(TaobaoLayout.pageSize) * pages.reduce(0, +), 1) }

    /// The first `n` customers only (the test as it stood after n customers).
    public func prefix(_ n: Int) -> SessionOutcomes {
        var o = SessionOutcomes()
        o.purchases = Array(purchases.prefix(n))
        o.pages = Array(pages.prefix(n))
        o.clicks = Array(clicks.prefix(n))
        o.volume = Array(volume.prefix(n))
        o.turnover = Array(turnover.prefix(n))
        return o
    }

    /// R2P over the customers `indices` (with repeats, for a bootstrap resample).
    public func r2p(indices: [Int]) -> Double {
        var p = 0.0
        var n = 0.0
        for i in indices {
            p += purchases[i]
            n += pages[i]
        }
        return p / max(n, 1)
    }

    /// Each customer's linearised contribution to R2P (the delta method for a ratio of means):
    /// zᵢ = (purchasesᵢ − R2P · pagesᵢ) / mean(pages), so that R2P's sampling variance ≈ Var(z)/n.
    public var linearised: [Double] {
        let r = r2p
        let meanPages = pages.reduce(0, +) / Double(max(count, 1))
        return zip(purchases, pages).map { ($0 - r * $1) / meanPages }
    }

    /// Plays `engine` on `customers` customers of `environment` drawn from `seed` (the same seed →
    /// the same customers and luck for every engine: common random numbers) and records each session.
    public static func play<Env: Environment>(
        _ environment: Env, engine: Engine, customers: Int, seed: UInt64, world: TaobaoWorld
    ) -> SessionOutcomes {
        var o = SessionOutcomes()
        var purchases = 0.0
        var pages = 0.0
        var clicks = 0.0
        var volume = 0.0
        var turnover = 0.0
        SessionStatistics.play(environment, engine: engine, sessions: customers, seed: seed, world: world) { _, _, r in
            pages += 1
            clicks += Double(r.info.clicks)
            if r.info.purchase { purchases += 1 }
            volume += Double(r.info.itemsBought)
            turnover += r.info.turnover
            if r.done {
                o.purchases.append(purchases)
                o.pages.append(pages)
                o.clicks.append(clicks)
                o.volume.append(volume)
                o.turnover.append(turnover)
                (purchases, pages, clicks, volume, turnover) = (0, 0, 0, 0, 0)
            }
        }
        return o
    }
}

/// A point estimate with a confidence interval.
public struct Interval: Sendable, Equatable {
    public var estimate: Double
    public var low: Double
    public var high: Double
    public init(estimate: Double, low: Double, high: Double) {
        self.estimate = estimate
        self.low = low
        self.high = high
    }
    public func contains(_ x: Double) -> Bool { low <= x && x <= high }
}

/// The nonparametric bootstrap (Efron): resample customers with replacement, recompute the
/// statistic, and take the percentiles of the resampled statistics as the interval.
public enum Bootstrap {
    /// The percentile interval at `level` of `statistic` over `resamples` resamples of n indices
    /// 0..<n with replacement. `statistic` gets the resampled indices (the identity for the estimate).
    public static func percentileInterval(
        n: Int, resamples: Int = 1_000, level: Double = 0.95, seed: UInt64 = 0, statistic: ([Int]) -> Double
    ) -> Interval {
        precondition(n > 0 && resamples > 1 && level > 0 && level < 1, "bootstrap: n, resamples, level")
        var rng = RNG(seed: seed)
        var values: [Double] = []
        values.reserveCapacity(resamples)
        var indices = [Int](repeating: 0, count: n)
        for _ in 0..<resamples {
            for i in 0..<n { indices[i] = rng.int(below: n) }
            values.append(statistic(indices))
        }
        values.sort()
        let alpha = (1 - level) / 2
        return Interval(
            estimate: statistic(Array(0..<n)), low: quantile(values, alpha), high: quantile(values, 1 - alpha))
    }

    /// The relative improvement of a per-customer total (turnover, volume) on the same customers,
    /// Σ treatment / Σ control − 1, with a paired percentile bootstrap interval (customer i is the
    /// same customer in both lists: common random numbers).
    public static func pairedImprovement(
        ofTotals treatment: [Double], over control: [Double], resamples: Int = 1_000, level: Double = 0.95,
        seed: UInt64 = 0
    ) -> Interval {
        precondition(treatment.count == control.count, "a paired bootstrap needs the same customers")
        return percentileInterval(n: control.count, resamples: resamples, level: level, seed: seed) { idx in
            var a = 0.0
            var b = 0.0
            for i in idx {
                a += treatment[i]
                b += control[i]
            }
            return a / b - 1
        }
    }

    /// The relative improvement of `treatment`'s R2P over `control`'s, (R_B − R_A)/R_A, with a
    /// percentile bootstrap interval. `paired` (common random numbers: customer i is the same
    /// customer in both) resamples customers once for both engines; otherwise (buckets: two
    /// independent customer streams) each engine's customers are resampled on their own.
    public static func improvement(
        of treatment: SessionOutcomes, over control: SessionOutcomes, paired: Bool, resamples: Int = 1_000,
        level: Double = 0.95, seed: UInt64 = 0
    ) -> Interval {
        if paired {
            precondition(treatment.count == control.count, "a paired bootstrap needs the same customers")
            return percentileInterval(n: control.count, resamples: resamples, level: level, seed: seed) { idx in
                treatment.r2p(indices: idx) / control.r2p(indices: idx) - 1
            }
        }
        var rng = RNG(seed: seed)
        var values: [Double] = []
        var ia = [Int](repeating: 0, count: control.count)
        var ib = [Int](repeating: 0, count: treatment.count)
        for _ in 0..<resamples {
            for i in 0..<ia.count { ia[i] = rng.int(below: ia.count) }
            for i in 0..<ib.count { ib[i] = rng.int(below: ib.count) }
            values.append(treatment.r2p(indices: ib) / control.r2p(indices: ia) - 1)
        }
        values.sort()
        let alpha = (1 - level) / 2
        return Interval(
            estimate: treatment.r2p / control.r2p - 1, low: quantile(values, alpha), high: quantile(values, 1 - alpha))
    }

    /// The q-quantile of sorted `values`, linearly interpolated.
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let x = q * Double(sorted.count - 1)
        let i = Int(x.rounded(.down))
        let j = min(i + 1, sorted.count - 1)
        return sorted[i] + (x - Double(i)) * (sorted[j] - sorted[i])
    }
}

/// Two-sided tests and sample sizes for R2P, through the delta method (`SessionOutcomes.linearised`).
public enum ABStatistics {
    /// The standard normal CDF Φ(x).
    public static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// z for which Φ(z) = p, by bisection on Φ (100 halvings of [−10, 10]: exact to double precision).
    public static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "normalQuantile needs 0 < p < 1, got \(p)")
        var lo = -10.0
        var hi = 10.0
        for _ in 0..<100 {
            let mid = (lo + hi) / 2
            if normalCDF(mid) < p { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// A z statistic and its two-sided p-value.
    public struct Test: Sendable, Equatable {
        public var difference: Double
        public var standardError: Double
        public var z: Double { difference / standardError }
        public var pValue: Double { 2 * (1 - normalCDF(Swift.abs(z))) }
    }

    /// The paired test of R2P_B − R2P_A when customer i is the same customer for both engines
    /// (common random numbers): dᵢ = z_B,i − z_A,i, SE = sd(d)/√n.
    public static func pairedTest(_ b: SessionOutcomes, _ a: SessionOutcomes) -> Test {
        precondition(a.count == b.count && a.count > 1, "a paired test needs the same customers, n > 1")
        let d = zip(b.linearised, a.linearised).map { $0 - $1 }
        return Test(difference: b.r2p - a.r2p, standardError: (variance(d) / Double(d.count)).squareRoot())
    }

    /// The unpaired (Welch-style) test for two independent buckets: SE² = Var(z_B)/n_B + Var(z_A)/n_A.
    public static func unpairedTest(_ b: SessionOutcomes, _ a: SessionOutcomes) -> Test {
        let se = (variance(b.linearised) / Double(b.count) + variance(a.linearised) / Double(a.count)).squareRoot()
        return Test(difference: b.r2p - a.r2p, standardError: se)
    }

    /// Customers per engine to detect a difference `delta` in R2P with a two-sided test at level α
    /// and power 1 − β, when one customer's linearised difference has variance `varianceOfOne`:
    ///
    ///     n = (z_{1−α/2} + z_{1−β})² · varianceOfOne / δ²
    ///
    /// For buckets varianceOfOne = Var(z_A) + Var(z_B) (n per bucket); for common random numbers
    /// varianceOfOne = Var(z_B − z_A), which is smaller when the customers' luck is shared.
    public static func sampleSize(varianceOfOne: Double, delta: Double, alpha: Double = 0.05, power: Double = 0.8)
        -> Double
    {
        let z = normalQuantile(1 - alpha / 2) + normalQuantile(power)
        return z * z * varianceOfOne / (delta * delta)
    }

    /// The sample variance (n − 1 in the denominator).
    public static func variance(_ x: [Double]) -> Double {
        let m = x.reduce(0, +) / Double(x.count)
        return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(max(x.count - 1, 1))
    }
}
