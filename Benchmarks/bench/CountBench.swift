import RecRL

/// A small fixed workload for `valgrind --tool=callgrind`, which counts instructions and so gives
/// figures the machine's load cannot move (a wall-clock rate on a shared machine varies by ±20 %
/// and more). It prints no rates; read the counts of `DDPG.update` and `PPO.update` with
///
///     valgrind --tool=callgrind --callgrind-out-file=cg.out .build/debug/bench --only count
///     callgrind_annotate --inclusive=yes cg.out | grep -E 'DDPGC6update|PPOC6update'
///
/// The workload: 20 DDPG updates at batch 256 (actor and critic 2×128 with LayerNorm, TaobaoWorld
/// transitions), 20 without LayerNorm, and one PPO update phase (2,048 samples × 10 epochs at
/// minibatch 256, the shapes of the update-phase line).
func runCountWorkload() throws {
    var rng = RNG(seed: 3)
    for layerNorm in [true, false] {
        var config = DDPGConfig()
        config.batchSize = 256
        config.layerNorm = layerNorm
        let agent = try warmedUp(
            environment: TaobaoWorld(), config: config, capacity: 1_000, untimedUpdates: 0, rng: &rng)
        for _ in 0..<20 { _ = try agent.update(rng: &rng) }
    }
    var config = PPOConfig()
    config.minibatchSize = 256
    config.valueClip = 0.2
    let world = TaobaoWorld()
    let ppo = PPO(config: config, observationSize: world.observationSize, actionSize: world.actionSize, rng: &rng)
    var collector = RolloutCollector(environments: [world], seed: 1)
    let rollout = collector.collect(steps: 2048, policy: ppo.policy, value: ppo.value, rng: &rng)
    _ = try ppo.update(rollout: rollout, rng: &rng)
}
