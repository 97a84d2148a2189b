import RecRL

/// Exercise 1.3 — the normalised score of an engine.
///
/// A raw CTR says little until it is put between two references on the same customers: the random
/// engine (score 0) and the oracle that knows each customer's hidden taste (score 1):
///
///     score = (policy − random) / (oracle − random)
///
/// A score below 0 is worse than random; above 1 would beat the oracle. When oracle == random the
/// score is undefined: return `nil`.
///
/// Example: random 0.08, oracle 0.30, policy 0.19 → (0.19 − 0.08) / (0.30 − 0.08) = 0.5.
///
/// Check with: `swift test --filter "Exercise 1.3"`.
public func normalisedScore(policy: Double, random: Double, oracle: Double) throws -> Double? {
    // Replace this line with your answer.
    throw NotAttempted("subtract the random engine's value from both the policy's and the oracle's, then divide")
}
