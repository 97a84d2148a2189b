import Foundation
import RecRL

/// Training speed of PPO in environment steps per second, collection and updates included:
/// SB3's defaults (1 environment, n_steps 2048, minibatch 64, 10 epochs, separate 2×128 tanh actor
/// and critic) for 2 iterations (4,096 steps) after a warm-up iteration, on TaobaoWorld and — when
/// `virtualtbDirectory` holds the exported weights — on the VirtualTB-v0 port. Stable-Baselines3
/// runs this PPO on the original VirtualTB-v0 (its torch simulator) at ≈ 280 env-steps/s on the course's
/// 2-core machine (measured with SB3's PPO, same hyperparameters).
/// A last line gives the chapter's TaobaoWorld setting (8 environments × 256 steps, 4 epochs of
/// minibatches of 128).
func benchPPO(virtualtbDirectory: String?) throws -> [(String, Double)] {
    var rows: [(String, Double)] = []
    let world = TaobaoWorld()
    rows.append(("ppo env-steps/s (TaobaoWorld, SB3 defaults, 2x128)", try ppoStepsPerSecond(environments: [world])))
    if let directory = virtualtbDirectory {
        do {
            let models = try VirtualTBModels(directory: directory)
            rows.append(
                (
                    "ppo env-steps/s (VirtualTB-v0, SB3 defaults, 2x128)",
                    try ppoStepsPerSecond(environments: [ActionClipped(VirtualTB(models: models, seed: 0))])
                ))
        } catch {
            print("ppo: VirtualTB skipped (\(error))")
        }
    }
    rows.append(
        (
            "ppo env-steps/s (TaobaoWorld, the chapter's PPOConfig.taobaoWorld)",
            try ppoStepsPerSecond(environments: Array(repeating: world, count: 8), config: .taobaoWorld)
        ))
    return rows
}

/// One warm-up iteration, then 2 timed iterations of 2,048 steps each, with `config`'s epochs and
/// minibatches (SB3's by default), spread over the given environments.
private func ppoStepsPerSecond<Env: Environment>(environments: [Env], config base: PPOConfig = PPOConfig()) throws
    -> Double
{
    var config = base
    config.environmentCount = environments.count
    config.stepsPerEnvironment = 2048 / environments.count
    var rng = RNG(seed: 0)
    let ppo = PPO(
        config: config, observationSize: environments[0].observationSize, actionSize: environments[0].actionSize,
        rng: &rng)
    var collector = RolloutCollector(environments: environments, seed: 1)
    _ = try ppo.train(collector: &collector, iterations: 1, rng: &rng)
    let start = wallSeconds()
    let logs = try ppo.train(collector: &collector, iterations: 2, rng: &rng)
    let seconds = (wallSeconds() - start)
    return Double(logs.last!.totalEnvInteracts) / seconds
}
