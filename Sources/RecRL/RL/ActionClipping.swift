/// An environment whose actions are clipped to [−bound, bound] per component before they reach
/// `base`, as Stable-Baselines3 clips a Gaussian policy's actions to a `Box` action space
/// (`np.clip(actions, low, high)`) while the rollout keeps the unclipped sample for log π.
///
/// VirtualTB-v0 declares its actions in [−1, 1]²⁷ but its port passes any weights to the action
/// model, so PPO on VirtualTB runs through `ActionClipped(VirtualTB(…), bound: 1)`, as SB3 does.
/// (`TaobaoWorld` clips to [−1, 1] itself.)
public struct ActionClipped<Base: Environment>: Environment {
    /// The wrapped environment.
    public var base: Base
    /// Each action component is clipped to [−bound, bound].
    public let bound: Double

    public init(_ base: Base, bound: Double = 1) {
        precondition(bound > 0, "ActionClipped: the bound must be positive, got \(bound)")
        self.base = base
        self.bound = bound
    }

    public var observationSize: Int { base.observationSize }
    public var actionSize: Int { base.actionSize }

    public mutating func reset(seed: UInt64?) -> [Double] { base.reset(seed: seed) }

    public mutating func step(_ action: [Double]) -> StepResult {
        base.step(action.map { Swift.min(Swift.max($0, -bound), bound) })
    }
}

extension ActionClipped: Sendable where Base: Sendable {}
