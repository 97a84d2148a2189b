import Foundation
import RecRL

/// Exercise 2.1 — the backward step of tanh (reference solution).
///
/// ∂L/∂x = g ⊙ (1 − tanh²(x)).
public func tanhBackward(x: [Double], upstream: [Double]) throws -> [Double] {
    zip(x, upstream).map { x, g in
        let y = tanh(x)
        return g * (1 - y * y)
    }
}
