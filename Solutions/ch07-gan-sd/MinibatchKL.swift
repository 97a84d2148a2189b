import Foundation
import RecRL

/// Exercise 7.2 — GAN-SD's KL term over a minibatch (reference solution).
public func minibatchKL(realFrequencies: [Double], probabilities: Tensor) throws -> Tensor {
    let p = probabilities.mean(axis: 0)
    let constant = realFrequencies.reduce(0) { $0 + ($1 > 0 ? $1 * Foundation.log($1) : 0) }
    return constant - (Tensor.row(realFrequencies) * p.log()).sum()
}
