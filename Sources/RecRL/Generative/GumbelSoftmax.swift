import Foundation

/// The straight-through Gumbel-softmax (Jang, Gu & Poole 2017; Maddison et al. 2017): how GAN-SD's
/// discriminator sees one-hot customers while the generator still gets a gradient through it.
///
/// For each group g of a row's logits l (the 11 customer attributes), with Gumbel noise
/// gⱼ = −log(−log uⱼ), uⱼ ~ U(0, 1):
///
///     y_soft = softmax((l + g) / τ)               a relaxed sample: smooth in l
///     y_hard = one-hot(argmax y_soft)             an exact sample of softmax(l) (the Gumbel-max trick)
///     y      = y_soft + (y_hard − y_soft)          with (y_hard − y_soft) held constant
///
/// y's values are y_hard — exactly one 1 per group, like a real customer — and its gradient is
/// y_soft's. Why straight-through rather than the soft y_soft: real customers are exact one-hot
/// rows, so a discriminator fed soft rows tells them apart by their softness alone (chapter 7's
/// ablation measures its accuracy) and its gradient then says "be more one-hot", not "be more real".
public enum GumbelSoftmax {
    /// Gumbel(0, 1) noise, rows × cols, from `rng` (row by row).
    public static func noise(rows: Int, cols: Int, rng: inout RNG) -> [Double] {
        (0..<(rows * cols)).map { _ in -Foundation.log(-Foundation.log(1 - rng.uniform())) }
    }

    /// y_soft per group: softmax((logits + noise) / τ) in each group's columns.
    public static func soft(logits: Tensor, noise: [Double], temperature: Double, groupSizes: [Int]) -> Tensor {
        precondition(temperature > 0, "GumbelSoftmax: temperature must be positive, got \(temperature)")
        precondition(noise.count == logits.count, "GumbelSoftmax: \(noise.count) noise values for \(logits.shapeText)")
        let perturbed = (logits + Tensor(rows: logits.rows, cols: logits.cols, data: noise)) / temperature
        var parts: [Tensor] = []
        var start = 0
        for size in groupSizes {
            parts.append(perturbed.slice(cols: start..<(start + size)).softmax())
            start += size
        }
        precondition(start == logits.cols, "GumbelSoftmax: groups \(groupSizes) do not cover \(logits.cols) columns")
        return Tensor.concat(parts)
    }

    /// The one-hot argmax of each group of each row (first index on ties).
    public static func hard(_ soft: Tensor, groupSizes: [Int]) -> [Double] {
        var out = [Double](repeating: 0, count: soft.count)
        for i in 0..<soft.rows {
            var start = 0
            for size in groupSizes {
                var best = start
                for j in start..<(start + size) where soft[i, j] > soft[i, best] { best = j }
                out[i * soft.cols + best] = 1
                start += size
            }
        }
        return out
    }

    /// y = y_soft + (y_hard − y_soft) held constant: one-hot values, y_soft's gradient.
    public static func straightThrough(
        logits: Tensor, noise: [Double], temperature: Double, groupSizes: [Int] = TaobaoLayout.groupSizes
    ) -> Tensor {
        let ySoft = soft(logits: logits, noise: noise, temperature: temperature, groupSizes: groupSizes)
        let yHard = hard(ySoft, groupSizes: groupSizes)
        let offset = Tensor(rows: ySoft.rows, cols: ySoft.cols, data: zip(yHard, ySoft.data).map { $0 - $1 })
        return ySoft + offset
    }
}
