import Foundation
import RecRL

/// Steps per second of the VirtualTB-v0 port under the random engine (actions ~ U[-1, 1]²⁷,
/// `reset()` after every finished session, as a learner's rollout does). The original Python
/// simulator runs ≈ 530 steps/s on the project's machine (shared/virtualtb/README.md).
///
/// `directory` is a converted VirtualTB folder (manifest.json + *.f32). Returns
/// [(name, steps per second)]; empty (with a message) when the folder cannot be loaded.
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
    var action = [Double](repeating: 0, count: env.actionSize)

    func run(steps: Int) -> Double {
        env.reset(seed: 0)
        let start = DispatchTime.now().uptimeNanoseconds
        var clicks = 0.0
        for _ in 0..<steps {
            for i in action.indices { action[i] = actions.uniform(-1, 1) }
            let result = env.step(action)
            clicks += result.reward
            if result.done { env.reset() }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        precondition(clicks >= 0)  // keeps the loop's work observable
        return Double(steps) / seconds
    }

    _ = run(steps: 2_000)  // warm-up
    let stepsPerSecond = (0..<3).map { _ in run(steps: 50_000) }.max()!
    return [("virtualtb steps/s (random engine, reset on done)", stepsPerSecond)]
}
