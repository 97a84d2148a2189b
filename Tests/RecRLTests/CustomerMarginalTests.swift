import Foundation
import Testing

@testable import RecRL

@Suite("Exact customer marginals")
struct CustomerMarginalTests {
    @Test("the persona model's exact marginals sum to 1 and give P(female) = Σ πₚ fₚ = 0.5805 by hand")
    func byHand() {
        let marginals = TaobaoWorld().truth.population.exactMarginals()
        #expect(marginals.map(\.count) == TaobaoLayout.groupSizes)
        for m in marginals { #expect(abs(m.reduce(0, +) - 1) < 1e-12) }
        // 0.2·0.55 + 0.24·0.5 + 0.2·0.75 + 0.14·0.8 + 0.1·0.15 + 0.07·0.55 + 0.05·0.7 = 0.5805.
        #expect(abs(marginals[6][0] - 0.5805) < 1e-12)
        // A rounded, clamped N(0.9, 0.7²) (the students' age band): P(band 0) = Φ((0.5 − 0.9)/0.7).
        let band0 = CustomerPopulation.levels(mean: 0.9, std: 0.7, count: 11)[0]
        #expect(abs(band0 - 0.5 * erfc((0.9 - 0.5) / (0.7 * 2.0.squareRoot()))) < 1e-15)
        #expect(abs(band0 - 0.2838546) < 1e-6)  // Φ(−0.5714286)
    }

    @Test("the exact marginals agree with 400,000 sampled customers on every attribute (TV < 0.005)")
    func againstSampling() {
        let population = TaobaoWorld().truth.population
        var rng = RNG(seed: 17)
        let sample = CustomerSet(population: population, count: 400_000, rng: &rng)
        for (g, exact) in population.exactMarginals().enumerated() {
            let tv = DistributionMeasures.totalVariation(sample.proportions(group: g), exact)
            #expect(tv < 0.005, "attribute \(g): TV \(tv) between the exact marginal and the sample")
        }
    }
}
