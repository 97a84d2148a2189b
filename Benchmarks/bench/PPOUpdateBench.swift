import Foundation
import RecRL

/// The PPO update phase alone, in sample-epochs per second of wall clock: one rollout of 2,048
/// TaobaoWorld steps (observations 91, actions 27), then `PPO.update` — 10 epochs of minibatches,
/// each a forward and backward pass of the actor (91-128-128-27 tanh, state-independent log-std)
/// and the critic (91-128-128-1), the clipped losses, the gradient-norm clip at 0.5 and an Adam
/// step. The same work as `../shared/peers/torch_ppo_update.py` (run it with the same minibatch to
/// compare): 2,048 × 10 / (seconds per update phase), the median of `repeats` phases after one
/// warm-up phase.
func benchPPOUpdate(repeats: Int = 3) throws -> [(String, Double)] {
    try [64, 256].map { minibatch in
        var config = PPOConfig()
        config.minibatchSize = minibatch
        config.valueClip = 0.2  // the peer script clips the value loss too
        var rng = RNG(seed: 0)
        let world = TaobaoWorld()
        let ppo = PPO(config: config, observationSize: world.observationSize, actionSize: world.actionSize, rng: &rng)
        var collector = RolloutCollector(environments: [world], seed: 1)
        let rollout = collector.collect(steps: 2048, policy: ppo.policy, value: ppo.value, rng: &rng)
        _ = try ppo.update(rollout: rollout, rng: &rng)
        var seconds: [Double] = []
        for _ in 0..<repeats {
            let start = wallSeconds()
            _ = try ppo.update(rollout: rollout, rng: &rng)
            seconds.append(wallSeconds() - start)
        }
        let median = seconds.sorted()[seconds.count / 2]
        return (
            "ppo update phase sample-epochs/s (2048 × 10 epochs, minibatch \(minibatch))",
            Double(rollout.count * config.epochs) / median
        )
    }
}
