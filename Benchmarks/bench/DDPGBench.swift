import Foundation
import RecRL

/// Training speed of DDPG and TD3 (Sources/RecRL/RL/DDPG.swift) with the chapter's defaults
/// (actor and critics 2×128 with LayerNorm, batch `DDPGConfig().batchSize`), by wall clock, as
/// the peers' figures are:
///
/// - updates/s: `DDPG.update` alone (sample a minibatch, the critic step(s), the actor step and
///   the Polyak averaging; TD3: both critics every update, the actor every second);
/// - env-steps/s of the whole default loop, `DDPG.train`: 256 environments in lockstep, one batched
///   actor pass, store, and one update per 256 environment steps;
/// - env-steps/s of the textbook loop (1 environment, one update per step), for comparison with
///   the previous figures;
/// - DDPG's textbook loop at batch 256, with and without LayerNorm: the setting of the peer
///   figure (Stable-Baselines3's DDPG, one update per step, batch 256: 82 env-steps/s on the
///   course's machine).
///
/// On TaobaoWorld and, when `virtualtbDirectory` is given, on the VirtualTB-v0 port. The buffer is
/// first filled with random steps and a few updates are run untimed (they allocate Adam's state).
func benchDDPG(virtualtbDirectory: String?) throws -> [(String, Double)] {
    var results: [(String, Double)] = []
    func measure<Env: Environment>(_ environmentName: String, _ environment: Env) throws {
        for (name, config) in [("ddpg", DDPGConfig()), ("td3", DDPGConfig.td3)] {
            let batch = config.batchSize
            results.append(
                (
                    "\(name) \(environmentName) updates/s (batch \(batch))",
                    try updatesPerSecond(environment: environment, config: config)
                ))
            results.append(
                (
                    "\(name) \(environmentName) train env-steps/s (\(config.environments) envs, "
                        + "1 update/\(config.trainFrequency))",
                    try trainingStepsPerSecond(
                        environment: environment, config: config, timed: 40 * config.trainFrequency)
                ))
            var textbook = config
            textbook.environments = 1
            textbook.trainFrequency = 1
            results.append(
                (
                    "\(name) \(environmentName) train env-steps/s (1 env, 1 update/step)",
                    try trainingStepsPerSecond(environment: environment, config: textbook, timed: 300)
                ))
        }
    }
    func measureBatch256<Env: Environment>(_ environmentName: String, _ environment: Env) throws {
        for layerNorm in [true, false] {
            var config = DDPGConfig()
            config.batchSize = 256
            config.layerNorm = layerNorm
            config.environments = 1
            config.trainFrequency = 1
            results.append(
                (
                    "ddpg \(environmentName) train env-steps/s (1 env, 1 update/step, batch 256, "
                        + (layerNorm ? "LayerNorm)" : "no LayerNorm)"),
                    try trainingStepsPerSecond(environment: environment, config: config, timed: 300)
                ))
        }
    }
    try measure("taobao", TaobaoWorld())
    try measureBatch256("taobao", TaobaoWorld())
    if let directory = virtualtbDirectory {
        do {
            let models = try VirtualTBModels(directory: directory)
            try measure("virtualtb", VirtualTB(models: models, seed: 0))
            try measureBatch256("virtualtb", VirtualTB(models: models, seed: 0))
        } catch {
            print("ddpg virtualtb: skipped (\(error))")
        }
    }
    return results
}

/// A learner with `warmUp` random transitions in its buffer and `untimedUpdates` updates behind it.
func warmedUp<Env: Environment>(
    environment: Env, config: DDPGConfig, capacity: Int, warmUp: Int = 1_000, untimedUpdates: Int = 30,
    rng: inout RNG
) throws -> DDPG {
    var config = config
    config.randomSteps = 0
    config.updateAfter = 0
    let agent = DDPG(
        observationSize: environment.observationSize, actionSize: environment.actionSize, config: config,
        replayCapacity: capacity, rng: &rng)
    var env = environment
    var observation = env.reset(seed: 1)
    for _ in 0..<warmUp {
        let action = (0..<env.actionSize).map { _ in rng.uniform(-1, 1) }
        let result = env.step(action)
        agent.store(
            observation: observation, action: action, reward: result.reward, nextObservation: result.observation,
            terminated: result.terminated)
        observation = result.done ? env.reset(seed: rng.next()) : result.observation
    }
    for _ in 0..<untimedUpdates { try agent.update(rng: &rng) }
    return agent
}

/// Gradient updates per second.
private func updatesPerSecond<Env: Environment>(environment: Env, config: DDPGConfig, timed: Int = 300) throws -> Double
{
    var rng = RNG(seed: 3)
    let agent = try warmedUp(environment: environment, config: config, capacity: 1_000, rng: &rng)
    let start = wallSeconds()
    for _ in 0..<timed { try agent.update(rng: &rng) }
    return Double(timed) / (wallSeconds() - start)
}

/// Environment steps per second of `DDPG.train` (acting, stepping, storing and updating).
private func trainingStepsPerSecond<Env: Environment>(environment: Env, config: DDPGConfig, timed: Int) throws -> Double
{
    var rng = RNG(seed: 3)
    let agent = try warmedUp(
        environment: environment, config: config, capacity: min(config.bufferSize, 1_000 + timed), rng: &rng)
    let start = wallSeconds()
    _ = try agent.train(environment: environment, steps: timed, evaluateEvery: timed, rng: &rng, evaluate: { _ in 0 })
    return Double(timed) / (wallSeconds() - start)
}
