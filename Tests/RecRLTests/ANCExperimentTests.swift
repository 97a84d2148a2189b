import Foundation
import Testing

@testable import RecRL

/// A one-page bandit whose reward grows with the first action weight but more slowly than ANC's
/// divisor: r = 1 + a₀/2 (at least 0). Without ANC the best action runs off along a₀; with ANC
/// (μ = 0) r′ = (1 + a₀/2) / (1 + ‖a‖) falls as ‖a‖ grows, so the best action is short.
struct NormLovingBandit: Environment {
    var observationSize: Int { 1 }
    var actionSize: Int { 2 }
    mutating func reset(seed: UInt64?) -> [Double] { [1] }
    mutating func step(_ action: [Double]) -> StepResult {
        StepResult(
            observation: [1], reward: Swift.max(1 + action[0] / 2, 0), terminated: true, truncated: false,
            info: StepInfo(clicks: 0, purchase: false, page: 1))
    }
}

@Suite("ANC in training, and the simulator-vs-world arena")
struct ANCExperimentTests {
    static let world = TaobaoWorld(reward: .purchase)
    /// A small behaviour-cloned simulator (seconds).
    static let built: BehaviourClonedSimulator = {
        var config = BehaviourCloningConfig()
        config.epochs = 2
        config.hiddenSizes = [16]
        return try! VirtualTaobao.behaviourCloned(
            world: world, sessions: 300, logSeed: 3, config: config, reward: .purchase)
    }()

    @Test("behaviourCloned: a log of the requested size, the log's customers, the reward asked for")
    func behaviourCloned() {
        let built = Self.built
        #expect(built.log.sessionCount == 300 && built.log.sigma == Engine.historicalSigma)
        #expect(built.log == HistoricalLog.generate(world: Self.world, sessions: 300, seed: 3))
        #expect(built.epochs.count == 2 && built.epochs.allSatisfy { $0.heldOutLogLikelihood.isFinite })
        #expect(built.simulator.reward == .purchase && built.simulator.maxPages == Self.world.maxPages)
        var simulator = built.simulator
        let first = simulator.reset(seed: 4)
        let logged = (0..<built.log.sessionCount).map { built.log.attributes(session: $0) }
        #expect(logged.contains(TaobaoLayout.attributes(ofOneHot: first)))
    }

    @Test("common random numbers: two evaluations of one policy agree exactly, in the simulator and the world")
    func commonRandomNumbers() {
        let arena = SimToRealArena(world: Self.world, simulator: Self.built.simulator, sessions: 60, seed: 11)
        var rng = RNG(seed: 2)
        let weights = (0..<27).map { _ in rng.normal(std: 0.3) }
        let policy: ([Double]) -> [Double] = { observation in weights.map { $0 * (1 + observation[88]) } }
        let first = arena.evaluate(policy)
        let second = arena.evaluate(policy)
        #expect(first == second)
        #expect(first.virtual.pages > 60 && first.real.pages > 60)
        // The world's side is TaobaoWorld.evaluate's numbers; the references are the engines' own.
        #expect(first.real == Self.world.evaluate(Engine(name: "p", policy: policy), customers: 60, seed: 11))
        #expect(arena.random.real == Self.world.evaluate(.random(), customers: 60, seed: 11))
        #expect(
            arena.random
                == SimToRealArena(world: Self.world, simulator: Self.built.simulator, sessions: 60, seed: 11).random)
        // Another seed, other customers.
        let other = SimToRealArena(world: Self.world, simulator: Self.built.simulator, sessions: 60, seed: 12)
        #expect(other.evaluate(policy) != first)
    }

    @Test("the arena's action norm is the mean ‖a‖ the simulator was handed")
    func actionNorm() {
        let arena = SimToRealArena(world: Self.world, simulator: Self.built.simulator, sessions: 20, seed: 1)
        // (3, 4, 0, …) has norm 5 on every page.
        let m = arena.evaluate { _ in [3, 4] + [Double](repeating: 0, count: 25) }
        #expect(Swift.abs(m.meanActionNorm - 5) < 1e-12)
        #expect(m.r2pGap == m.virtual.r2p - m.real.r2p)
        // ×100 ranks as ×1 in the world while every weight stays inside the clip: the same real metrics.
        let small = arena.evaluate { _ in [0.003, 0.004] + [Double](repeating: 0, count: 25) }
        let scaled = arena.evaluate { _ in [0.3, 0.4] + [Double](repeating: 0, count: 25) }
        #expect(scaled.real == small.real, "the world ranks scale-invariantly inside [−1, 1]")
    }

    @Test("TRPO through ANC ends with a shorter mean action than TRPO without it (seeded, seconds)")
    func ancShortensTheAction() throws {
        func finalNorm(rho: Double) throws -> Double {
            var config = TRPOConfig()
            config.environmentCount = 1
            config.stepsPerEnvironment = 256
            config.hiddenSizes = [16]
            config.initialLogStd = -1
            config.maxKL = 0.05
            var rng = RNG(seed: 9)
            let trpo = TRPO(config: config, observationSize: 1, actionSize: 2, rng: &rng)
            var collector = RolloutCollector(
                environments: [ActionNormConstrained(NormLovingBandit(), rho: rho, mu: 0)], seed: 10)
            _ = try trpo.train(collector: &collector, iterations: 15, rng: &rng)
            return trpo.policy.meanAction([1]).reduce(0) { $0 + $1 * $1 }.squareRoot()
        }
        let without = try finalNorm(rho: 0)
        let with = try finalNorm(rho: 1)
        #expect(without > 1, "without ANC the mean action grows along a₀: ‖μ‖ = \(without)")
        #expect(with < without / 2, "with ANC ‖μ‖ = \(with), without \(without)")
    }
}

@Suite("Panel plots")
struct PanelPlotTests {
    @Test("panels stack in one multiplot, each with its own data blocks, title and a taller picture")
    func script() {
        var a = LinePlot(title: "top", xLabel: "x", yLabel: "R2P")
        a.line(name: "one", x: [0, 1], y: [0.1, 0.2])
        var b = LinePlot(title: "bottom", xLabel: "x", yLabel: "norm")
        b.line(name: "two", x: [0, 1], y: [1, 2])
        b.hline(name: "ref", y: 0.5)
        let figure = PanelPlot(title: "both", panels: [a, b])
        let script = figure.gnuplotScript(name: "both")
        #expect(script.contains("set multiplot layout 2,1") && script.contains("unset multiplot"))
        #expect(script.contains("$p1s1 << EOD") && script.contains("$p2s1 << EOD"))
        #expect(!script.contains("$s1"))
        #expect(script.contains("size 900,900"))
        #expect(figure.pixelHeight == 900 && a.pixelHeight == 560)
        #expect(figure.data.rows.count == 2 + 3)
        #expect(figure.data.header == ["panel", "series", "x", "y", "std"])
    }
}
