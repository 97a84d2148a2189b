import Foundation
import RecRL

/// Exercise 4.1 — the DDPG target (the report's Algorithm 1, line 12).
///
/// For each transition i of a minibatch, with reward rᵢ, done flag dᵢ (1 if the session was
/// *terminated* at s′ᵢ, else 0) and the target critic's value of the next state
/// q′ᵢ = Q_targ(s′ᵢ, μ_targ(s′ᵢ)), return
///
///     yᵢ = rᵢ + γ (1 − dᵢ) q′ᵢ.
///
/// The three arrays have one entry per transition, in the same order.
///
/// Check with: `swift test --filter "Exercise 4.1"`.
public func ddpgTarget(rewards: [Double], dones: [Double], nextQ: [Double], gamma: Double) throws -> [Double] {
    // Replace this line with your answer.
    throw NotAttempted("y = r + γ·(1 − d)·q′ for each transition: a terminated session has no future value")
}
