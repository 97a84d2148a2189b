/// Returns and advantages from a rollout: reward-to-go and GAE(γ, λ).
///
/// A rollout is a list of steps t = 0…T−1 that may span several episodes. Two flags tell where an
/// episode stops and why:
/// - `terminated[t]`: the episode ended by its own dynamics (the customer left or bought): the
///   next state has value 0, so nothing is bootstrapped.
/// - `truncated[t]`: the episode was cut off (page limit, or the end of the rollout buffer): the
///   next state still has value V(s′), so the return is bootstrapped from it.
/// Either way the sums below stop at the episode boundary.

/// Discounted reward-to-go, R̂ₜ = rₜ + γ rₜ₊₁ + γ² rₜ₊₂ + … up to the end of the episode
/// (REINFORCE's return, with no bootstrap): R̂ₜ = rₜ + γ (1 − endₜ) R̂ₜ₊₁.
public func rewardToGo(rewards: [Double], episodeEnds: [Bool], gamma: Double) -> [Double] {
    precondition(
        rewards.count == episodeEnds.count, "rewardToGo: \(rewards.count) rewards but \(episodeEnds.count) flags")
    var out = [Double](repeating: 0, count: rewards.count)
    var running = 0.0
    for t in rewards.indices.reversed() {
        running = rewards[t] + (episodeEnds[t] ? 0 : gamma * running)
        out[t] = running
    }
    return out
}

/// Generalised advantage estimation (Schulman et al. 2016, eq. 16):
///
///     δₜ = rₜ + γ (1 − terminatedₜ) V(sₜ₊₁) − V(sₜ)
///     Âₜ = δₜ + γλ (1 − endₜ) Âₜ₊₁,        endₜ = terminatedₜ or truncatedₜ
///
/// and the value targets R̂ₜ = Âₜ + V(sₜ). `nextValues[t]` is V(sₜ₊₁): the value of the observation
/// after step t (for the last step of a truncated episode, the value of its final observation;
/// ignored where `terminated[t]`). λ = 1 gives the bootstrapped Monte-Carlo advantage, λ = 0 the
/// one-step TD error.
public func generalizedAdvantages(
    rewards: [Double], values: [Double], nextValues: [Double], terminated: [Bool], truncated: [Bool],
    gamma: Double, lambda: Double
) -> (advantages: [Double], returns: [Double]) {
    let n = rewards.count
    precondition(
        values.count == n && nextValues.count == n && terminated.count == n && truncated.count == n,
        "generalizedAdvantages: every list needs \(n) entries, got values \(values.count), next values "
            + "\(nextValues.count), terminated \(terminated.count), truncated \(truncated.count)")
    var advantages = [Double](repeating: 0, count: n)
    var running = 0.0
    for t in (0..<n).reversed() {
        let bootstrap = terminated[t] ? 0 : gamma * nextValues[t]
        let delta = rewards[t] + bootstrap - values[t]
        let continues = !(terminated[t] || truncated[t])
        running = delta + (continues ? gamma * lambda * running : 0)
        advantages[t] = running
    }
    let returns = zip(advantages, values).map { $0 + $1 }
    return (advantages, returns)
}

/// Advantages scaled to mean 0 and std 1 within a minibatch, as SB3 and CleanRL:
///
///     Â ← (Â − mean Â) / (std Â + 1e-8),     std² = Σ (Â − mean)² / (n − 1)
///
/// (PyTorch's `Tensor.std()` is the unbiased, n − 1 estimate.) Needs n ≥ 2.
public func normalizedAdvantages(_ advantages: [Double]) -> [Double] {
    precondition(advantages.count >= 2, "normalizedAdvantages needs at least 2 values, got \(advantages.count)")
    let mean = advantages.reduce(0, +) / Double(advantages.count)
    let std = variance(advantages, unbiased: true).squareRoot()
    return advantages.map { ($0 - mean) / (std + 1e-8) }
}
