import RecRL

/// Exercise 1.3 — the normalised score of an engine (reference solution).
///
/// score = (policy − random) / (oracle − random); `nil` when oracle == random.
public func normalisedScore(policy: Double, random: Double, oracle: Double) throws -> Double? {
    guard oracle != random else { return nil }
    return (policy - random) / (oracle - random)
}
