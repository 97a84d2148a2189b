import Foundation
import RecRL

/// Training speed of TRPO: updates per second (the trust-region step and the value fit on one
/// rollout, collection excluded) and environment steps per second (collection included), after a
/// warm-up iteration, for 2 timed iterations of 2,048 steps: the TaobaoWorld setting
/// (`TRPOConfig.taobaoWorld`, 8 environments × 256 steps) and — when `virtualtbDirectory` holds the
/// exported weights — sb3-contrib's defaults on the VirtualTB-v0 port (1 environment × 2,048).
func benchTRPO(virtualtbDirectory: String?) throws -> [(String, Double)] {
    let world = TRPORun(environments: Array(repeating: TaobaoWorld(), count: 8), config: .taobaoWorld)
    var rows = try world.speed(name: "TaobaoWorld, TRPOConfig.taobaoWorld")
    if let directory = virtualtbDirectory {
        do {
            let models = try VirtualTBModels(directory: directory)
            let run = TRPORun(environments: [ActionClipped(VirtualTB(models: models, seed: 0))], config: TRPOConfig())
            rows += try run.speed(name: "VirtualTB-v0, sb3-contrib defaults")
        } catch let error as TrainingDiverged {
            throw error
        } catch {
            print("trpo: VirtualTB skipped (\(error))")
        }
    }
    return rows
}

/// One TRPO learner and its collector.
private struct TRPORun<Env: Environment> {
    var environments: [Env]
    var config: TRPOConfig

    func speed(name: String) throws -> [(String, Double)] {
        var config = self.config
        config.environmentCount = environments.count
        config.stepsPerEnvironment = 2048 / environments.count
        var rng = RNG(seed: 0)
        let trpo = TRPO(
            config: config, observationSize: environments[0].observationSize,
            actionSize: environments[0].actionSize, rng: &rng)
        var collector = RolloutCollector(environments: environments, seed: 1)
        _ = try trpo.train(collector: &collector, iterations: 1, rng: &rng)
        var updateSeconds = 0.0
        let start = wallSeconds()
        for _ in 0..<2 {
            let rollout = collector.collect(
                steps: config.stepsPerEnvironment, policy: trpo.policy, value: trpo.value, rng: &rng)
            let (advantages, returns) = rollout.advantages(gamma: config.gamma, lambda: config.lambda)
            let updateStart = wallSeconds()
            _ = try trpo.update(rollout: rollout, advantages: advantages, returns: returns, rng: &rng)
            updateSeconds += (wallSeconds() - updateStart)
        }
        let seconds = (wallSeconds() - start)
        return [
            ("trpo updates/s (\(name))", 2 / updateSeconds),
            ("trpo env-steps/s (\(name))", Double(2 * config.rolloutSize) / seconds),
        ]
    }
}
