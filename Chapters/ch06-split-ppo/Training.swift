// One run of Figure 1: a learner (DDPG, PPO or split PPO) trained with one seed, its deterministic
// policy measured on the report's 50 customers every few iterations and scored on more at the end.
// Everything a run needs comes in as a parameter, so the seeds of a learner train at once on the
// machine's cores (`concurrentMap`), each with its own networks, environments and random streams:
// the numbers are those of training them one after another.
import Foundation
import RecRL

/// Where a Figure 1 runs: one world's fixed customers at the chapter's two sizes — the report's
/// small set for each point of a curve, and a larger set for each run's final score — with the
/// reference engines measured on each.
struct Arena: Sendable {
    let curve: EvaluationArena
    let final: EvaluationArena
    var name: String { curve.name }
    var random: (curve: Double, score: Double) { (curve.random.ctr, final.random.ctr) }
    var oracle: (curve: Double, score: Double)? {
        guard let a = curve.oracle, let b = final.oracle else { return nil }
        return (a.ctr, b.ctr)
    }
}

/// What every run of the figure shares: budgets, configurations and the worlds.
struct FigureSetting: Sendable {
    var ppoConfig: PPOConfig
    var splitConfig: SplitFeatureConfig
    var ppoIterations: Int
    var ddpgSteps: Int
    /// Curve points per run.
    var evaluations: Int
    var world: TaobaoWorld
    var virtualTBModels: VirtualTBModels?
}

/// One trained run: its curve on the report's 50 customers and its final score on more.
struct Run: Sendable {
    var seed: UInt64
    var curve: LearningCurve
    var finalCTR: Double  // on the score customers
}

/// Trains `algorithm` with `seed` in `arena`'s environment and measures its curve. Its progress
/// line is redrawn in place when `progressInPlace`, else logged every 10 s (seeds training at once).
func train(
    _ label: String, algorithm: Algorithm, ratio: Int, seed: UInt64, arena: Arena, setting: FigureSetting,
    progressInPlace: Bool
) throws -> Run {
    let evaluateCurve = { (policy: @escaping ([Double]) -> [Double]) in arena.curve.evaluate(policy).ctr }
    var rng = RNG(seed: seed)
    let (ddpgSteps, ppoIterations, ppoConfig) = (setting.ddpgSteps, setting.ppoIterations, setting.ppoConfig)
    let total = algorithm == .ddpg ? ddpgSteps : ppoIterations * ppoConfig.rolloutSize
    let progress = ProgressLine(
        "\(label), seed \(seed)", total: total, unit: "env steps", isTerminal: progressInPlace)
    let measure = "CTR@\(arena.curve.customers)"
    let report = { (steps: Int, latest: Double) in progress.update(step: steps, (measure, latest)) }
    var curve: LearningCurve
    var finalPolicy: ([Double]) -> [Double]
    switch algorithm {
    case .ddpg:
        // The report's schedule for Figure 1: one environment, one update per page (chapter 4's
        // default steps 256 customers in lockstep with one update per 256 pages, which learns more
        // per second but no longer shows the report's rise and fall), and chapter 4's first
        // actor learning rate, 1e-3.
        var config = DDPGConfig()
        config.environments = 1
        config.trainFrequency = 1
        config.actorLearningRate = 1e-3
        config.randomSteps = min(config.randomSteps, ddpgSteps / 4)
        config.updateAfter = min(config.updateAfter, ddpgSteps / 4)
        let agent = DDPG(
            observationSize: 91, actionSize: 27, config: config, replayCapacity: min(config.bufferSize, ddpgSteps),
            rng: &rng)
        let every = max(1, ddpgSteps / setting.evaluations)
        let environment: AnyEnvironment
        if let models = setting.virtualTBModels, arena.name == "VirtualTB-v0" {
            // DDPG's actions are inside [−1, 1] already (tanh): VirtualTB-v0 needs no clipping here.
            environment = AnyEnvironment(VirtualTB(models: models, seed: seed))
        } else {
            environment = AnyEnvironment(TaobaoWorld(truth: setting.world.truth))
        }
        curve = try agent.learningCurve(
            environment: environment, steps: ddpgSteps, evaluateEvery: every, rng: &rng,
            evaluate: { evaluateCurve($0.actor.action) }, progress: report)
        finalPolicy = agent.actor.action
    case .ppo, .split:
        let every = max(1, ppoIterations / setting.evaluations)
        // The customer slots: VirtualTB-v0 with actions clipped to [−1, 1] as SB3, or TaobaoWorld.
        let slot: AnyEnvironment
        if let models = setting.virtualTBModels, arena.name == "VirtualTB-v0" {
            slot = AnyEnvironment(ActionClipped(VirtualTB(models: models, seed: 0)))
        } else {
            slot = AnyEnvironment(TaobaoWorld(truth: setting.world.truth))
        }
        let slots = Array(repeating: slot, count: ppoConfig.environmentCount)
        func run<P: GaussianPolicy>(_ ppo: PPO<P>, evaluate: (P) -> Double) throws -> LearningCurve {
            var collector = RolloutCollector(environments: slots, seed: seed &+ 1)
            return try ppo.learningCurve(
                collector: &collector, iterations: ppoIterations, evaluateEvery: every, rng: &rng,
                evaluate: evaluate, progress: report)
        }
        if algorithm == .ppo {
            let ppo = PPO(config: ppoConfig, observationSize: 91, actionSize: 27, rng: &rng)
            curve = try run(ppo, evaluate: { evaluateCurve($0.meanAction) })
            finalPolicy = ppo.policy.meanAction
        } else {
            var split = setting.splitConfig
            split.updateRatio = ratio
            let ppo = PPO(config: ppoConfig, split: split, observationSize: 91, actionSize: 27, rng: &rng)
            curve = try run(ppo, evaluate: { evaluateCurve($0.meanAction) })
            finalPolicy = ppo.policy.meanAction
        }
    }
    let finalCTR = arena.final.evaluate(finalPolicy).ctr
    progress.finish((measure, curve.final), ("CTR@\(arena.final.customers)", finalCTR))
    return Run(seed: seed, curve: curve, finalCTR: finalCTR)
}

/// Every seed of one learner, trained at once on the machine's cores (one after another on one
/// core): the runs in the order of `seeds`, or the first failure.
func trainSeeds(
    _ seeds: [UInt64], label: String, algorithm: Algorithm, ratio: Int, arena: Arena, setting: FigureSetting
) throws -> [Run] {
    let inPlace = ProgressLine.redrawsInPlace(runningAtOnce: seeds.count)
    let outcomes = concurrentMap(seeds) { seed in
        Result {
            try train(
                label, algorithm: algorithm, ratio: ratio, seed: seed, arena: arena, setting: setting,
                progressInPlace: inPlace)
        }
    }
    return try outcomes.map { try $0.get() }
}
