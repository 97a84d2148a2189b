import Foundation

/// The one random number generator of the course: xoshiro256** seeded through SplitMix64.
///
/// It is a value type passed explicitly (`inout`), never a global, so the same seed gives the
/// same numbers, bit for bit, run after run and machine after machine:
///
///     var rng = RNG(seed: 42)
///     let u = rng.uniform()          // U[0, 1)
///     let z = rng.normal()           // N(0, 1)
///
/// Reference: Blackman & Vigna, "Scrambled linear pseudorandom number generators" (2021).
public struct RNG: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    /// Seeds the four words of state with SplitMix64, so nearby seeds give unrelated streams.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A new generator whose stream is independent of this one (for a sub-task that must not
    /// disturb the caller's stream, e.g. one evaluation customer).
    public mutating func split() -> RNG { RNG(seed: next()) }

    /// U[0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// U[low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// N(mean, std²) by the Box–Muller transform (one draw per call, no cached second value, so
    /// the stream position is easy to reason about).
    public mutating func normal(mean: Double = 0, std: Double = 1) -> Double {
        let u1 = 1.0 - uniform()  // in (0, 1], so log is finite
        let u2 = uniform()
        return mean + std * (-2 * Foundation.log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Exp(1): the waiting time of a unit-rate Poisson process, −log U.
    public mutating func exponential() -> Double { -Foundation.log(1.0 - uniform()) }

    /// A uniform integer in 0..<n.
    public mutating func int(below n: Int) -> Int {
        precondition(n > 0, "RNG.int(below:) needs n > 0, got \(n)")
        return Int(next(upperBound: UInt64(n)))
    }

    /// An index drawn with probability proportional to `weights` (which need not sum to 1).
    public mutating func categorical(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        precondition(total > 0, "RNG.categorical needs positive total weight, got \(total)")
        var u = uniform() * total
        for (i, w) in weights.enumerated() {
            u -= w
            if u < 0 { return i }
        }
        return weights.lastIndex(where: { $0 > 0 })!
    }

    /// True with probability p.
    public mutating func bernoulli(_ p: Double) -> Bool { uniform() < p }
}
