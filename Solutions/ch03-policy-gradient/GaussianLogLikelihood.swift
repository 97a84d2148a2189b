import Foundation
import RecRL

/// Exercise 3.1 — the log-likelihood of a diagonal Gaussian policy (reference solution).
///
/// log π(x) = Σⱼ [ −½ ((xⱼ − μⱼ) / σⱼ)² − log σⱼ − ½ log 2π ].
public func gaussianLogLikelihood(x: [Double], mean: [Double], logStd: [Double]) throws -> Double {
    precondition(
        x.count == mean.count && x.count == logStd.count,
        "gaussianLogLikelihood: x, mean and logStd need one entry per dimension, got \(x.count), "
            + "\(mean.count), \(logStd.count)")
    var total = 0.0
    for j in x.indices {
        let z = (x[j] - mean[j]) / exp(logStd[j])
        total += -0.5 * z * z - logStd[j] - 0.5 * log(2 * Double.pi)
    }
    return total
}
