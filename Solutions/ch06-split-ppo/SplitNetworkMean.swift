import Foundation
import RecRL

/// Exercise 6.1 — the split network's forward pass, last step (reference solution).
public func splitNetworkMean(
    staticFeatures: [Double], dynamicFeatures: [Double], joinWeight: [[Double]], joinBias: [Double]
) throws -> [Double] {
    let x = staticFeatures + dynamicFeatures
    precondition(joinWeight.count == x.count, "expected \(x.count) rows of weights, got \(joinWeight.count)")
    return joinBias.indices.map { j in
        joinBias[j] + x.indices.reduce(0) { $0 + x[$1] * joinWeight[$1][j] }
    }
}
