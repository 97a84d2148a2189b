import Foundation
import RecRL

/// Exercise 6.1 — the split network's forward pass, last step (the report's §3.3). The static
/// tower has turned the 88 customer attributes into features h_s and the dynamic tower the 3
/// counters into h_d; a fully connected layer joins them into the mean of the policy:
///
///     μ_j = Σ_i x_i · W[i][j] + b_j,     x = [h_s, h_d]   (h_s first, then h_d)
///
/// `joinWeight` is W as rows: `joinWeight[i]` holds the weights from input i (the i-th entry of
/// x) to every output j, so it has |h_s| + |h_d| rows of `joinBias.count` numbers (the library's
/// `Linear` layout, y = x·W + b). Return μ, one number per output.
///
/// Worked example: h_s = [0.5, −1], h_d = [2], W = [[1, 0], [0, 1], [0.5, −0.5]], b = [0.1, −0.2]
/// → x = [0.5, −1, 2], μ = [0.5 + 0 + 1 + 0.1, 0 − 1 − 1 − 0.2] = [1.6, −2.2].
///
/// Check with: `swift test --filter "Exercise 6.1"`.
public func splitNetworkMean(
    staticFeatures: [Double], dynamicFeatures: [Double], joinWeight: [[Double]], joinBias: [Double]
) throws -> [Double] {
    // Replace this line with your answer.
    throw NotAttempted("concatenate [h_s, h_d] into x, then μ_j = Σ_i x_i·W[i][j] + b_j")
}
