/// The trained engines later chapters compare: a policy trained in a learned simulator with the
/// action norm constraint (chapter 8's Table 2, chapter 10's "RL + Virtual Taobao"), and PPO trained
/// in TaobaoWorld itself (the reference that paid for its learning with real sessions).
public enum TrainedEngines {
    /// TRPO with the action norm constraint (ρ, μ; eq. 3) trained in `simulator` for R2P (the
    /// purchase reward, as the paper): `TRPOConfig.taobaoWorld` (8 customers × 256 pages per
    /// iteration) with γ = 0.9 — a purchase ends the session, so a few pages ahead are worth looking
    /// at. A progress line names it `label`; it is redrawn in place when `progressInPlace` (in a
    /// terminal), else logged every 10 s — as it must be while several runs train at once.
    public static func trpoWithANC(
        in simulator: VirtualTaobao, iterations: Int, rho: Double, mu: Double, seed: UInt64,
        label: String = "TRPO-ANC in the simulator", progressInPlace: Bool = ProgressLine.stdoutIsTerminal
    ) throws(TrainingDiverged) -> MLPGaussianPolicy {
        var config = TRPOConfig.taobaoWorld
        config.gamma = 0.9
        var rng = RNG(seed: seed)
        let trpo = TRPO(config: config, observationSize: 91, actionSize: 27, rng: &rng)
        let slots = (0..<config.environmentCount).map { _ in
            ActionNormConstrained(simulator.paying(.purchase), rho: rho, mu: mu)
        }
        var collector = RolloutCollector(environments: slots, seed: seed &+ 1)
        let progress = ProgressLine(label, total: iterations, unit: "iterations", isTerminal: progressInPlace)
        _ = try trpo.train(collector: &collector, iterations: iterations, rng: &rng) { log in
            progress.update(step: log.iteration, ("return (ANC)", log.averageEpRet))
        }
        progress.finish()
        return trpo.policy
    }

    /// PPO trained in TaobaoWorld for clicks for about `steps` pages (whole rollouts of
    /// `PPOConfig.taobaoWorld`, chapter 5's setting), and the real sessions it spent. A progress
    /// line names it `label`.
    public static func ppoInTaobaoWorld(
        world: TaobaoWorld, steps: Int, seed: UInt64, label: String = "PPO in TaobaoWorld"
    ) throws(TrainingDiverged) -> (policy: MLPGaussianPolicy, sessions: Int) {
        let config = PPOConfig.taobaoWorld
        var rng = RNG(seed: seed &+ 5)
        let ppo = PPO(config: config, observationSize: 91, actionSize: 27, rng: &rng)
        var collector = RolloutCollector(
            environments: (0..<config.environmentCount).map { _ in TaobaoWorld(truth: world.truth) }, seed: seed &+ 6)
        let iterations = max(1, steps / config.rolloutSize)
        let progress = ProgressLine(label, total: iterations, unit: "iterations")
        var sessions = 0
        _ = try ppo.train(collector: &collector, iterations: iterations, rng: &rng) { log in
            sessions += log.episodes
            progress.update(step: log.iteration, ("CTR", log.ctr))
        }
        progress.finish()
        return (ppo.policy, sessions)
    }
}
