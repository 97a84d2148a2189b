import Foundation
import RecRL

/// Exercise 3.1 — the log-likelihood of a diagonal Gaussian policy.
///
/// The policy draws each of the d action weights independently, aⱼ ~ N(μⱼ, σⱼ²), with σⱼ = exp(log σⱼ).
/// Return log π(x) = Σⱼ log N(xⱼ; μⱼ, σⱼ²) for one action x: write down the density of one normal,
/// take its log, and sum over the d dimensions. (Work with log σ directly: never divide by a
/// σ you could have avoided computing.)
///
/// Check with: `swift test --filter "Exercise 3.1"`.
public func gaussianLogLikelihood(x: [Double], mean: [Double], logStd: [Double]) throws -> Double {
    // Replace this line with your answer.
    throw NotAttempted(
        "log N(x; μ, σ²) = −½((x − μ)/σ)² − log σ − ½ log 2π for each dimension; add them up")
}
