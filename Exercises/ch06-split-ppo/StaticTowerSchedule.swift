import Foundation
import RecRL

/// Exercise 6.2 — the split network's update schedule (the report's "the update frequency of the
/// 3-dimensions MLP is one hundred times that of the other one"). PPO counts its minibatch
/// updates u = 0, 1, 2, … over the whole run; the dynamic tower takes a step on every one, the
/// static tower only on every `ratio`-th: the ratio-th, the 2·ratio-th, … update.
///
/// Return whether the static tower is stepped on update u (counted from 0).
///
/// Worked example, ratio 3: u = 0, 1, 2, 3, 4, 5 → false, false, true, false, false, true.
/// Ratio 1: every update (plain joint training). Ratio 100: u = 99, 199, 299, ….
///
/// Check with: `swift test --filter "Exercise 6.2"`.
public func staticTowerIsStepped(update: Int, ratio: Int) throws -> Bool {
    // Replace this line with your answer.
    throw NotAttempted("u counts from 0, so the k-th update is u = k − 1: step when (u + 1) is a multiple of ratio")
}
