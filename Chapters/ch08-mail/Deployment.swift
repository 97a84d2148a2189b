import Foundation
import RecRL

/// Table 2's policy: TRPO with the action norm constraint (ρ, μ) trained in `simulator` for R2P
/// (the purchase reward, as the paper), 8 customers in lockstep × 256 pages per iteration.
func trainTRPOANC(
    in simulator: VirtualTaobao, iterations: Int, rho: Double, mu: Double, seed: UInt64, label: String
) throws(TrainingDiverged) -> MLPGaussianPolicy {
    var config = TRPOConfig.taobaoWorld
    config.gamma = 0.9  // a purchase ends the session: look a few pages ahead
    var rng = RNG(seed: seed)
    let trpo = TRPO(config: config, observationSize: 91, actionSize: 27, rng: &rng)
    let slots = (0..<config.environmentCount).map { _ in
        ActionNormConstrained(simulator.paying(.purchase), rho: rho, mu: mu)
    }
    var collector = RolloutCollector(environments: slots, seed: seed &+ 1)
    let progress = ProgressLine("TRPO-ANC in \(label), seed \(seed)", total: iterations, unit: "iterations")
    _ = try trpo.train(collector: &collector, iterations: iterations, rng: &rng) { log in
        progress.update(step: log.iteration, ("return (ANC)", log.averageEpRet))
    }
    progress.finish()
    return trpo.policy
}

/// R2P of the random (historical) engine and of `policy`'s mean action, on the same `sessions`
/// customers of `environment` (common random numbers), and the relative improvement.
struct Deployment {
    var randomR2P: Double
    var policyR2P: Double
    /// The mean Euclidean norm of the policy's weights over the pages it ranked.
    var policyActionNorm: Double
    var improvement: Double { (policyR2P - randomR2P) / randomR2P }

    init<Env: Environment>(_ environment: Env, policy: MLPGaussianPolicy, sessions: Int, seed: UInt64) {
        let world = (environment as? TaobaoWorld) ?? TaobaoWorld()
        func r2p(_ engine: Engine) -> Double {
            SessionStatistics.measure(
                environment, engine: engine, sessions: sessions, seed: seed, maxPages: 15, world: world
            ).metrics.r2p
        }
        randomR2P = r2p(.random())
        let norms = NormTally()
        policyR2P = r2p(
            Engine(name: "TRPO-ANC") { observation in
                let a = policy.meanAction(observation)
                norms.add(a)
                return a
            })
        policyActionNorm = norms.mean
    }
}

/// A PPO engine trained in TaobaoWorld for `steps` pages (chapter 5's setting), as an `Engine`
/// that plays its mean action: one of the engines the simulators must rank.
func trainedPPOEngine(world: TaobaoWorld, steps: Int, seed: UInt64) throws(TrainingDiverged) -> Engine {
    let config = PPOConfig.taobaoWorld
    var rng = RNG(seed: seed &+ 5)
    let ppo = PPO(config: config, observationSize: 91, actionSize: 27, rng: &rng)
    var collector = RolloutCollector(
        environments: (0..<config.environmentCount).map { _ in TaobaoWorld(truth: world.truth) }, seed: seed &+ 6)
    let iterations = max(1, steps / config.rolloutSize)
    let progress = ProgressLine("PPO in TaobaoWorld (an engine to rank)", total: iterations, unit: "iterations")
    _ = try ppo.train(collector: &collector, iterations: iterations, rng: &rng) { log in
        progress.update(step: log.iteration, ("CTR", log.ctr))
    }
    progress.finish()
    let policy = ppo.policy
    return Engine(name: "PPO (trained in TaobaoWorld)", policy: { policy.meanAction($0) })
}
