// Target networks (DDPG, TD3): a slowly moving copy of a network that the learning targets are
// computed with. Report Algorithm 1 (DDPG): θ_targ ← ρ θ_targ + (1 − ρ) θ after every update.

extension Module {
    /// Hard copy: every parameter of this module takes the values of the same-named parameter of
    /// `source` (θ_targ ← θ), as when a target network is created. Gradients are not touched.
    ///
    /// The two modules must have the same parameter names and shapes, in the same order.
    public func copyParameters(from source: some Module) {
        softUpdate(from: source, rho: 0)
    }

    /// Polyak averaging, the soft target update of DDPG (report Algorithm 1, line "update target
    /// networks"):
    ///
    ///     θ_targ ← ρ θ_targ + (1 − ρ) θ
    ///
    /// `self` is the target θ_targ, `source` the network being learned θ. ρ is how much of the
    /// target is *kept* (close to 1, e.g. 0.995); ρ = 0 is a hard copy and ρ = 1 leaves the target
    /// alone. Many codes (the DDPG paper, CleanRL's `--tau 0.005`) write τ = 1 − ρ instead, the
    /// fraction of the learned network *taken*: pass `rho: 1 - tau`.
    public func softUpdate(from source: some Module, rho: Double) {
        precondition((0...1).contains(rho), "softUpdate: rho must be in [0, 1], got \(rho)")
        let targets = namedParameters, sources = source.namedParameters
        precondition(
            targets.count == sources.count,
            "softUpdate: target has \(targets.count) parameters, source has \(sources.count)")
        for (target, source) in zip(targets, sources) {
            precondition(
                target.name == source.name && target.tensor.shape == source.tensor.shape,
                "softUpdate: target parameter \(target.name) \(target.tensor.shapeText) does not match "
                    + "source parameter \(source.name) \(source.tensor.shapeText)")
            let t = target.tensor, s = source.tensor
            // Over unchecked pointers: indexing the class's arrays element by element paid Swift's
            // exclusivity checks on every access (up to ≈ 15 % of a DDPG update's profile, perf).
            s.data.withUnsafeBufferPointer { s in
                t.data.withUnsafeMutableBufferPointer { t in
                    for i in 0..<t.count { t[i] = rho * t[i] + (1 - rho) * s[i] }
                }
            }
        }
    }
}
