/// The Action Norm Constraint (ANC) of Shi et al. 2019, "Virtual-Taobao", eq. 3: the reward of an
/// action whose norm exceeds μ is divided down,
///
///     r′(s, a) = r(s, a) / (1 + ρ · max(‖a‖ − μ, 0))
///
/// with ‖a‖ the Euclidean norm, so a policy trained in a learned simulator is kept near the small
/// norms of the historical engine's actions, where the simulator was fitted, instead of exploiting
/// what it extrapolates at large norms. The paper uses ρ = 1 and μ = 0.01.
///
///     actionNormConstrainedReward(2, actionNorm: 1.01, rho: 1, mu: 0.01)   // 2 / (1 + 1) = 1
public func actionNormConstrainedReward(_ reward: Double, actionNorm: Double, rho: Double, mu: Double) -> Double {
    reward / (1 + rho * Swift.max(actionNorm - mu, 0))
}

/// An environment whose rewards are ANC's r′ (eq. 3): `base` steps with the action unchanged, and
/// the reward it returns is divided by 1 + ρ · max(‖a‖ − μ, 0). Everything else (observation,
/// flags, the page's clicks in `info`) is `base`'s, so CTR and R2P still report the true page.
///
/// **The norm is of the action as `base` receives it** — the action this wrapper passes on. Put
/// the wrapper *inside* any clipping, `ActionClipped(ActionNormConstrained(simulator))`, and ‖a‖ is
/// the norm *after* clipping: the vector the simulator actually reads. That is the course's choice,
/// because ANC exists to keep the simulator's *inputs* near the historical ones; a component the
/// clip removes never reaches the simulator, and the unclipped Gaussian sample's extra length is
/// exploration noise the environment never sees. (`ActionNormConstrained(ActionClipped(…))` would
/// measure before the clip.) TaobaoWorld clips to [−1, 1] inside its own `step`, so wrap it as
/// `ActionClipped(ActionNormConstrained(TaobaoWorld()), bound: 1)` to measure what it ranks with.
public struct ActionNormConstrained<Base: Environment>: Environment {
    /// The wrapped environment.
    public var base: Base
    /// ρ, the weight of the penalty (the paper's 1; 0 turns ANC off).
    public let rho: Double
    /// μ, the norm below which actions are not penalised (the paper's 0.01).
    public let mu: Double

    public init(_ base: Base, rho: Double = 1, mu: Double = 0.01) {
        precondition(rho >= 0, "ActionNormConstrained: ρ must be ≥ 0, got \(rho)")
        precondition(mu >= 0, "ActionNormConstrained: μ must be ≥ 0, got \(mu)")
        self.base = base
        self.rho = rho
        self.mu = mu
    }

    public var observationSize: Int { base.observationSize }
    public var actionSize: Int { base.actionSize }

    public mutating func reset(seed: UInt64?) -> [Double] { base.reset(seed: seed) }

    public mutating func step(_ action: [Double]) -> StepResult {
        var result = base.step(action)
        let norm = action.reduce(0) { $0 + $1 * $1 }.squareRoot()
        result.reward = actionNormConstrainedReward(result.reward, actionNorm: norm, rho: rho, mu: mu)
        return result
    }
}
