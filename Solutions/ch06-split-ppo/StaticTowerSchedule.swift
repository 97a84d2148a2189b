import Foundation
import RecRL

/// Exercise 6.2 — the split network's update schedule (reference solution).
public func staticTowerIsStepped(update: Int, ratio: Int) throws -> Bool {
    (update + 1) % ratio == 0
}
