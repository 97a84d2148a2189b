import Foundation
import RecRL

/// Training speed of DDPG and TD3 (Sources/RecRL/RL/DDPG.swift) with the chapter's defaults
/// (actor and critics 2×128 with LayerNorm, batch `DDPGConfig().batchSize`): environment steps per
/// second of the whole loop — act, step the environment, store, and one gradient update per
/// environment step (TD3: both critics every step, the actor every second step) — on TaobaoWorld
/// and, when `virtualtbDirectory` is given, on the VirtualTB-v0 port.
///
/// The buffer is first filled with 1,000 random steps and 50 training steps are run (not timed);
/// then 400 steps are timed in
/// this thread's CPU time, so the figures hold on a machine shared with other jobs.
func benchDDPG(virtualtbDirectory: String?) -> [(String, Double)] {
    var results: [(String, Double)] = []
    let batch = DDPGConfig().batchSize
    for (name, config) in [("ddpg", DDPGConfig()), ("td3", DDPGConfig.td3)] {
        results.append(
            (
                "\(name) taobao train env-steps/s (1 update/step, batch \(batch))",
                trainingStepsPerSecond(environment: TaobaoWorld(), config: config)
            ))
    }
    if let directory = virtualtbDirectory {
        do {
            let models = try VirtualTBModels(directory: directory)
            for (name, config) in [("ddpg", DDPGConfig()), ("td3", DDPGConfig.td3)] {
                results.append(
                    (
                        "\(name) virtualtb train env-steps/s (1 update/step, batch \(batch))",
                        trainingStepsPerSecond(environment: VirtualTB(models: models, seed: 0), config: config)
                    ))
            }
        } catch {
            print("ddpg virtualtb: skipped (\(error))")
        }
    }
    return results
}

/// Environment steps per CPU second of `DDPG.train` after a 1,000-step random warm-up.
private func trainingStepsPerSecond<Env: Environment>(
    environment: Env, config: DDPGConfig, warmUp: Int = 1_000, timed: Int = 400
) -> Double {
    var config = config
    config.randomSteps = 0
    config.updateAfter = 0
    var rng = RNG(seed: 3)
    let agent = DDPG(
        observationSize: environment.observationSize, actionSize: environment.actionSize, config: config,
        replayCapacity: warmUp + 50 + timed, rng: &rng)
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
    // A few untimed updates first: the first ones also allocate the optimisers' state.
    agent.train(environment: env, steps: 50, evaluateEvery: 50, rng: &rng, evaluate: { _ in 0 })
    let start = threadCPUSeconds()
    agent.train(environment: env, steps: timed, evaluateEvery: timed, rng: &rng, evaluate: { _ in 0 })
    return Double(timed) / (threadCPUSeconds() - start)
}

/// This thread's CPU time in seconds.
private func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + 1e-9 * Double(t.tv_nsec)
}
