import Foundation
import RecRL

/// Exercise 10.2 — the SNIPS estimate (reference solution): the largest log weight is subtracted
/// before exponentiating, which cancels in the ratio.
public func snips(logWeights: [Double], rewards: [Double]) throws -> Double {
    let top = logWeights.max() ?? 0
    let w = logWeights.map { Foundation.exp($0 - top) }
    return zip(w, rewards).reduce(0) { $0 + $1.0 * $1.1 } / w.reduce(0, +)
}
