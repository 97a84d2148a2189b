import Foundation
import RecRL

/// Exercise 7.3 — one E-step of a diagonal Gaussian mixture for one point (reference solution).
public func gmmResponsibilities(
    x: [Double], weights: [Double], means: [[Double]], variances: [[Double]]
) throws -> [Double] {
    let logJoint = weights.indices.map { k in
        Foundation.log(weights[k])
            - 0.5
            * x.indices.reduce(0) { s, d in
                let diff = x[d] - means[k][d]
                return s + Foundation.log(2 * Double.pi * variances[k][d]) + diff * diff / variances[k][d]
            }
    }
    let m = logJoint.max()!
    let shifted = logJoint.map { Foundation.exp($0 - m) }
    let total = shifted.reduce(0, +)
    return shifted.map { $0 / total }
}
