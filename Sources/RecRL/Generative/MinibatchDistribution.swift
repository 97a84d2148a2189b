import Foundation

/// GAN-SD's two distribution terms (Shi et al. 2019, "GAN-SD: Generating Customer Features"):
/// the entropy H(V(G(z))) and the divergence KL(V(x) ‖ V(G(z))) of a categorical attribute V over
/// a minibatch. They look at the whole batch at once — which a per-instance discriminator cannot.
///
/// For a generated minibatch whose rows give V's probabilities πᵢ (the softmax of V's logits) and a
/// real minibatch whose frequencies of V are q:
///
///     p̄ = (1/B) Σᵢ πᵢ                        the generated distribution of V (the batch mean)
///     H(p̄) = −Σⱼ p̄ⱼ log p̄ⱼ                    wide is good: the α term
///     KL(q ‖ p̄) = Σⱼ qⱼ log(qⱼ / p̄ⱼ)           cells with qⱼ = 0 add 0 (0·log 0 = 0): the β term
///
/// p̄ comes from the probabilities, not from sampled rows, so both terms are smooth functions of
/// the generator's logits and back-propagate into it. p̄ⱼ > 0 always (a softmax never reaches 0),
/// so the KL is finite.
public enum MinibatchDistribution {
    /// p̄ = the mean of the rows of `probabilities` ([B×k] → [1×k]).
    public static func mean(of probabilities: Tensor) -> Tensor { probabilities.mean(axis: 0) }

    /// H(p) = −Σⱼ pⱼ log pⱼ of a [1×k] distribution, as 1×1.
    public static func entropy(_ p: Tensor) -> Tensor {
        precondition(p.rows == 1, "MinibatchDistribution.entropy needs a [1×k] distribution, got \(p.shapeText)")
        return -(p * p.log()).sum()
    }

    /// KL(q ‖ p) = Σⱼ qⱼ log qⱼ − Σⱼ qⱼ log pⱼ for fixed frequencies q and a [1×k] distribution p,
    /// as 1×1 (the first sum is a constant; zero cells of q add nothing).
    public static func kl(from q: [Double], to p: Tensor) -> Tensor {
        precondition(
            p.rows == 1 && p.cols == q.count,
            "MinibatchDistribution.kl: q has \(q.count) cells, p is \(p.shapeText)")
        let negativeEntropyOfQ = q.reduce(0) { $0 + ($1 > 0 ? $1 * Foundation.log($1) : 0) }
        return negativeEntropyOfQ - (Tensor.row(q) * p.log()).sum()
    }

    /// The frequencies of each value among one-hot rows' columns `columns` (the real minibatch's q).
    public static func frequencies(of oneHot: Tensor, columns: Range<Int>) -> [Double] {
        var q = [Double](repeating: 0, count: columns.count)
        for i in 0..<oneHot.rows {
            for (j, c) in columns.enumerated() { q[j] += oneHot[i, c] }
        }
        return q.map { $0 / Double(max(oneHot.rows, 1)) }
    }

    /// The distribution p* that the two terms alone prefer: the maximiser of α·H(p) − β·KL(q ‖ p)
    /// over the simplex (by Adam on softmax logits, from p = q). For α > 0 it is q only when q is
    /// uniform: the entropy pulls p* toward uniform, so the terms by themselves bias GAN-SD's
    /// marginal of V — the discriminator has to pull it back.
    public static func termsOptimum(q: [Double], alpha: Double, beta: Double, steps: Int = 3_000) -> [Double] {
        let logits = Tensor.row(q.map { Foundation.log(max($0, 1e-12)) }, requiresGrad: true)
        let optimizer = Adam(parameters: [logits], learningRate: 0.02)
        for _ in 0..<steps {
            optimizer.zeroGrad()
            let p = logits.softmax()
            (-(alpha * entropy(p) - beta * kl(from: q, to: p))).backward()
            optimizer.step()
        }
        return Tensor.withoutGradients { logits.softmax().data }
    }
}
