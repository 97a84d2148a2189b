// `--virtualtb DIR`: the same experiment on the published VirtualTB-v0, where there is no real
// world behind the simulator to deploy to.
import Foundation
import RecRL

/// TRPO with and without ANC on VirtualTB-v0 (clicks, actions clipped to [−1, 1] as SB3 clips to
/// its action space; ANC reads the clipped action, the one the simulator sees). Returns the metrics.
func virtualTBStory(
    models: VirtualTBModels, options: Options, notebook: Notebook, ancReward: ANCRewardFunction?, seeds: [UInt64]
) -> Metrics {
    var metrics = Metrics()
    let budget = options.chapter.budget
    let config = TRPOConfig()  // sb3-contrib's defaults (1 × 2,048 per iteration), chapter 5's VirtualTB setting
    let steps = options.training.steps(budget, quick: 4_096, standard: 40_960, full: 40_960)
    let iterations = TrainingSteps.iterations(covering: steps, stepsPerIteration: config.rolloutSize)
    let evalEvery = budget == .quick ? 1 : 2
    let arena = EvaluationArena.environment(
        VirtualTB(models: models, seed: 0), name: "VirtualTB-v0", sessions: options.evalCustomers,
        seed: 20_190_900 + options.chapter.seed)
    notebook.heading("VirtualTB-v0: the same story without a real world")
    notebook.text(
        """
        The published VirtualTB-v0 (Shi et al. 2019's own simulator, ported) pays clicks; actions are \
        clipped to [−1, 1]²⁷ (so ‖a‖ ≤ √27 ≈ 5.2) and ANC reads the clipped action. There is no \
        ground truth behind it: a policy's CTR here is the simulator's opinion, and whether ANC's \
        lower number would be the better policy in a real Taobao cannot be measured — only what it \
        does to the action norm and to the simulator's CTR. (Chapter 6's DDPG reaches CTR > 0.9 here, \
        by finding actions the simulator loves.) TRPO with sb3-contrib's defaults, \(iterations) \
        iterations of 2,048 steps, ρ = \(shortNumber(options.anc.rho)), μ = \(shortNumber(options.anc.mu)), \
        \(seeds.count) seed\(seeds.count == 1 ? "" : "s"); \(options.evalCustomers) evaluation sessions.
        """)
    struct Arm: Sendable {
        var rho: Double
        var seed: UInt64
    }
    struct Outcome: Sendable {
        var steps: [Double] = []
        var ctr: [Double] = []
        var norm: [Double] = []
        var seconds = 0.0
    }
    let arms = seeds.flatMap { [Arm(rho: 0, seed: $0), Arm(rho: options.anc.rho, seed: $0)] }
    let mu = options.anc.mu
    print("training TRPO and TRPO-ANC on VirtualTB-v0…")
    let results = arms.map { arm -> Result<Outcome, TrainingDiverged> in
        var rng = RNG(seed: arm.seed)
        let trpo = TRPO(config: config, observationSize: 91, actionSize: 27, rng: &rng)
        let environments = (0..<config.environmentCount).map { _ in
            let base = VirtualTB(models: models, seed: 0)
            return ancReward.map {
                AnyEnvironment(ActionClipped(StudentANC(base: base, rho: arm.rho, mu: mu, reward: $0)))
            } ?? AnyEnvironment(ActionClipped(ActionNormConstrained(base, rho: arm.rho, mu: mu)))
        }
        var collector = RolloutCollector(environments: environments, seed: arm.seed &+ 1)
        var outcome = Outcome()
        func measure(_ steps: Int) {
            var norms = 0.0
            var count = 0
            let m = arena.evaluate { observation in
                let a = trpo.policy.meanAction(observation).map { Swift.min(Swift.max($0, -1), 1) }
                norms += a.reduce(0) { $0 + $1 * $1 }.squareRoot()
                count += 1
                return a
            }
            outcome.steps.append(Double(steps))
            outcome.ctr.append(m.ctr)
            outcome.norm.append(norms / Double(max(count, 1)))
        }
        let start = ProgressLine.monotonicSeconds()
        measure(0)
        do throws(TrainingDiverged) {
            _ = try trpo.train(collector: &collector, iterations: iterations, rng: &rng) { log in
                if log.iteration % evalEvery == 0 || log.iteration == iterations { measure(log.totalEnvInteracts) }
            }
        } catch {
            return .failure(error)
        }
        outcome.seconds = ProgressLine.monotonicSeconds() - start
        return .success(outcome)
    }
    let outcomes = notebook.stopIfFails { try results.map { r throws(TrainingDiverged) in try r.get() } }
    let plain = outcomes.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
    let constrained = outcomes.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
    var ctr = LinePlot(title: "CTR in VirtualTB-v0", xLabel: "environment steps", yLabel: "CTR (pooled)")
    var norm = LinePlot(title: "‖a‖ of the mean action (clipped)", xLabel: "environment steps", yLabel: "‖a‖")
    for (runs, name) in [(plain, "TRPO"), (constrained, "TRPO-ANC")] {
        if runs.count == 1 {
            ctr.line(name: name, x: runs[0].steps, y: runs[0].ctr)
            norm.line(name: name, x: runs[0].steps, y: runs[0].norm)
        } else {
            ctr.band(name: name, x: runs[0].steps, runs: runs.map(\.ctr))
            norm.band(name: name, x: runs[0].steps, runs: runs.map(\.norm))
        }
    }
    ctr.hline(name: "random (uniform in [−1, 1])", y: arena.random.ctr)
    _ = notebook.figure(
        PanelPlot(title: "TRPO with and without ANC on VirtualTB-v0", panels: [ctr, norm]), name: "virtualtb-anc",
        caption: "CTR and action norm of TRPO and TRPO-ANC on VirtualTB-v0")
    var table = Table(columns: [.init("policy"), .init("CTR"), .init("‖a‖ (clipped)")])
    table.row("TRPO", meanStd(plain.map { $0.ctr.last! }), meanStd(plain.map { $0.norm.last! }, digits: 2))
    table.row(
        "TRPO-ANC (ρ = \(shortNumber(options.anc.rho)), μ = \(shortNumber(options.anc.mu)))",
        meanStd(constrained.map { $0.ctr.last! }), meanStd(constrained.map { $0.norm.last! }, digits: 2))
    table.row("random (uniform in [−1, 1])", f3v(arena.random.ctr), "≈ 3.0")
    notebook.table(table, caption: "After \(iterations * config.rolloutSize) steps")
    notebook.text(
        """
        What can be concluded: ANC changes what TRPO does to the action norm and to the simulator's \
        CTR (the table). What cannot: whether the smaller-norm policy would sell more in a real \
        Taobao — VirtualTB-v0's authors could answer that with an online A/B test; this port has no \
        world behind it. TaobaoWorld (the default run) is where the course can answer it.
        """)
    metrics["virtualtb_trpo_ctr"] = .numbers(plain.map { $0.ctr.last! })
    metrics["virtualtb_trpo_anc_ctr"] = .numbers(constrained.map { $0.ctr.last! })
    metrics["virtualtb_trpo_norm"] = .numbers(plain.map { $0.norm.last! })
    metrics["virtualtb_trpo_anc_norm"] = .numbers(constrained.map { $0.norm.last! })
    metrics["virtualtb_random_ctr"] = .number(arena.random.ctr)
    notebook.timings["virtualtb_seconds"] = .numbers(outcomes.map(\.seconds))
    return metrics
}

func f3v(_ x: Double) -> String { String(format: "%.3f", x) }
