import Foundation
import RecRL

/// Exercise 4.1 — the DDPG target (reference solution).
///
/// yᵢ = rᵢ + γ (1 − dᵢ) q′ᵢ.
public func ddpgTarget(rewards: [Double], dones: [Double], nextQ: [Double], gamma: Double) throws -> [Double] {
    precondition(
        rewards.count == dones.count && rewards.count == nextQ.count,
        "ddpgTarget: expected one reward, done and next Q per transition, got \(rewards.count), \(dones.count) "
            + "and \(nextQ.count)")
    return rewards.indices.map { i in rewards[i] + gamma * (1 - dones[i]) * nextQ[i] }
}
