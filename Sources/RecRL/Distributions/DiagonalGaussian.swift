import Foundation

/// A Gaussian policy over continuous actions with independent dimensions: a ~ N(μ, diag(σ²)).
///
/// `mean` is [B×d] (one row per state, usually a network's output) and `logStd` is log σ, either
/// [1×d] (one learned vector shared by all states, as CleanRL's PPO) or [B×d] (a network head).
/// Everything but `sample` is built from Tensor ops, so log-probabilities and entropies can be
/// back-propagated into the mean and the log-std (the policy gradient of chapter 3 and PPO).
public struct DiagonalGaussian: Distribution {
    /// μ, [B×d].
    public let mean: Tensor
    /// log σ, [1×d] or [B×d].
    public let logStd: Tensor

    public init(mean: Tensor, logStd: Tensor) {
        precondition(
            logStd.cols == mean.cols && (logStd.rows == 1 || logStd.rows == mean.rows),
            "DiagonalGaussian: logStd must be [1×\(mean.cols)] or [\(mean.rows)×\(mean.cols)] "
                + "to match mean \(mean.shapeText), got \(logStd.shapeText)")
        self.mean = mean
        self.logStd = logStd
    }

    /// The batch size B.
    public var batchSize: Int { mean.rows }
    /// The number of action dimensions d.
    public var dimension: Int { mean.cols }

    /// a = μ + σ ⊙ z with z ~ N(0, I) from `rng`, [B×d]. The sample is a constant (no gradient
    /// flows through it), as `torch.distributions.Normal.sample()`.
    public func sample(rng: inout RNG) -> Tensor {
        var values = [Double](repeating: 0, count: mean.count)
        for i in 0..<mean.rows {
            for j in 0..<mean.cols {
                let logSigma = logStd[logStd.rows == 1 ? 0 : i, j]
                values[i * mean.cols + j] = mean[i, j] + Foundation.exp(logSigma) * rng.normal()
            }
        }
        return Tensor(rows: mean.rows, cols: mean.cols, data: values)
    }

    /// log π(a) of each row of `actions` ([B×d]), summed over the d dimensions, as [B×1]:
    ///
    ///     log π(a) = −½ Σⱼ ((aⱼ − μⱼ) / σⱼ)² − Σⱼ log σⱼ − (d/2) log 2π
    public func logProb(_ actions: Tensor) -> Tensor {
        precondition(
            actions.shape == mean.shape,
            "DiagonalGaussian.logProb: actions \(actions.shapeText) must have the mean's shape \(mean.shapeText)")
        let z = (actions - mean) / logStd.exp()
        let perDimension = z.square() * -0.5 - logStd
        return perDimension.sum(axis: 1) - 0.5 * Double(dimension) * Foundation.log(2 * Double.pi)
    }

    /// The differential entropy, summed over the d dimensions:
    ///
    ///     H = Σⱼ (½ log(2πe) + log σⱼ) = (d/2)(1 + log 2π) + Σⱼ log σⱼ
    ///
    /// It does not depend on μ, so it is [1×1] for a shared [1×d] log-std and [B×1] otherwise.
    public func entropy() -> Tensor {
        logStd.sum(axis: 1) + 0.5 * Double(dimension) * (1 + Foundation.log(2 * Double.pi))
    }

    /// μ: the most likely action (the deterministic policy of an evaluation).
    public var mode: Tensor { mean }

    /// KL(self ‖ other) of each row, summed over the d independent dimensions, as [B×1]:
    ///
    ///     KL(p ‖ q) = Σⱼ [ log σqⱼ − log σpⱼ + (σpⱼ² + (μpⱼ − μqⱼ)²) / (2 σqⱼ²) − ½ ]
    ///
    /// (Cover & Thomas, §8.6, per dimension; the dimensions are independent, so the KLs add.)
    /// 0 when the two are equal; differentiable in both means and both log-stds.
    public func kl(to other: DiagonalGaussian) -> Tensor {
        precondition(
            other.mean.shape == mean.shape,
            "DiagonalGaussian.kl: the other mean \(other.mean.shapeText) must have this mean's shape \(mean.shapeText)")
        let variance = (logStd * 2).exp()
        let otherVariance = (other.logStd * 2).exp()
        let perDimension =
            other.logStd - logStd + (variance + (mean - other.mean).square()) / (otherVariance * 2) - 0.5
        return perDimension.sum(axis: 1)
    }

    /// Actions are already rows of numbers.
    public func tensor(of value: Tensor) -> Tensor { value }
    public func value(of tensor: Tensor) -> Tensor { tensor }
}
