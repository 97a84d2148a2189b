import Foundation
import RecRL

/// TRPO beside PPO on the same number of environment steps, over seeds 0–2: the deterministic
/// policy's CTR on fixed evaluation customers (and, in TaobaoWorld, the normalised score
/// (CTR − random) / (oracle − random)) and the training's wall time.
///
/// - TaobaoWorld: `PPOConfig.taobaoWorld` vs `TRPOConfig.taobaoWorld` (the same 8 × 256 rollouts,
///   γ = 0.3, λ = 0.5, σ₀ = e⁻¹), 102,400 steps (chapter 5's default budget), 300 customers.
/// - VirtualTB-v0 (when its weights are there): SB3's `PPO` vs sb3-contrib's `TRPO` defaults
///   (1 × 2,048), actions clipped to [−1, 1], 20,480 steps (chapter 5's VirtualTB budget), 300 sessions.
func compareTRPOWithPPO(virtualtbDirectory: String?) throws {
    print("TRPO vs PPO: same env steps; CTR of the mean action on the evaluation customers; training seconds")
    let world = TaobaoWorld()
    for seed: UInt64 in 0...2 {
        let arena = EvaluationArena.taobaoWorld(world, customers: 300, seed: 20_190_000 + seed)
        let environments = Array(repeating: world, count: 8)
        let ppo = try trainPPO(environments, config: .taobaoWorld, steps: 102_400, seed: seed)
        let trpo = try trainTRPO(environments, config: .taobaoWorld, steps: 102_400, seed: seed)
        for (name, act, seconds) in [("PPO", ppo.act, ppo.seconds), ("TRPO", trpo.act, trpo.seconds)] {
            let ctr = arena.evaluate(act).ctr
            print(
                "TaobaoWorld   \(name.padding(toLength: 5, withPad: " ", startingAt: 0)) seed \(seed)  steps 102400  "
                    + String(format: "CTR %.4f  score %.3f  %.1f s", ctr, arena.score(ctr)!, seconds))
        }
    }
    guard let directory = virtualtbDirectory else { return }
    let models = try VirtualTBModels(directory: directory)
    for seed: UInt64 in 0...2 {
        let arena = EvaluationArena.environment(
            VirtualTB(models: models, seed: 0), name: "VirtualTB-v0", sessions: 300, seed: 20_190_000 + seed)
        let environments = [ActionClipped(VirtualTB(models: models, seed: 0))]
        let ppo = try trainPPO(environments, config: PPOConfig(), steps: 20_480, seed: seed)
        let trpo = try trainTRPO(environments, config: TRPOConfig(), steps: 20_480, seed: seed)
        for (name, act, seconds) in [("PPO", ppo.act, ppo.seconds), ("TRPO", trpo.act, trpo.seconds)] {
            let ctr = arena.evaluate(act).ctr
            print(
                "VirtualTB-v0  \(name.padding(toLength: 5, withPad: " ", startingAt: 0)) seed \(seed)  steps 20480  "
                    + String(format: "CTR %.4f  random %.4f  %.1f s", ctr, arena.random.ctr, seconds))
        }
    }
}

/// A trained policy's mean action and the seconds training took.
private typealias Trained = (act: ([Double]) -> [Double], seconds: Double)

private func trainPPO<Env: Environment>(_ environments: [Env], config base: PPOConfig, steps: Int, seed: UInt64)
    throws -> Trained
{
    var config = base
    config.environmentCount = environments.count
    var rng = RNG(seed: seed)
    let ppo = PPO(
        config: config, observationSize: environments[0].observationSize, actionSize: environments[0].actionSize,
        rng: &rng)
    var collector = RolloutCollector(environments: environments, seed: seed + 1)
    let start = wallSeconds()
    _ = try ppo.train(collector: &collector, iterations: steps / config.rolloutSize, rng: &rng)
    return (ppo.policy.meanAction, (wallSeconds() - start))
}

private func trainTRPO<Env: Environment>(_ environments: [Env], config base: TRPOConfig, steps: Int, seed: UInt64)
    throws -> Trained
{
    var config = base
    config.environmentCount = environments.count
    var rng = RNG(seed: seed)
    let trpo = TRPO(
        config: config, observationSize: environments[0].observationSize, actionSize: environments[0].actionSize,
        rng: &rng)
    var collector = RolloutCollector(environments: environments, seed: seed + 1)
    let start = wallSeconds()
    _ = try trpo.train(collector: &collector, iterations: steps / config.rolloutSize, rng: &rng)
    return (trpo.policy.meanAction, (wallSeconds() - start))
}
