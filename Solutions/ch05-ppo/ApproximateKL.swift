import Foundation
import RecRL

/// Exercise 5.2 — the approximate KL, mean of (r − 1) − log r (reference solution).
public func approximateKL(ratios: [Double]) throws -> Double {
    ratios.reduce(0) { $0 + ($1 - 1) - log($1) } / Double(ratios.count)
}
