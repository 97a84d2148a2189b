import Foundation
import RecRL

/// Exercise 10.1 — SL2's loss, eq. 5 (reference solution).
public func sl2Loss(
    predictions: [[Double]], actions: [[Double]], purchased: [Bool], lambda1: Double, lambda2: Double
) throws -> Double {
    func squared(_ x: [Double]) -> Double { x.reduce(0) { $0 + $1 * $1 } }
    var s1 = 0.0
    var n1 = 0.0
    var s2 = 0.0
    var n2 = 0.0
    var norms = 0.0
    for i in 0..<predictions.count {
        let d = squared(zip(predictions[i], actions[i]).map { $0 - $1 })
        if purchased[i] {
            s1 += d
            n1 += 1
        } else {
            s2 += d
            n2 += 1
        }
        norms += squared(predictions[i])
    }
    let first = n1 > 0 ? s1 / n1 : 0
    let second = n2 > 0 ? lambda1 * s2 / n2 : 0
    return first - second + lambda2 * norms / Double(predictions.count)
}
