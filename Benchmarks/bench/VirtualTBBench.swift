import Foundation
import RecRL

/// Steps per second of the VirtualTB-v0 port under the random engine (actions ~ U[-1, 1]²⁷,
/// `reset()` after every finished session, as a learner's rollout does). The original Python
/// simulator runs ≈ 530 steps/s on the project's machine (shared/virtualtb/README.md).
///
/// `directory` is a converted VirtualTB folder (manifest.json + *.f32). Returns
/// [(name, steps per second)], the best of 3 runs of 50,000 steps; empty (with a message) when
/// the folder cannot be loaded.
func benchVirtualTB(directory: String) -> [(String, Double)] {
    let models: VirtualTBModels
    do {
        models = try VirtualTBModels(directory: directory)
    } catch {
        print("virtualtb: skipped (\(error))")
        return []
    }
    var env = VirtualTB(models: models, seed: 0)
    var actions = RNG(seed: 1)
    _ = randomEngineStepsPerSecond(env: &env, actions: &actions, steps: 2_000)  // warm-up
    let best = (0..<3).map { _ in randomEngineStepsPerSecond(env: &env, actions: &actions, steps: 50_000) }.max()!
    return [("virtualtb steps/s (random engine, reset on done)", best)]
}

/// Runs `steps` steps with uniform random actions, resetting after each finished session.
private func randomEngineStepsPerSecond(env: inout VirtualTB, actions: inout RNG, steps: Int) -> Double {
    var action = [Double](repeating: 0, count: env.actionSize)
    var clicks = 0.0
    env.reset(seed: 0)
    let start = wallSeconds()
    for _ in 0..<steps {
        for i in action.indices { action[i] = actions.uniform(-1, 1) }
        let result = env.step(action)
        clicks += result.reward
        if result.done { env.reset() }
    }
    let seconds = (wallSeconds() - start)
    precondition(clicks >= 0, "clicks cannot be negative")  // keeps the loop's work observable
    return Double(steps) / seconds
}
