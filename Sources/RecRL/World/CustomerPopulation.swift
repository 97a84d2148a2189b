import Foundation

/// The ground-truth customer distribution 𝒫ᶜ of `TaobaoWorld`: 11 static attributes drawn from
/// latent personas with cross-attribute dependencies (see `TaobaoWorld` for the whole model).
///
/// A customer is drawn in this order (N = a standard normal draw, ⌊·⌉ = round and clamp to the
/// group's range):
///
///     persona p            ~ Cat(π)                          7 personas, one rare (5 %)
///     age band             = ⌊ageₚ + 0.7·N⌉                  multi-modal: students, parents, retirees
///     years on platform    = ⌊0.7·(age − 1) + 1 + 1.5·N⌉      older customers joined earlier
///     wealth w             = wealthₚ + 0.25·(age − 5)₋ + N    latent, not observed
///     purchase power       = ⌊w + 0.5·N⌉
///     history turnover     = ⌊0.6·w + 0.25·years + 0.8·N⌉
///     visit frequency      = ⌊activityₚ + 0.4·turnover + 1.5·N⌉
///     region               ~ Cat(softmax(regionₚ))           seeded logits per persona; "overseas" rare
///     gender               ~ Bernoulli(femaleₚ)
///     device               ~ Bernoulli(desktopₚ)
///     member tier          ~ Cat(softmax(0, turnover − 5, 2·(turnover − 6.5)))   super VIP rare
///     query category       ~ Cat(softmax(affinityₚ + gender shift))
///     customer category    ~ Cat(softmax(0.9·(3 − power) + bargainₚ, 0.8, 0.9·(power − 4.5) + premiumₚ))
///
/// where `(x)₋ = min(x, 0)` (wealth grows until middle age). The marginals are multi-modal (age,
/// turnover), some values are rare (super VIP, overseas, some categories), and the Table 1
/// attributes depend on each other (turnover and power through w; customer category through
/// power), so a mixture of independent Gaussians (GMM) cannot fit them well.
public struct CustomerPopulation: Sendable {
    /// One latent customer type.
    public struct Persona: Sendable {
        public let name: String
        /// Mixture weight π (unnormalised).
        public let weight: Double
        /// Mean age band (0…10).
        public let age: Double
        /// Mean latent wealth (on the 0…7 purchase-power scale).
        public let wealth: Double
        /// Mean visit-frequency band (0…10).
        public let activity: Double
        public let femaleProbability: Double
        public let desktopProbability: Double
        /// Query categories this persona searches most (logit +2.2 each).
        public let favouriteCategories: [Int]
        /// Logit shifts toward bargain hunter / premium customer category.
        public let bargain: Double
        public let premium: Double
    }

    /// The seven personas (fixed; their region logits are seeded).
    public static let personas: [Persona] = [
        Persona(
            name: "student", weight: 0.20, age: 0.9, wealth: 1.6, activity: 6.5, femaleProbability: 0.55,
            desktopProbability: 0.08, favouriteCategories: [0, 1, 2, 7, 12, 15], bargain: 0.8, premium: -0.5),
        Persona(
            name: "young professional", weight: 0.24, age: 3.4, wealth: 3.8, activity: 5.5, femaleProbability: 0.5,
            desktopProbability: 0.2, favouriteCategories: [0, 1, 4, 12, 13, 14], bargain: 0, premium: 0.2),
        Persona(
            name: "parent", weight: 0.20, age: 5.6, wealth: 3.6, activity: 4.5, femaleProbability: 0.75,
            desktopProbability: 0.15, favouriteCategories: [5, 6, 8, 9, 10], bargain: 0.2, premium: 0),
        Persona(
            name: "thrifty homemaker", weight: 0.14, age: 7.0, wealth: 2.2, activity: 5.0, femaleProbability: 0.8,
            desktopProbability: 0.25, favouriteCategories: [7, 8, 9, 10, 11], bargain: 1.2, premium: -0.8),
        Persona(
            name: "tech enthusiast", weight: 0.10, age: 3.0, wealth: 4.6, activity: 3.5, femaleProbability: 0.15,
            desktopProbability: 0.6, favouriteCategories: [11, 12, 13, 16], bargain: -0.2, premium: 0.4),
        Persona(
            name: "retiree", weight: 0.07, age: 9.2, wealth: 3.2, activity: 2.5, femaleProbability: 0.55,
            desktopProbability: 0.5, favouriteCategories: [8, 9, 15, 17], bargain: 0.4, premium: -0.2),
        Persona(
            name: "luxury shopper", weight: 0.05, age: 4.2, wealth: 6.6, activity: 4.0, femaleProbability: 0.7,
            desktopProbability: 0.1, favouriteCategories: [0, 2, 3, 4], bargain: -1.5, premium: 1.8),
    ]

    /// Region logits, one row of 11 per persona (seeded; the last region, "overseas", gets −3).
    public let regionLogits: [[Double]]

    /// Builds the population's seeded parts from the world's generator.
    public init(rng: inout RNG) {
        regionLogits = Self.personas.map { _ in
            (0..<11).map { r in r == 10 ? -3.0 : 0.8 * rng.normal() }
        }
    }

    /// Draws one customer: the persona (hidden) and the 11 attribute values.
    public func sample(rng: inout RNG) -> (persona: Int, attributes: [Int]) {
        let p = rng.categorical(Self.personas.map(\.weight))
        let persona = Self.personas[p]
        func level(_ x: Double, _ size: Int) -> Int { min(max(Int(x.rounded()), 0), size - 1) }

        let age = level(persona.age + 0.7 * rng.normal(), 11)
        let years = level(0.7 * Double(age - 1) + 1 + 1.5 * rng.normal(), 11)
        let wealth = persona.wealth + 0.25 * min(Double(age) - 5, 0) + rng.normal()
        let power = level(wealth + 0.5 * rng.normal(), 8)
        let turnover = level(0.6 * wealth + 0.25 * Double(years) + 0.8 * rng.normal(), 8)
        let visits = level(persona.activity + 0.4 * Double(turnover) + 1.5 * rng.normal(), 11)
        let region = rng.categorical(weights(fromLogits: regionLogits[p]))
        let gender = rng.bernoulli(persona.femaleProbability) ? 0 : 1
        let device = rng.bernoulli(persona.desktopProbability) ? 1 : 0
        let t = Double(turnover)
        let tier = rng.categorical(weights(fromLogits: [0, t - 5, 2 * (t - 6.5)]))
        var affinity = [Double](repeating: 0, count: 18)
        for c in persona.favouriteCategories { affinity[c] += 2.2 }
        if gender == 0 {
            for c in [0, 3, 4] { affinity[c] += 0.8 }
        } else {
            for c in [1, 12, 13, 16] { affinity[c] += 0.8 }
        }
        let query = rng.categorical(weights(fromLogits: affinity))
        let pw = Double(power)
        let category = rng.categorical(
            weights(fromLogits: [0.9 * (3 - pw) + persona.bargain, 0.8, 0.9 * (pw - 4.5) + persona.premium]))
        return (p, [turnover, power, age, years, visits, region, gender, device, tier, query, category])
    }

    /// exp(logits − max): softmax weights up to the normalisation that `RNG.categorical` does.
    private func weights(fromLogits logits: [Double]) -> [Double] {
        let m = logits.max()!
        return logits.map { Foundation.exp($0 - m) }
    }
}
