import Foundation

extension CustomerPopulation {
    /// The exact marginal distribution of each of the 11 attributes (in layout order), computed
    /// from the persona model in `sample(rng:)` without sampling.
    ///
    /// Every continuous step of the model is a Gaussian that is rounded and clamped, so each
    /// level has a probability from the normal CDF Φ:
    ///
    ///     P(⌊X⌉ = k) = Φ((k + ½ − μ)/σ) − Φ((k − ½ − μ)/σ),   the end levels taking the tails
    ///
    /// and everything else is a finite sum over persona p, age band a, years y, purchase power and
    /// turnover level. Given (p, a) the latent wealth is W ~ N(m, 1), m = wealthₚ + 0.25·(a − 5)₋, so
    /// power = ⌊W + 0.5·N⌉ has variance 1 + 0.25, and turnover = ⌊0.6·W + 0.25·y + 0.8·N⌉ given (p, a, y)
    /// has mean 0.6·m + 0.25·y and variance 0.36 + 0.64. Visit frequency and member tier are sums
    /// over turnover, the query category over gender, the customer category over power.
    public func exactMarginals() -> [[Double]] {
        let sizes = TaobaoLayout.groupSizes
        var marginals = sizes.map { [Double](repeating: 0, count: $0) }
        let total = Self.personas.reduce(0) { $0 + $1.weight }
        for (p, persona) in Self.personas.enumerated() {
            let pi = persona.weight / total
            var turnoverGivenP = [Double](repeating: 0, count: sizes[0])
            var powerGivenP = [Double](repeating: 0, count: sizes[1])
            for (a, pa) in Self.levels(mean: persona.age, std: 0.7, count: sizes[2]).enumerated() {
                marginals[2][a] += pi * pa
                let m = persona.wealth + 0.25 * min(Double(a) - 5, 0)
                for (k, pk) in Self.levels(mean: m, std: 1.25.squareRoot(), count: sizes[1]).enumerated() {
                    powerGivenP[k] += pa * pk
                }
                for (y, py) in Self.levels(mean: 0.7 * Double(a - 1) + 1, std: 1.5, count: sizes[3]).enumerated() {
                    marginals[3][y] += pi * pa * py
                    for (t, pt) in Self.levels(mean: 0.6 * m + 0.25 * Double(y), std: 1, count: sizes[0]).enumerated() {
                        turnoverGivenP[t] += pa * py * pt
                    }
                }
            }
            for t in 0..<sizes[0] {
                marginals[0][t] += pi * turnoverGivenP[t]
                let visits = Self.levels(mean: persona.activity + 0.4 * Double(t), std: 1.5, count: sizes[4])
                for v in 0..<sizes[4] { marginals[4][v] += pi * turnoverGivenP[t] * visits[v] }
                let td = Double(t)
                let tier = Self.softmax([0, td - 5, 2 * (td - 6.5)])
                for k in 0..<sizes[8] { marginals[8][k] += pi * turnoverGivenP[t] * tier[k] }
            }
            for (r, pr) in Self.softmax(regionLogits[p]).enumerated() { marginals[5][r] += pi * pr }
            marginals[6][0] += pi * persona.femaleProbability
            marginals[6][1] += pi * (1 - persona.femaleProbability)
            marginals[7][1] += pi * persona.desktopProbability
            marginals[7][0] += pi * (1 - persona.desktopProbability)
            for (gender, pg) in [(0, persona.femaleProbability), (1, 1 - persona.femaleProbability)] {
                var affinity = [Double](repeating: 0, count: sizes[9])
                for c in persona.favouriteCategories { affinity[c] += 2.2 }
                for c in gender == 0 ? [0, 3, 4] : [1, 12, 13, 16] { affinity[c] += 0.8 }
                for (q, pq) in Self.softmax(affinity).enumerated() { marginals[9][q] += pi * pg * pq }
            }
            for k in 0..<sizes[1] {
                marginals[1][k] += pi * powerGivenP[k]
                let pw = Double(k)
                let category = Self.softmax([0.9 * (3 - pw) + persona.bargain, 0.8, 0.9 * (pw - 4.5) + persona.premium])
                for c in 0..<sizes[10] { marginals[10][c] += pi * powerGivenP[k] * category[c] }
            }
        }
        return marginals
    }

    /// P(min(max(⌊X⌉, 0), count − 1) = k) for X ~ N(mean, std²), k = 0 … count − 1.
    static func levels(mean: Double, std: Double, count: Int) -> [Double] {
        func cdf(_ x: Double) -> Double { 0.5 * erfc(-(x - mean) / (std * 2.0.squareRoot())) }
        return (0..<count).map { k in
            let upper = k == count - 1 ? 1 : cdf(Double(k) + 0.5)
            let lower = k == 0 ? 0 : cdf(Double(k) - 0.5)
            return upper - lower
        }
    }

    /// softmax of some logits.
    static func softmax(_ logits: [Double]) -> [Double] {
        let m = logits.max()!
        let e = logits.map { Foundation.exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }
}
