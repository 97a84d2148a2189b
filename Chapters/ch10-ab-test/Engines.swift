import Foundation
import RecRL

/// RL + Virtual Taobao: TRPO with the action norm constraint (ρ, μ) trained only in `simulator`
/// for R2P (the purchase reward), as chapter 8's Table 2.
func trainTRPOANC(
    in simulator: VirtualTaobao, iterations: Int, rho: Double, mu: Double, seed: UInt64
) throws(TrainingDiverged) -> MLPGaussianPolicy {
    var config = TRPOConfig.taobaoWorld
    config.gamma = 0.9  // a purchase ends the session: look a few pages ahead
    var rng = RNG(seed: seed)
    let trpo = TRPO(config: config, observationSize: 91, actionSize: 27, rng: &rng)
    let slots = (0..<config.environmentCount).map { _ in
        ActionNormConstrained(simulator.paying(.purchase), rho: rho, mu: mu)
    }
    var collector = RolloutCollector(environments: slots, seed: seed &+ 1)
    let progress = ProgressLine("TRPO-ANC in the simulator", total: iterations, unit: "iterations")
    _ = try trpo.train(collector: &collector, iterations: iterations, rng: &rng) { log in
        progress.update(step: log.iteration, ("return (ANC)", log.averageEpRet))
    }
    progress.finish()
    return trpo.policy
}

/// The reference PPO engine trained in TaobaoWorld itself for clicks, chapter 5's setting (what the
/// paper could not afford): its mean action, and how many real sessions it spent.
func trainedPPOEngine(world: TaobaoWorld, steps: Int, seed: UInt64) throws(TrainingDiverged) -> (Engine, Int) {
    let config = PPOConfig.taobaoWorld
    var rng = RNG(seed: seed &+ 5)
    let ppo = PPO(config: config, observationSize: 91, actionSize: 27, rng: &rng)
    var collector = RolloutCollector(
        environments: (0..<config.environmentCount).map { _ in
            TaobaoWorld(truth: world.truth)
        }, seed: seed &+ 6)
    let iterations = max(1, steps / config.rolloutSize)
    let progress = ProgressLine("PPO in TaobaoWorld (a reference)", total: iterations, unit: "iterations")
    var sessions = 0
    _ = try ppo.train(collector: &collector, iterations: iterations, rng: &rng) { log in
        sessions += log.episodes
        progress.update(step: log.iteration, ("CTR", log.ctr))
    }
    progress.finish()
    let policy = ppo.policy
    return (Engine(name: "PPO in TaobaoWorld", policy: { policy.meanAction($0) }), sessions)
}

/// An engine's deterministic action π(s) → its stochastic version for importance sampling:
/// N(κσ · π(s)/|π(s)|, σ² I). Ranking ignores the norm, so only the direction of π(s) matters to
/// the world; the shift κσ keeps the importance weights against the historical N(0, σ² I) tame
/// (their variance is e^{κ²} − 1).
func stochasticMean(_ action: [Double], shift: Double, sigma: Double) -> [Double] {
    let norm = action.reduce(0) { $0 + $1 * $1 }.squareRoot()
    guard norm > 0 else { return action.map { _ in 0 } }
    return action.map { shift * sigma * $0 / norm }
}
