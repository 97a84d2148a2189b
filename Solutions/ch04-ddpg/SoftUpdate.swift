import Foundation
import RecRL

/// Exercise 4.2 — the soft (Polyak) update (reference solution).
///
/// θ_targ ← ρ θ_targ + (1 − ρ) θ, entry by entry.
public func polyakAverage(target: [Double], source: [Double], rho: Double) throws -> [Double] {
    precondition(
        target.count == source.count,
        "polyakAverage: target has \(target.count) entries, source has \(source.count)")
    return zip(target, source).map { t, s in rho * t + (1 - rho) * s }
}
