import Foundation
import RecRL

/// Exercise 5.3 — advantage normalisation with the n − 1 std (reference solution).
public func standardizedAdvantages(_ advantages: [Double]) throws -> [Double] {
    let n = Double(advantages.count)
    let mean = advantages.reduce(0, +) / n
    let std = (advantages.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
    return advantages.map { ($0 - mean) / (std + 1e-8) }
}
