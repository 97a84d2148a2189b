// The learning targets of DDPG and TD3, as plain functions on [B×1] columns so that each can be
// checked by hand. `DDPG.update` calls exactly these.

/// The Bellman target of DDPG (report Algorithm 1, line 12), one row per transition:
///
///     y = r + γ (1 − d) · Q_targ(s′, μ_targ(s′))
///
/// `rewards`, `dones` and `nextQ` must all be [B×1] columns. `dones` is 1 where the episode was
/// *terminated* at s′ (the customer left or bought: no future) and 0 otherwise — including a
/// session cut by the page cap, which still bootstraps (see `ReplayBuffer`).
///
/// Why the shapes are checked: a critic returns Q as a [B×1] column; if one operand were a
/// [1×B] row (or, in a rank-1 library, a [B] vector), `r + γ(1 − d)·q` would broadcast to a B×B
/// matrix and the critic would regress every Q(s, a) on every other transition's target —
/// silently, since the loss is still a number. Here it is an error instead.
public func ddpgTargets(rewards: Tensor, dones: Tensor, nextQ: Tensor, gamma: Double) -> Tensor {
    let b = rewards.rows
    precondition(
        rewards.shape == [b, 1] && dones.shape == [b, 1] && nextQ.shape == [b, 1],
        "ddpgTargets: rewards, dones and nextQ must be [B, 1] columns with the same B, got "
            + "\(rewards.shapeText), \(dones.shapeText) and \(nextQ.shapeText)")
    precondition((0...1).contains(gamma), "ddpgTargets: gamma must be in [0, 1], got \(gamma)")
    return rewards + gamma * (1 - dones) * nextQ
}

/// TD3's target policy smoothing (Fujimoto et al. 2018, §5.3, eq. 14): the action at s′ that the
/// target is computed with is the target actor's, plus clipped noise, clipped to the bounds:
///
///     a′ = clip(μ_targ(s′) + clip(ε, −c, c), a_low, a_high),   ε ~ N(0, σ̃²)
///
/// `noise` is ε already drawn (same shape as `targetActions`), so the function is deterministic
/// and checkable. Averaging the target over a small neighbourhood of a′ keeps the critic from
/// fitting a narrow peak of Q that the actor would then exploit.
public func smoothedTargetActions(
    targetActions: Tensor, noise: Tensor, noiseClip: Double, low: Double = -1, high: Double = 1
) -> Tensor {
    precondition(
        targetActions.shape == noise.shape,
        "smoothedTargetActions: noise \(noise.shapeText) must have the actions' shape \(targetActions.shapeText)")
    precondition(noiseClip >= 0, "smoothedTargetActions: noiseClip must be ≥ 0, got \(noiseClip)")
    return (targetActions + noise.clamped(-noiseClip, noiseClip)).clamped(low, high)
}

/// TD3's clipped double-Q target value (Fujimoto et al. 2018, §4.2, eq. 10): the smaller of the
/// two target critics' estimates, row by row,
///
///     Q_targ(s′, a′) = min(Q_targ,1(s′, a′), Q_targ,2(s′, a′)),
///
/// which is then used as `nextQ` in `ddpgTargets`. Both inputs must be [B×1] columns.
public func twinMinimum(_ q1: Tensor, _ q2: Tensor) -> Tensor {
    precondition(
        q1.cols == 1 && q1.shape == q2.shape,
        "twinMinimum: expected two [B, 1] columns, got \(q1.shapeText) and \(q2.shapeText)")
    return q1.minimum(q2)
}
