import Foundation
import RecRL

/// Exercise 7.1 — GAN-SD's entropy term over a minibatch (reference solution).
public func minibatchEntropy(probabilities: Tensor) throws -> Tensor {
    let p = probabilities.mean(axis: 0)
    return -(p * p.log()).sum()
}
