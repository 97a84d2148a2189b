import Foundation

/// A distribution over k choices per row, given by unnormalised log-probabilities (logits):
/// π(i) = softmax(logits)ᵢ. `logits` is [B×k], one row per state.
///
/// Log-probabilities and entropies are Tensor ops on `logSoftmax`, so they back-propagate into
/// the logits; samples are plain indices.
public struct Categorical: Distribution {
    /// The logits, [B×k].
    public let logits: Tensor
    /// log π, [B×k]: logits − logsumexp(logits) per row.
    public let logProbabilities: Tensor

    public init(logits: Tensor) {
        precondition(logits.cols > 0, "Categorical needs at least one choice, got logits \(logits.shapeText)")
        self.logits = logits
        self.logProbabilities = logits.logSoftmax()
    }

    /// The batch size B.
    public var batchSize: Int { logits.rows }
    /// The number of choices k.
    public var choiceCount: Int { logits.cols }

    /// π, [B×k]: each row sums to 1.
    public var probabilities: Tensor { logProbabilities.exp() }

    /// One index per row, drawn from that row's π with `rng`.
    public func sample(rng: inout RNG) -> [Int] {
        (0..<batchSize).map { i in rng.categorical(logProbabilities.row(i).map { Foundation.exp($0) }) }
    }

    /// The most likely index of each row (the first on ties), for acting greedily.
    public var mode: [Int] {
        (0..<batchSize).map { i in
            let row = logits.row(i)
            return row.indices.max { row[$0] < row[$1] || (row[$0] == row[$1] && $0 > $1) }!
        }
    }

    /// log π(indices[i]) of row i, as [B×1]. It is computed as Σⱼ log πᵢⱼ · onehotᵢⱼ (a mask
    /// picks each row's entry), so the gradient reaches the logits.
    public func logProb(_ indices: [Int]) -> Tensor {
        precondition(
            indices.count == batchSize, "Categorical.logProb: \(indices.count) indices for a batch of \(batchSize)")
        return (logProbabilities * Categorical.oneHot(indices, choices: choiceCount)).sum(axis: 1)
    }

    /// H = −Σⱼ πⱼ log πⱼ per row, as [B×1] (log k for a uniform row, 0 for a certain one).
    public func entropy() -> Tensor {
        -(probabilities * logProbabilities).sum(axis: 1)
    }

    /// KL(self ‖ other) = Σⱼ πⱼ (log πⱼ − log π′ⱼ) of each row, as [B×1] (Cover & Thomas, §2.3).
    /// Differentiable in both sets of logits.
    public func kl(to other: Categorical) -> Tensor {
        precondition(
            other.logits.shape == logits.shape,
            "Categorical.kl: the other logits \(other.logits.shapeText) must have this shape \(logits.shapeText)")
        return categoricalKL(logP: logProbabilities, logQ: other.logProbabilities)
    }

    /// The indices written one-hot, [B×k]: how a rollout stores a discrete action and an
    /// environment receives one.
    public func tensor(of value: [Int]) -> Tensor { Categorical.oneHot(value, choices: choiceCount) }

    /// The hot index of each row of a one-hot [B×k] tensor (`oneHotIndex` of each row).
    public func value(of tensor: Tensor) -> [Int] {
        precondition(
            tensor.cols == choiceCount,
            "Categorical.value(of:): expected \(choiceCount) columns, got \(tensor.shapeText)")
        return (0..<tensor.rows).map { oneHotIndex(tensor.row($0)) }
    }

    /// A [B×k] tensor with a 1 at (i, indices[i]) and 0 elsewhere.
    public static func oneHot(_ indices: [Int], choices: Int) -> Tensor {
        var values = [Double](repeating: 0, count: indices.count * choices)
        for (i, index) in indices.enumerated() {
            precondition(index >= 0 && index < choices, "oneHot: index \(index) is outside 0..<\(choices)")
            values[i * choices + index] = 1
        }
        return Tensor(rows: indices.count, cols: choices, data: values)
    }
}

/// Σⱼ exp(log pⱼ) (log pⱼ − log qⱼ) per row, as [B×1]: the KL between rows of log-probabilities
/// (for grouped one-hot rows, the sum of the groups' KLs).
func categoricalKL(logP: Tensor, logQ: Tensor) -> Tensor {
    (logP.exp() * (logP - logQ)).sum(axis: 1)
}
