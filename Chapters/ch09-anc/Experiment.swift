// One training run of the chapter: a learner (TRPO or PPO) in the learned simulator, its reward
// passed through ANC (eq. 3) with ρ and μ (ρ = 0: no ANC), and its deterministic policy measured in
// the simulator and in TaobaoWorld every few iterations. Everything a run needs comes in as a
// parameter, so runs of several seeds can go at once (`concurrentMap`).
import Foundation
import RecRL

/// eq. 3 as a function (reward, action, ρ, μ) → r′: the library's, or the student's (`--mine`).
typealias ANCRewardFunction = @Sendable (Double, [Double], Double, Double) -> Double

/// The library's eq. 3 (`actionNormConstrainedReward`) on an action.
let libraryANCReward: ANCRewardFunction = { reward, action, rho, mu in
    actionNormConstrainedReward(
        reward, actionNorm: action.reduce(0) { $0 + $1 * $1 }.squareRoot(), rho: rho, mu: mu)
}

/// ANC with any eq. 3: what `--mine` trains with (the library's `ActionNormConstrained` otherwise).
struct StudentANC<Base: Environment>: Environment {
    var base: Base
    let rho: Double
    let mu: Double
    let reward: ANCRewardFunction
    var observationSize: Int { base.observationSize }
    var actionSize: Int { base.actionSize }
    mutating func reset(seed: UInt64?) -> [Double] { base.reset(seed: seed) }
    mutating func step(_ action: [Double]) -> StepResult {
        var result = base.step(action)
        result.reward = reward(result.reward, action, rho, mu)
        return result
    }
}

enum Learner: String, Sendable {
    case trpo = "TRPO"
    case ppo = "PPO"
}

/// What one run is.
struct RunSpec: Sendable {
    var learner: Learner
    /// ρ of eq. 3; 0 trains on the plain reward.
    var rho: Double
    var mu: Double
    var seed: UInt64
    var iterations: Int
    var evalEvery: Int
    var trpo: TRPOConfig
    var ppo: PPOConfig

    var name: String {
        rho == 0 ? learner.rawValue : "\(learner.rawValue)-ANC (ρ = \(shortNumber(rho)), μ = \(shortNumber(mu)))"
    }
    var shortName: String { rho == 0 ? learner.rawValue : "\(learner.rawValue)-ANC" }
}

func shortNumber(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e6 ? String(Int(x)) : String(format: "%g", x)
}

/// What one run measured.
struct RunResult: Sendable {
    var spec: RunSpec
    /// Environment steps at each evaluation (0 first).
    var steps: [Double] = []
    var virtualR2P: [Double] = []
    var realR2P: [Double] = []
    var virtualCTR: [Double] = []
    var realCTR: [Double] = []
    /// Mean ‖μ(s)‖ of the deterministic policy's actions in the simulator.
    var norm: [Double] = []
    /// Mean ‖a‖ of the sampled actions, E‖a‖ ≈ √(‖μ(s)‖² + Σσᵢ²) (upper bound by Jensen).
    var sampledNorm: [Double] = []
    /// The last evaluation.
    var final: SimToRealMetrics? = nil
    /// The evaluation with the best virtual R2P (what a practitioner without a real world would keep).
    var bestVirtual: SimToRealMetrics? = nil
    /// Per iteration: the mean undiscounted (shaped) return of the finished sessions.
    var trainingReturn: [Double] = []
    var seconds = 0.0

    mutating func record(steps s: Int, _ m: SimToRealMetrics, logStd: [Double]) {
        steps.append(Double(s))
        virtualR2P.append(m.virtual.r2p)
        realR2P.append(m.real.r2p)
        virtualCTR.append(m.virtual.ctr)
        realCTR.append(m.real.ctr)
        norm.append(m.meanActionNorm)
        let variance = logStd.reduce(0) { $0 + Foundation.exp(2 * $1) }
        sampledNorm.append((m.meanActionNorm * m.meanActionNorm + variance).squareRoot())
        final = m
        if bestVirtual == nil || m.virtual.r2p > bestVirtual!.virtual.r2p { bestVirtual = m }
    }
}

/// Trains `spec` in `simulator` (paying the chapter's reward) and measures it on `arena`.
func run(
    _ spec: RunSpec, simulator: VirtualTaobao, arena: SimToRealArena, ancReward: ANCRewardFunction?,
    progress: ProgressLine?
) throws(TrainingDiverged) -> RunResult {
    var rng = RNG(seed: spec.seed)
    let environmentCount = spec.learner == .trpo ? spec.trpo.environmentCount : spec.ppo.environmentCount
    let environments = (0..<environmentCount).map { _ in
        ancReward.map { AnyEnvironment(StudentANC(base: simulator, rho: spec.rho, mu: spec.mu, reward: $0)) }
            ?? AnyEnvironment(ActionNormConstrained(simulator, rho: spec.rho, mu: spec.mu))
    }
    var collector = RolloutCollector(environments: environments, seed: spec.seed &+ 1)
    var result = RunResult(spec: spec)
    let start = ProgressLine.monotonicSeconds()
    func evaluate(_ policy: MLPGaussianPolicy, iteration: Int, steps: Int) {
        guard iteration == 0 || iteration % spec.evalEvery == 0 || iteration == spec.iterations else { return }
        result.record(steps: steps, arena.evaluate(policy.meanAction), logStd: policy.logStd.data)
        progress?.update(
            step: steps, ("virtual R2P", result.virtualR2P.last!), ("real R2P", result.realR2P.last!),
            ("‖a‖", result.norm.last!))
    }
    switch spec.learner {
    case .trpo:
        let trpo = TRPO(config: spec.trpo, observationSize: 91, actionSize: 27, rng: &rng)
        evaluate(trpo.policy, iteration: 0, steps: 0)
        _ = try trpo.train(collector: &collector, iterations: spec.iterations, rng: &rng) { log in
            result.trainingReturn.append(log.averageEpRet)
            evaluate(trpo.policy, iteration: log.iteration, steps: log.totalEnvInteracts)
        }
    case .ppo:
        let ppo = PPO(config: spec.ppo, observationSize: 91, actionSize: 27, rng: &rng)
        evaluate(ppo.policy, iteration: 0, steps: 0)
        _ = try ppo.train(collector: &collector, iterations: spec.iterations, rng: &rng) { log in
            result.trainingReturn.append(log.averageEpRet)
            evaluate(ppo.policy, iteration: log.iteration, steps: log.totalEnvInteracts)
        }
    }
    result.seconds = ProgressLine.monotonicSeconds() - start
    return result
}

/// Runs every spec, two at a time where the machine has the cores (each run owns its networks,
/// environments and random streams, so the numbers are those of running them one by one).
func runAll(
    _ specs: [RunSpec], simulator: VirtualTaobao, arena: SimToRealArena, ancReward: ANCRewardFunction?
) throws(TrainingDiverged) -> [RunResult] {
    let outcomes = concurrentMap(specs) { spec -> Result<RunResult, TrainingDiverged> in
        do throws(TrainingDiverged) {
            return .success(try run(spec, simulator: simulator, arena: arena, ancReward: ancReward, progress: nil))
        } catch {
            return .failure(error)
        }
    }
    return try outcomes.map { outcome throws(TrainingDiverged) in try outcome.get() }
}

/// mean ± std (std over n − 1; just the mean for one value).
func meanStd(_ values: [Double], digits: Int = 3) -> String {
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    if values.count < 2 { return String(format: "%.\(digits)f", mean) }
    let std = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
    return String(format: "%.\(digits)f ± %.\(digits)f", mean, std)
}
