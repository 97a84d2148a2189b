import Foundation

/// How a customer's hidden 27-dim preference θ follows from the 11 attributes, and how it drifts.
///
///     θ_c(day) = μ + Σ_g E_g[v_{c,g}] + τ ⊙ ε_c  +  δ(day) · (Δμ + Σ_g ΔE_g[v_{c,g}]),   ε_c ~ N(0, I₂₇)
///
/// `μ` is the population's mean taste (likes good ratings, a high historical CTR, sales and
/// discounts, dislikes high prices and returns). `E_g[v]` is the shift of value v of attribute g:
/// written by hand for the named features (purchase power raises the price and brand weights,
/// bargain hunters weight discounts and promotions, premium customers brands and ratings, the young
/// weight newness and sales, …) and seeded for the 12 style coordinates (query category, age,
/// gender, region and customer category each move the style taste). Because `μ + Σ_g E_g[v_g]` is
/// linear in the one-hot vector, a linear policy that reads the attributes can rank by it; only the
/// per-customer noise `τ ⊙ ε` (τ = 0.15 on the 15 named features, 0.35 on the style coordinates) is
/// hidden from every engine but the oracle. τ is chosen so that the attributes explain most of the
/// taste: ranking by μ + Σ_g E_g[v_g] alone (the "attribute oracle") scores about 0.87 on the
/// normalised scale, the ceiling of any policy that reads only the observation. (With the earlier
/// τ = 0.35 / 0.8 that ceiling was 0.66, which left PPO's ≥ 0.8 target out of reach.)
///
/// Drift: `δ(day) = ln(1 + day) / ln(31)` (0, 0.20, 0.60, 1.00 at days 0, 1, 7, 30; it keeps
/// growing slowly after), times a seeded direction `Δμ ~ N(0, 0.3²)`, `ΔE ~ N(0, 0.3²)` for the
/// query-category, age and gender rows.
public struct PreferenceModel: Sendable {
    /// μ (27).
    public let mean: [Double]
    /// E as an 88 × 27 row-major matrix: row `offset_g + v` is `E_g[v]`.
    public let effects: [Double]
    /// τ (27).
    public let noiseScale: [Double]
    /// Δμ (27).
    public let driftMean: [Double]
    /// ΔE (88 × 27).
    public let driftEffects: [Double]

    /// δ(day) = ln(1 + day) / ln(31): 0 at day 0, 1 at day 30.
    public static func driftAmount(day: Double) -> Double {
        precondition(day >= 0 && day.isFinite, "day must be a non-negative number, got \(day)")
        return Foundation.log(1 + day) / Foundation.log(31)
    }

    public init(rng: inout RNG) {
        let d = TaobaoLayout.actionSize
        let offsets = TaobaoLayout.groupOffsets
        let sizes = TaobaoLayout.groupSizes
        typealias F = ItemFeature

        var mu = [Double](repeating: 0, count: d)
        let meanTaste: [(F, Double)] = [
            (.price, -0.4), (.salesVolume, 0.3), (.historicalCTR, 0.4), (.rating, 0.5), (.reviewCount, 0.15),
            (.discount, 0.25), (.freeShipping, 0.2), (.brandTier, 0.1), (.shopReputation, 0.2),
            (.deliverySpeed, 0.1), (.returnRate, -0.3), (.newness, 0.05), (.imageQuality, 0.15),
            (.favourites, 0.15), (.promotion, 0.1),
        ]
        for (f, w) in meanTaste { mu[f.rawValue] = w }
        mean = mu

        var e = [Double](repeating: 0, count: TaobaoLayout.staticSize * d)
        func add(_ group: Int, _ value: Int, _ f: F, _ w: Double) {
            e[(offsets[group] + value) * d + f.rawValue] += w
        }
        // Named features, by hand.
        for v in 0..<8 {
            let x = Double(v) - 3.5
            add(1, v, .price, 0.18 * x)  // purchase power
            add(1, v, .brandTier, 0.12 * x)
            add(1, v, .discount, -0.06 * x)
            add(0, v, .shopReputation, 0.05 * x)  // history turnover
            add(0, v, .reviewCount, 0.04 * x)
        }
        for a in 0..<11 {
            let young = 4 - Double(a)
            add(2, a, .newness, 0.08 * young)  // age band
            add(2, a, .salesVolume, 0.05 * young)
            add(2, a, .imageQuality, 0.04 * young)
            add(2, a, .rating, -0.03 * young)
            add(3, a, .shopReputation, 0.04 * (Double(a) - 4))  // years on platform
            add(4, a, .promotion, 0.05 * (Double(a) - 5))  // visit frequency
        }
        add(7, 1, .imageQuality, -0.1)  // desktop
        for tier in 0..<3 {
            add(8, tier, .deliverySpeed, 0.2 * Double(tier))
            add(8, tier, .freeShipping, -0.15 * Double(tier))
        }
        for (f, w) in [(F.discount, 0.5), (.promotion, 0.4), (.price, -0.4), (.freeShipping, 0.2)] {
            add(10, 0, f, w)  // bargain hunter
        }
        for (f, w) in [(F.brandTier, 0.5), (.rating, 0.2), (.price, 0.3), (.discount, -0.2)] {
            add(10, 2, f, w)  // premium
        }
        // Style coordinates, seeded. Ordinal attributes move smoothly between two random ends.
        let styles = F.style0.rawValue..<d
        func randomRow(_ scale: Double) -> [Double] { styles.map { _ in scale * rng.normal() } }
        for (group, scale) in [(2, 0.45), (4, 0.15)] {
            let young = randomRow(scale)
            let old = randomRow(scale)
            for v in 0..<sizes[group] {
                let t = Double(v) / Double(sizes[group] - 1)
                for (k, f) in styles.enumerated() {
                    e[(offsets[group] + v) * d + f] += (1 - t) * young[k] + t * old[k]
                }
            }
        }
        for (group, scale) in [(9, 0.6), (6, 0.5), (5, 0.3), (10, 0.3), (7, 0.1)] {
            for v in 0..<sizes[group] {
                for (k, w) in randomRow(scale).enumerated() { e[(offsets[group] + v) * d + styles.lowerBound + k] += w }
            }
        }
        effects = e

        noiseScale = (0..<d).map { $0 < F.style0.rawValue ? 0.15 : 0.35 }

        driftMean = (0..<d).map { _ in 0.3 * rng.normal() }
        var de = [Double](repeating: 0, count: TaobaoLayout.staticSize * d)
        for group in [9, 2, 6] {
            for v in 0..<sizes[group] {
                for f in 0..<d { de[(offsets[group] + v) * d + f] = 0.3 * rng.normal() }
            }
        }
        driftEffects = de
    }

    /// The part of θ the attributes explain: μ + Σ_g E_g[v_g] (+ its drift at `day`).
    public func attributePreference(_ attributes: [Int], day: Double = 0) -> [Double] {
        let d = TaobaoLayout.actionSize
        let delta = Self.driftAmount(day: day)
        var theta = [Double](repeating: 0, count: d)
        for f in 0..<d { theta[f] = mean[f] + delta * driftMean[f] }
        for (g, v) in attributes.enumerated() {
            let row = (TaobaoLayout.groupOffsets[g] + v) * d
            for f in 0..<d { theta[f] += effects[row + f] + delta * driftEffects[row + f] }
        }
        return theta
    }

    /// θ_c(day) for attributes and the customer's own noise ε (27 standard normal draws).
    public func preference(_ attributes: [Int], noise: [Double], day: Double) -> [Double] {
        precondition(noise.count == TaobaoLayout.actionSize, "noise needs 27 values, got \(noise.count)")
        var theta = attributePreference(attributes, day: day)
        for f in 0..<theta.count { theta[f] += noiseScale[f] * noise[f] }
        return theta
    }
}
