import Foundation
import Testing

@testable import RecRL

@Suite("Distributions")
struct DistributionTests {
    @Test("diagonal Gaussian log-likelihood equals −½Σz² − Σlog σ − (d/2)log 2π")
    func gaussianLogProb() {
        // Row 0: x = (0.5, −1), μ = (0, 1), σ = (2, 1): z = (0.25, −2), Σz² = 4.0625.
        // Row 1: x = (3, 0),   μ = (1, 0), σ = (2, 1): z = (1, 0),     Σz² = 1.
        let mean = Tensor([[0, 1], [1, 0]], requiresGrad: true)
        let logStd = Tensor([[Foundation.log(2), 0]], requiresGrad: true)
        let x = Tensor([[0.5, -1], [3, 0]])
        let logProb = DiagonalGaussian(mean: mean, logStd: logStd).logProb(x)
        #expect(logProb.shape == [2, 1])
        let constant = -Foundation.log(2) - Foundation.log(2 * Double.pi)  // −Σ log σ − (2/2) log 2π
        #expect(abs(logProb[0, 0] - (-0.5 * 4.0625 + constant)) < 1e-12)
        #expect(abs(logProb[1, 0] - (-0.5 * 1 + constant)) < 1e-12)
        // ≈ −4.5622743 for row 0, by the numbers: −2.03125 − 0.6931472 − 1.8378771.
        #expect(abs(logProb[0, 0] - -4.5622743) < 1e-7)
    }

    @Test("diagonal Gaussian log-likelihood is differentiable in the mean and the log-std")
    func gaussianGradients() {
        var rng = RNG(seed: 3)
        let mean = Tensor.normal(4, 3, rng: &rng, requiresGrad: true)
        let sharedLogStd = Tensor.normal(1, 3, std: 0.3, rng: &rng, requiresGrad: true)
        let perRowLogStd = Tensor.normal(4, 3, std: 0.3, rng: &rng, requiresGrad: true)
        let x = Tensor.normal(4, 3, rng: &rng)
        let shared = GradientCheck.maxError(
            of: { DiagonalGaussian(mean: mean, logStd: sharedLogStd).logProb(x) }, wrt: [mean, sharedLogStd])
        let perRow = GradientCheck.maxError(
            of: { DiagonalGaussian(mean: mean, logStd: perRowLogStd).logProb(x) }, wrt: [mean, perRowLogStd])
        #expect(shared < 1e-6)
        #expect(perRow < 1e-6)
        // d/dμ log π = (x − μ)/σ² for one entry, by hand.
        mean.zeroGrad()
        DiagonalGaussian(mean: mean, logStd: sharedLogStd).logProb(x).sum().backward()
        let sigma = Foundation.exp(sharedLogStd[0, 1])
        #expect(abs(mean.grad[1] - (x[0, 1] - mean[0, 1]) / (sigma * sigma)) < 1e-12)
    }

    @Test("diagonal Gaussian entropy is Σ(½ log 2πe + log σ); [1×1] for a shared log-std, [B×1] per row")
    func gaussianEntropy() {
        let half = 0.5 * (1 + Foundation.log(2 * Double.pi))  // ½ log(2πe) ≈ 1.4189385
        let shared = DiagonalGaussian(mean: Tensor.zeros(5, 2), logStd: Tensor([[0, Foundation.log(3)]])).entropy()
        #expect(shared.shape == [1, 1])
        #expect(abs(shared.scalar - (2 * half + Foundation.log(3))) < 1e-12)
        #expect(abs(half - 1.4189385) < 1e-7)
        let perRow = DiagonalGaussian(mean: Tensor.zeros(2, 1), logStd: Tensor([[0], [-1]])).entropy()
        #expect(perRow.shape == [2, 1])
        #expect(abs(perRow[0, 0] - half) < 1e-12 && abs(perRow[1, 0] - (half - 1)) < 1e-12)
    }

    @Test("Gaussian samples have the requested mean and standard deviation, and are seeded")
    func gaussianSample() {
        let n = 20_000
        let dist = DiagonalGaussian(mean: Tensor.full(n, 1, 2), logStd: Tensor([[Foundation.log(0.5)]]))
        var rng = RNG(seed: 9)
        let samples = dist.sample(rng: &rng).data
        let mean = samples.reduce(0, +) / Double(n)
        let std = (samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot()
        // Standard errors: 0.5/√n ≈ 0.0035 for the mean, about half that for the std.
        #expect(abs(mean - 2) < 0.015 && abs(std - 0.5) < 0.01)
        var again = RNG(seed: 9)
        #expect(dist.sample(rng: &again).data == samples)
    }

    @Test("categorical on probabilities (1/6, 1/3, 1/2): log-probabilities, entropy, probabilities")
    func categorical3Way() {
        // Logits (0, log 2, log 3) normalise to (1, 2, 3)/6.
        let logits = Tensor([[0, Foundation.log(2), Foundation.log(3)], [5, 5, 5]], requiresGrad: true)
        let dist = Categorical(logits: logits)
        let p = dist.probabilities
        #expect(abs(p[0, 0] - 1.0 / 6) < 1e-15 && abs(p[0, 1] - 1.0 / 3) < 1e-15 && abs(p[0, 2] - 0.5) < 1e-15)
        let logProb = dist.logProb([2, 0])
        #expect(logProb.shape == [2, 1])
        #expect(abs(logProb[0, 0] - Foundation.log(0.5)) < 1e-15)
        #expect(abs(logProb[1, 0] - Foundation.log(1.0 / 3)) < 1e-15)
        // H = −(1/6 log 1/6 + 1/3 log 1/3 + 1/2 log 1/2) ≈ 1.0114043; a uniform row has log 3.
        let entropy = dist.entropy()
        let byHand =
            -(1.0 / 6 * Foundation.log(1.0 / 6) + 1.0 / 3 * Foundation.log(1.0 / 3) + 0.5 * Foundation.log(0.5))
        #expect(abs(entropy[0, 0] - byHand) < 1e-15)
        #expect(abs(byHand - 1.0114043) < 1e-7)
        #expect(abs(entropy[1, 0] - Foundation.log(3)) < 1e-15)
        #expect(dist.mode == [2, 0])
        // ∂ log π(2) / ∂ logits = onehot(2) − π = (−1/6, −1/3, 1/2) for row 0.
        logits.zeroGrad()
        dist.logProb([2, 0]).sum().backward()
        #expect(abs(logits.grad[0] - -1.0 / 6) < 1e-15 && abs(logits.grad[2] - 0.5) < 1e-15)
    }

    @Test("categorical log-probability and entropy pass the finite-difference check")
    func categoricalGradients() {
        var rng = RNG(seed: 4)
        let logits = Tensor.normal(5, 4, rng: &rng, requiresGrad: true)
        let indices = [0, 3, 1, 1, 2]
        #expect(GradientCheck.maxError(of: { Categorical(logits: logits).logProb(indices) }, wrt: [logits]) < 1e-6)
        #expect(GradientCheck.maxError(of: { Categorical(logits: logits).entropy() }, wrt: [logits]) < 1e-6)
    }

    @Test("categorical samples follow the probabilities, and are seeded")
    func categoricalSample() {
        let n = 30_000
        let dist = Categorical(logits: Tensor(Array(repeating: [0, Foundation.log(2), Foundation.log(3)], count: n)))
        var rng = RNG(seed: 5)
        let samples = dist.sample(rng: &rng)
        for (k, p) in [1.0 / 6, 1.0 / 3, 0.5].enumerated() {
            let frequency = Double(samples.filter { $0 == k }.count) / Double(n)
            #expect(abs(frequency - p) < 0.015, "choice \(k)")  // standard error ≤ 0.003
        }
        var again = RNG(seed: 5)
        #expect(dist.sample(rng: &again) == samples)
    }

    @Test("grouped one-hot: samples have exactly one hot per group (88 columns, 11 groups)")
    func groupedSamplesAreOneHot() {
        var rng = RNG(seed: 6)
        let dist = GroupedOneHotCategorical(logits: Tensor.normal(50, 88, rng: &rng))
        #expect(dist.groupSizes == [8, 8, 11, 11, 11, 11, 2, 2, 3, 18, 3])
        let x = dist.sample(rng: &rng)
        #expect(x.shape == [50, 88])
        for i in 0..<50 {
            for columns in dist.groupColumns {
                #expect(columns.map { x[i, $0] }.sorted() == Array(repeating: 0, count: columns.count - 1) + [1])
            }
        }
        // Each group's probabilities sum to 1.
        let p = dist.probabilities
        for columns in dist.groupColumns {
            #expect(abs(columns.reduce(0) { $0 + p[3, $1] } - 1) < 1e-12)
        }
    }

    @Test("grouped one-hot log-probability is the sum of the groups' log-probabilities")
    func groupedLogProb() {
        // Groups of sizes 2 and 3. Row: logits (0, log 3 | 0, 0, log 2) → probabilities
        // (1/4, 3/4 | 1/4, 1/4, 1/2). The one-hot (0, 1 | 0, 0, 1) has log π = log 3/4 + log 1/2.
        let logits = Tensor([[0, Foundation.log(3), 0, 0, Foundation.log(2)]], requiresGrad: true)
        let dist = GroupedOneHotCategorical(logits: logits, groupSizes: [2, 3])
        let x = Tensor([[0, 1, 0, 0, 1]])
        let logProb = dist.logProb(x)
        #expect(logProb.shape == [1, 1])
        #expect(abs(logProb.scalar - (Foundation.log(0.75) + Foundation.log(0.5))) < 1e-15)
        // Entropy: H(1/4, 3/4) + H(1/4, 1/4, 1/2) = (0.5623351) + (1.0397208).
        let h1 = -(0.25 * Foundation.log(0.25) + 0.75 * Foundation.log(0.75))
        let h2 = -(0.5 * Foundation.log(0.25) + 0.5 * Foundation.log(0.5))
        #expect(abs(dist.entropy().scalar - (h1 + h2)) < 1e-15)
        #expect(abs(h1 + h2 - 1.6020559) < 1e-7)
        #expect(dist.mode.data == [0, 1, 0, 0, 1])
        // On the default groups, against per-group log-softmax computed by hand.
        var rng = RNG(seed: 7)
        let big = GroupedOneHotCategorical(logits: Tensor.normal(3, 88, rng: &rng))
        let sample = big.sample(rng: &rng)
        for i in 0..<3 {
            var byHand = 0.0
            for columns in big.groupColumns {
                let row = columns.map { big.logits[i, $0] }
                let logNormaliser = Foundation.log(row.reduce(0) { $0 + Foundation.exp($1) })
                let hot = columns.first { sample[i, $0] == 1 }!
                byHand += big.logits[i, hot] - logNormaliser
            }
            #expect(abs(big.logProb(sample)[i, 0] - byHand) < 1e-12)
        }
    }

    @Test("grouped one-hot log-probability and entropy pass the finite-difference check")
    func groupedGradients() {
        var rng = RNG(seed: 8)
        let logits = Tensor.normal(3, 88, rng: &rng, requiresGrad: true)
        let x = GroupedOneHotCategorical(logits: logits).sample(rng: &rng)
        #expect(
            GradientCheck.maxError(of: { GroupedOneHotCategorical(logits: logits).logProb(x) }, wrt: [logits]) < 1e-6)
        #expect(
            GradientCheck.maxError(of: { GroupedOneHotCategorical(logits: logits).entropy() }, wrt: [logits]) < 1e-6)
    }
}
