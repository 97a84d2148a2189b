import Foundation
import RecRL

/// Exercise 9.2 — TRPO's step size β = √(2δ / sᵀFs) (reference solution).
public func trpoStepSize(maxKL: Double, direction: [Double], fisherTimesDirection: [Double]) throws -> Double {
    let sFs = zip(direction, fisherTimesDirection).reduce(0) { $0 + $1.0 * $1.1 }
    return sFs > 0 ? (2 * maxKL / sFs).squareRoot() : 0
}
