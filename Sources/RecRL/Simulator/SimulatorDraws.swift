import Foundation

/// Where a `SimulatorEnvironment` and its parts take their random numbers from: the course's
/// `RNG`, or a list of numbers recorded from the original Python VirtualTB-v0 (so a test can
/// replay its trajectories).
///
/// The parts need only two kinds of draw: U[0, 1) (the generator's noise z) and Exp(1) (every
/// categorical draw, see `categorical(_:)`); N(0, 1) (the noise of chapter 7's GAN-SD generator)
/// is made from two uniforms (`standardNormal()`).
public protocol SimulatorDraws: Sendable {
    /// U[0, 1).
    mutating func uniform() -> Double
    /// Exp(1).
    mutating func exponential() -> Double
}

/// The course's generator already has both draws (`uniform()`, and `exponential()` = −log U).
extension RNG: SimulatorDraws {}

/// Random numbers recorded elsewhere, handed out in order; each must be asked for as the kind it
/// was recorded as.
///
/// Running out, or asking for the wrong kind, means the port consumes draws in a different order
/// from the original. That is recorded in `problem` (the first one only) and the draw returns NaN,
/// rather than stopping the program, so a test can report it.
public struct RecordedDraws: SimulatorDraws, Sendable {
    /// Which distribution a recorded number came from.
    public enum Kind: String, Sendable {
        case uniform
        case exponential
    }

    public let values: [(kind: Kind, value: Double)]
    /// How many numbers have been handed out.
    public private(set) var position = 0
    /// The first mismatch between what was asked for and what was recorded, if any.
    public private(set) var problem: String?

    public init(_ values: [(kind: Kind, value: Double)]) {
        self.values = values
    }

    /// Whether every recorded number has been used.
    public var isExhausted: Bool { position == values.count }

    public mutating func uniform() -> Double { next(.uniform) }
    public mutating func exponential() -> Double { next(.exponential) }

    private mutating func next(_ kind: Kind) -> Double {
        guard position < values.count else {
            if problem == nil {
                problem = "asked for draw \(position) (\(kind.rawValue)) after all \(values.count) were used"
            }
            return .nan
        }
        let recorded = values[position]
        if recorded.kind != kind, problem == nil {
            problem = "draw \(position) was recorded as \(recorded.kind.rawValue) but asked for as \(kind.rawValue)"
        }
        position += 1
        return recorded.kind == kind ? recorded.value : .nan
    }
}

extension SimulatorDraws {
    /// N(0, 1) by the Box–Muller transform from two uniforms, u₁ then u₂:
    /// √(−2 log(1 − u₁)) · cos(2π u₂) (1 − u₁ lies in (0, 1], so the log is finite). One draw per
    /// call and no cached second value, exactly as `RNG.normal()`, so on an `RNG` the two give the
    /// same numbers from the same stream position.
    public mutating func standardNormal() -> Double {
        let u1 = 1.0 - uniform()
        let u2 = uniform()
        return (-2 * Foundation.log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// The one categorical draw of the original simulator: an index k drawn with probability
    /// pₖ / Σ p, computed as k = argmaxᵢ pᵢ / Eᵢ with Eᵢ ~ Exp(1) drawn for every category in order
    /// (ties go to the lowest index).
    ///
    /// Why it works: Eᵢ / pᵢ ~ Exp(rate pᵢ), and the smallest of independent exponential waiting
    /// times is the i-th with probability pᵢ / Σ p (the race of Poisson clocks). PyTorch's
    /// `torch.multinomial(p, 1)`, which the original uses, computes exactly this, so replaying
    /// its recorded Eᵢ reproduces its choices.
    public mutating func categorical(_ p: ArraySlice<Double>) -> Int {
        precondition(!p.isEmpty, "categorical needs at least one probability")
        var best = p.startIndex
        var bestScore = -Double.infinity
        for i in p.indices {
            let score = p[i] / exponential()
            if score > bestScore {
                bestScore = score
                best = i
            }
        }
        return best - p.startIndex
    }
}
