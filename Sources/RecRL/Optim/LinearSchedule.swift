/// A value that moves in a straight line from `start` to `end` over `steps` steps, then stays at
/// `end`: learning-rate annealing, as PPO codes anneal the learning rate to 0 over training.
///
///     value(t) = start + (end − start) · min(t, steps) / steps
///
/// With `end = 0` and t the number of updates done so far this is CleanRL's
/// `lr · (1 − (iteration − 1) / num_iterations)`: the full rate at the first update.
public struct LinearSchedule: Sendable, Equatable {
    public let start: Double
    public let end: Double
    public let steps: Int

    public init(start: Double, end: Double = 0, steps: Int) {
        precondition(steps > 0, "LinearSchedule needs steps > 0, got \(steps)")
        self.start = start
        self.end = end
        self.steps = steps
    }

    /// The value after `step` steps (step 0 gives `start`; `steps` and beyond give `end`).
    public func value(at step: Int) -> Double {
        precondition(step >= 0, "LinearSchedule.value(at:) needs step ≥ 0, got \(step)")
        return start + (end - start) * Double(min(step, steps)) / Double(steps)
    }
}
