import Foundation
import RecRL

/// Exercise 2.1 — the backward step of tanh.
///
/// Forward: y = tanh(x), elementwise. Given the upstream gradient g = ∂L/∂y, return
/// ∂L/∂x = g ⊙ dy/dx. (The derivative of tanh can be written with y itself.)
///
/// Check with: `swift test --filter "Exercise 2.1"`.
public func tanhBackward(x: [Double], upstream: [Double]) throws -> [Double] {
    // Replace this line with your answer.
    throw NotAttempted("d tanh(x)/dx = 1 − tanh²(x); multiply it by the upstream gradient, element by element")
}
