import Foundation
import Testing

@testable import RecRL

@Suite("EM for mixtures")
struct MixtureEMTests {
    @Test("GMM by EM on 88-dim one-hot customers: the log-likelihood never decreases")
    func gmmMonotone() {
        var rng = RNG(seed: 1)
        let customers = CustomerSet(population: TaobaoWorld().truth.population, count: 1_500, rng: &rng)
        let gmm = GaussianMixture(
            data: customers.oneHotRows.data, dimension: 88, components: 5, iterations: 12, rng: &rng)
        #expect(gmm.logLikelihoods.count == 12)
        for (before, after) in zip(gmm.logLikelihoods, gmm.logLikelihoods.dropFirst()) {
            #expect(after >= before - 1e-9 * abs(before), "log-likelihood fell from \(before) to \(after)")
        }
        #expect(gmm.logLikelihoods.last! > gmm.logLikelihoods.first!)
        // Its samples decode to one value per attribute.
        let s = gmm.sample(count: 50, rng: &rng)
        #expect(s.count == 50)
    }

    @Test("GMM by EM recovers a 2-component 1-D mixture: 0.3·N(−2, 0.5²) + 0.7·N(3, 1²)")
    func gmmRecovers() {
        var rng = RNG(seed: 4)
        let n = 6_000
        let data = (0..<n).map { _ in rng.uniform() < 0.3 ? rng.normal(mean: -2, std: 0.5) : rng.normal(mean: 3, std: 1)
        }
        let gmm = GaussianMixture(data: data, dimension: 1, components: 2, iterations: 60, rng: &rng)
        let low = gmm.means[0][0] < gmm.means[1][0] ? 0 : 1, high = 1 - low
        #expect(abs(gmm.weights[low] - 0.3) < 0.02)
        #expect(abs(gmm.means[low][0] + 2) < 0.05 && abs(gmm.means[high][0] - 3) < 0.05)
        #expect(abs(gmm.variances[low][0].squareRoot() - 0.5) < 0.05)
        #expect(abs(gmm.variances[high][0].squareRoot() - 1) < 0.05)
        for (before, after) in zip(gmm.logLikelihoods, gmm.logLikelihoods.dropFirst()) {
            #expect(after >= before - 1e-12)
        }
    }

    @Test("latent class model by EM on customers: the log-likelihood never decreases")
    func latentClassMonotone() {
        var rng = RNG(seed: 2)
        let customers = CustomerSet(population: TaobaoWorld().truth.population, count: 2_000, rng: &rng)
        let model = LatentClassModel(data: customers.values, classes: 6, iterations: 25, rng: &rng)
        for (before, after) in zip(model.logLikelihoods, model.logLikelihoods.dropFirst()) {
            #expect(after >= before - 1e-9 * abs(before), "log-likelihood fell from \(before) to \(after)")
        }
        #expect(model.logLikelihoods.last! > model.logLikelihoods.first!)
    }

    @Test("latent class model recovers 2 classes of 3 binary attributes: π = (0.4, 0.6)")
    func latentClassRecovers() {
        // Class A (40 %): P(value 1) = (0.9, 0.8, 0.1); class B (60 %): (0.2, 0.1, 0.7).
        var rng = RNG(seed: 8)
        let a = [0.9, 0.8, 0.1], b = [0.2, 0.1, 0.7]
        var data: [Int] = []
        for _ in 0..<20_000 {
            let p = rng.uniform() < 0.4 ? a : b
            data += p.map { rng.uniform() < $0 ? 1 : 0 }
        }
        let model = LatentClassModel(data: data, groupSizes: [2, 2, 2], classes: 2, iterations: 200, rng: &rng)
        let first = model.probabilities[0][0][1] > model.probabilities[1][0][1] ? 0 : 1
        #expect(abs(model.weights[first] - 0.4) < 0.03)
        for g in 0..<3 {
            #expect(abs(model.probabilities[first][g][1] - a[g]) < 0.04)
            #expect(abs(model.probabilities[1 - first][g][1] - b[g]) < 0.04)
        }
    }
}
