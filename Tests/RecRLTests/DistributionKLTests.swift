import Foundation
import Testing

@testable import RecRL

/// The Monte Carlo estimate E_p[log p(x) − log q(x)] from one draw per row of p (whose rows are
/// all the same distribution), with its standard error s/√n.
func monteCarloKL<D: Distribution>(_ p: D, _ q: D, rng: inout RNG) -> (estimate: Double, standardError: Double) {
    let x = p.sample(rng: &rng)
    let terms = (p.logProb(x) - q.logProb(x)).data
    let n = Double(terms.count)
    let mean = terms.reduce(0, +) / n
    let variance = terms.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    return (mean, (variance / n).squareRoot())
}

/// `row` repeated `n` times, as an [n×row.count] tensor.
func repeatedRows(_ row: [Double], _ n: Int) -> Tensor {
    Tensor(Array(repeating: row, count: n))
}

@Suite("Distribution KLs")
struct DistributionKLTests {
    @Test("Gaussian KL by hand: KL(N(0,1) ‖ N(1,2²)) = log 2 − ¼, KL(N(1,2²) ‖ N(0,1)) = 2 − log 2")
    func gaussianWorkedExample() {
        // Per dimension: log σq − log σp + (σp² + (μp − μq)²)/(2σq²) − ½.
        // p → q: log 2 − 0 + (1 + 1)/8 − ½ = log 2 − 0.25 ≈ 0.4431472.
        // q → p: 0 − log 2 + (4 + 1)/2 − ½ = 2 − log 2 ≈ 1.3068528.
        // A second dimension equal in both (μ = 3, σ = ½) adds 0.
        let p = DiagonalGaussian(mean: Tensor([[0, 3]]), logStd: Tensor([[0, Foundation.log(0.5)]]))
        let q = DiagonalGaussian(mean: Tensor([[1, 3]]), logStd: Tensor([[Foundation.log(2), Foundation.log(0.5)]]))
        #expect(p.kl(to: q).shape == [1, 1])
        #expect(abs(p.kl(to: q).scalar - (Foundation.log(2) - 0.25)) < 1e-15)
        #expect(abs(p.kl(to: q).scalar - 0.4431472) < 1e-7)
        #expect(abs(q.kl(to: p).scalar - (2 - Foundation.log(2))) < 1e-15)
        #expect(abs(q.kl(to: p).scalar - 1.3068528) < 1e-7)
        #expect(p.kl(to: p).scalar == 0)
    }

    @Test("Gaussian KL: one value per row with a shared log σ [1×d] or one per row [B×d]")
    func gaussianKLShapes() {
        // Shared σ = 1 in both: KL = ½ Σⱼ (μpⱼ − μqⱼ)², row 0: ½(1 + 4) = 2.5, row 1: 0.
        let p = DiagonalGaussian(mean: Tensor([[1, 2], [0, 0]]), logStd: Tensor([[0, 0]]))
        let q = DiagonalGaussian(mean: Tensor([[0, 0], [0, 0]]), logStd: Tensor([[0, 0]]))
        let kl = p.kl(to: q)
        #expect(kl.shape == [2, 1])
        #expect(abs(kl[0, 0] - 2.5) < 1e-15 && kl[1, 0] == 0)
        // Per-row σ in q: row 1 has σq = 2 in both dimensions: 2 (log 2 + 1/8 − ½).
        let wide = DiagonalGaussian(
            mean: Tensor([[0, 0], [0, 0]]), logStd: Tensor([[0, 0], [Foundation.log(2), Foundation.log(2)]]))
        #expect(abs(q.kl(to: wide)[1, 0] - 2 * (Foundation.log(2) + 0.125 - 0.5)) < 1e-15)
        #expect(q.kl(to: wide)[0, 0] == 0)
    }

    @Test("categorical KL by hand: KL((½, ½) ‖ (¼, ¾)) = ½ log(4/3)")
    func categoricalWorkedExample() {
        // ½ log(½ / ¼) + ½ log(½ / ¾) = ½ log 2 + ½ log(2/3) = ½ log(4/3) ≈ 0.1438410.
        let p = Categorical(logits: Tensor([[0, 0]]))
        let q = Categorical(logits: Tensor([[0, Foundation.log(3)]]))
        #expect(abs(p.kl(to: q).scalar - 0.5 * Foundation.log(4.0 / 3)) < 1e-15)
        #expect(abs(p.kl(to: q).scalar - 0.1438410) < 1e-7)
        // The other way: ¼ log(¼ / ½) + ¾ log(¾ / ½) = ¼ log ½ + ¾ log(3/2) ≈ 0.1308120.
        #expect(abs(q.kl(to: p).scalar - (0.25 * Foundation.log(0.5) + 0.75 * Foundation.log(1.5))) < 1e-15)
        #expect(abs(q.kl(to: p).scalar - 0.1308120) < 1e-7)
        #expect(p.kl(to: p).scalar == 0)
    }

    @Test("grouped one-hot KL is the sum of the groups' KLs, by hand")
    func groupedWorkedExample() {
        // Groups (2 | 3). Group 1: (½, ½) vs (¼, ¾), ½ log(4/3) as above. Group 2: (1, 2, 3)/6 vs
        // uniform: ⅙ log(½) + ⅓ log 1 + ½ log(3/2) ≈ 0.0872080. Sum ≈ 0.2310491.
        let p = GroupedOneHotCategorical(
            logits: Tensor([[0, 0, 0, Foundation.log(2), Foundation.log(3)]]), groupSizes: [2, 3])
        let q = GroupedOneHotCategorical(logits: Tensor([[0, Foundation.log(3), 0, 0, 0]]), groupSizes: [2, 3])
        let group2 = Foundation.log(0.5) / 6 + 0.5 * Foundation.log(1.5)
        #expect(abs(group2 - 0.0872080) < 1e-7)
        #expect(abs(p.kl(to: q).scalar - (0.5 * Foundation.log(4.0 / 3) + group2)) < 1e-15)
        #expect(abs(p.kl(to: q).scalar - 0.2310491) < 1e-7)
    }

    @Test("closed-form KLs agree with a Monte Carlo estimate E_p[log p − log q] within 4 standard errors")
    func monteCarloAgreement() {
        let n = 40_000
        var rng = RNG(seed: 21)
        // Gaussians in 3 dimensions, shared log σ (as the engine policy), different means and σ.
        let gaussianP = DiagonalGaussian(
            mean: repeatedRows([0.3, -1, 2], n), logStd: Tensor([[0, Foundation.log(0.5), Foundation.log(1.5)]]))
        let gaussianQ = DiagonalGaussian(
            mean: repeatedRows([0, -0.5, 2.5], n), logStd: Tensor([[Foundation.log(1.2), 0, Foundation.log(0.8)]]))
        let gaussian = monteCarloKL(gaussianP, gaussianQ, rng: &rng)
        let gaussianClosed = gaussianP.kl(to: gaussianQ)[0, 0]
        #expect(gaussianClosed > 0.1)
        #expect(abs(gaussian.estimate - gaussianClosed) < 4 * gaussian.standardError)

        let categoricalP = Categorical(logits: repeatedRows([0.5, -1, 2, 0], n))
        let categoricalQ = Categorical(logits: repeatedRows([0, 0, 1, 1], n))
        let categorical = monteCarloKL(categoricalP, categoricalQ, rng: &rng)
        let categoricalClosed = categoricalP.kl(to: categoricalQ)[0, 0]
        #expect(categoricalClosed > 0.1)
        #expect(abs(categorical.estimate - categoricalClosed) < 4 * categorical.standardError)

        // The 88-column customer attributes: logits drawn once, then repeated.
        let rowP = Tensor.normal(1, 88, rng: &rng).data
        let rowQ = Tensor.normal(1, 88, rng: &rng).data
        let groupedP = GroupedOneHotCategorical(logits: repeatedRows(rowP, n / 4))
        let groupedQ = GroupedOneHotCategorical(logits: repeatedRows(rowQ, n / 4))
        let grouped = monteCarloKL(groupedP, groupedQ, rng: &rng)
        let groupedClosed = groupedP.kl(to: groupedQ)[0, 0]
        #expect(groupedClosed > 1)
        #expect(abs(grouped.estimate - groupedClosed) < 4 * grouped.standardError)
    }

    @Test("KLs are ≥ 0, 0 for equal distributions, and pass the finite-difference check in both arguments")
    func klGradients() {
        var rng = RNG(seed: 22)
        let meanP = Tensor.normal(4, 3, rng: &rng, requiresGrad: true)
        let meanQ = Tensor.normal(4, 3, rng: &rng, requiresGrad: true)
        let logStdP = Tensor.normal(1, 3, std: 0.3, rng: &rng, requiresGrad: true)
        let logStdQ = Tensor.normal(4, 3, std: 0.3, rng: &rng, requiresGrad: true)
        func gaussian() -> Tensor {
            DiagonalGaussian(mean: meanP, logStd: logStdP).kl(to: DiagonalGaussian(mean: meanQ, logStd: logStdQ))
        }
        #expect(gaussian().data.allSatisfy { $0 > 0 })
        #expect(GradientCheck.maxError(of: gaussian, wrt: [meanP, meanQ, logStdP, logStdQ]) < 1e-6)

        let logitsP = Tensor.normal(5, 4, rng: &rng, requiresGrad: true)
        let logitsQ = Tensor.normal(5, 4, rng: &rng, requiresGrad: true)
        func categorical() -> Tensor { Categorical(logits: logitsP).kl(to: Categorical(logits: logitsQ)) }
        #expect(categorical().data.allSatisfy { $0 > 0 })
        #expect(GradientCheck.maxError(of: categorical, wrt: [logitsP, logitsQ]) < 1e-6)
        #expect(Categorical(logits: logitsP).kl(to: Categorical(logits: logitsP)).data.allSatisfy { abs($0) < 1e-15 })

        let groupedP = Tensor.normal(2, 88, rng: &rng, requiresGrad: true)
        let groupedQ = Tensor.normal(2, 88, rng: &rng, requiresGrad: true)
        func grouped() -> Tensor {
            GroupedOneHotCategorical(logits: groupedP).kl(to: GroupedOneHotCategorical(logits: groupedQ))
        }
        #expect(grouped().data.allSatisfy { $0 > 0 })
        #expect(GradientCheck.maxError(of: grouped, wrt: [groupedP, groupedQ]) < 1e-6)
    }

    @Test("values as rows of numbers: a categorical index one-hot and back; Gaussian samples as they are")
    func valuesAsTensors() {
        let categorical = Categorical(logits: Tensor([[0, 1, 2], [2, 1, 0]]))
        let rows = categorical.tensor(of: [2, 0])
        #expect(rows.data == [0, 0, 1, 1, 0, 0])
        #expect(categorical.value(of: rows) == [2, 0])
        #expect(categorical.tensor(of: categorical.mode).data == [0, 0, 1, 1, 0, 0])
        let gaussian = DiagonalGaussian(mean: Tensor([[0.5, -1]]), logStd: Tensor([[0, 0]]))
        #expect(gaussian.mode.data == [0.5, -1])
        #expect(gaussian.tensor(of: gaussian.mode).data == [0.5, -1])
    }
}
