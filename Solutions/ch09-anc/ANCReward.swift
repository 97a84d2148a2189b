import Foundation
import RecRL

/// Exercise 9.1 — ANC's reward, eq. 3 (reference solution).
public func ancReward(_ reward: Double, action: [Double], rho: Double, mu: Double) throws -> Double {
    let norm = action.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return reward / (1 + rho * Swift.max(norm - mu, 0))
}
