import Foundation
import RecRL
import Testing

/// The environment's mechanics on hand-made networks whose every draw is certain (see
/// `SyntheticVirtualTB`): each generator group picks its first feature, clicks = 2, b = 5.
@Suite("VirtualTB environment: the original's dynamics, worked by hand")
struct VirtualTBEnvironmentTests {
    /// The one-hot user of the synthetic generator: the first feature of each of the 11 groups.
    let user: [Double] = {
        var u = [Double](repeating: 0, count: 88)
        for index in [0, 8, 16, 27, 38, 49, 60, 62, 64, 67, 85] { u[index] = 1 }
        return u
    }()

    @Test("a session: reward = clicks, obs = user + [clicks, b, page], done when page count reaches L")
    func sessionByHand() throws {
        let folder = try SyntheticVirtualTB(leavePage: 3, clicks: 2, b: 5)
        defer { folder.remove() }
        var env = try VirtualTB(directory: folder.directory, seed: 1)
        #expect(env.observationSize == 91 && env.actionSize == 27)
        #expect(env.reset(seed: 2) == user + [0, 0, 0])
        #expect(env.leavePage == 3)
        let action = [Double](repeating: 0.5, count: 27)

        let first = env.step(action)
        #expect(first.observation == user + [2, 5, 1])
        #expect(first.reward == 2 && !first.terminated && !first.truncated)
        #expect(first.info == StepInfo(clicks: 2, purchase: false, page: 1))
        #expect(env.step(action).observation == user + [2, 5, 2])
        // Page 3 ≥ L = 3: done; a new customer is drawn inside step, [a, b] = [0, 0], c stays.
        let last = env.step(action)
        #expect(last.terminated && !last.truncated && last.done)
        #expect(last.observation == user + [0, 0, 3])
        #expect(last.info.page == 3)
        // CTR = 6 clicks / 3 pages / 10.
        #expect(abs(env.ctr - 0.2) < 1e-15)
    }

    @Test("counters are reset only by reset(): stepping on after done keeps counting (the original's quirk)")
    func countersResetOnlyByReset() throws {
        let folder = try SyntheticVirtualTB(leavePage: 2, clicks: 1, b: 0)
        defer { folder.remove() }
        var env = try VirtualTB(directory: folder.directory, seed: 1)
        let action = [Double](repeating: 0, count: 27)
        #expect(!env.step(action).done)
        #expect(env.step(action).done)
        #expect(env.leavePage == 2)  // the customer drawn inside step (its leave page is worked out on demand)
        // The new customer also leaves at 2, but the page count is already 2: page 3 ends at once.
        let after = env.step(action)
        #expect(after.done && after.observation == user + [0, 0, 3] && after.info.page == 3)
        #expect(env.totalClicks == 3 && abs(env.ctr - 0.1) < 1e-15)
        #expect(env.reset() == user + [0, 0, 0])
        #expect(env.totalClicks == 0 && env.pageCount == 0 && env.ctr == 0)
    }

    @Test("leave page L = 0 ends the session after one page, like L = 1")
    func leavePageZero() throws {
        let folder = try SyntheticVirtualTB(leavePage: 0, clicks: 3, b: 9)
        defer { folder.remove() }
        var env = try VirtualTB(directory: folder.directory, seed: 1)
        env.reset()
        #expect(env.leavePage == 0)
        let result = env.step([Double](repeating: 0, count: 27))
        #expect(result.terminated && result.reward == 3 && result.info.page == 1)
    }

    @Test("draws consumed: 128 uniforms + 189 exponentials per customer, 21 exponentials per page")
    func drawCounts() throws {
        let folder = try SyntheticVirtualTB(leavePage: 2, clicks: 0, b: 0)
        defer { folder.remove() }
        let models = try VirtualTBModels(directory: folder.directory)
        // 189 = 8 + 8 + 11 + 11 + 11 + 11 + 2 + 2 + 3 + 18 + 3 (the groups) + 101 (the leave page).
        var env = VirtualTB(models: models, draws: CountingDraws(rng: RNG(seed: 3)))  // the constructor's customer
        func counts() -> (Int, Int) {
            let d = env.draws as! CountingDraws
            return (d.uniforms, d.exponentials)
        }
        #expect(counts() == (128, 189))
        env.reset()
        #expect(counts() == (256, 378))
        _ = env.step([Double](repeating: 0, count: 27))
        #expect(counts() == (256, 378 + 21))
        _ = env.step([Double](repeating: 0, count: 27))  // done: 21 + a new customer
        #expect(counts() == (384, 378 + 21 + 21 + 189))
    }

    @Test("categorical draw = argmax p / E: worked example with given E")
    func categoricalByHand() {
        // p / E = [0.2/0.1, 0.5/1.0, 0.3/2.0] = [2, 0.5, 0.15] → 0.
        var draws = RecordedDraws([(.exponential, 0.1), (.exponential, 1.0), (.exponential, 2.0)])
        #expect(draws.categorical([0.2, 0.5, 0.3][...]) == 0)
        // p / E = [0.2/4, 0.5/0.5, 0.3/0.2] = [0.05, 1, 1.5] → 2.
        draws = RecordedDraws([(.exponential, 4), (.exponential, 0.5), (.exponential, 0.2)])
        #expect(draws.categorical([0.2, 0.5, 0.3][...]) == 2)
        #expect(draws.isExhausted && draws.problem == nil)
        // An ArraySlice keeps its indices; the draw counts from the slice's start.
        let p = [0.0, 0.0, 1.0, 0.0]
        draws = RecordedDraws([(.exponential, 1), (.exponential, 1)])
        #expect(draws.categorical(p[2..<4]) == 0)
    }

    /// 20,000 draws: the frequency's standard error is √(p(1−p)/n) ≤ 0.0036, so 0.015 is ≈ 4 SE.
    @Test("categorical draw with Exp(1) from RNG has frequencies p")
    func categoricalFrequencies() {
        var rng = RNG(seed: 11)
        let p = [0.2, 0.5, 0.3]
        var counts = [0, 0, 0]
        let n = 20_000
        for _ in 0..<n { counts[rng.categorical(p[...])] += 1 }
        for k in 0..<3 { #expect(abs(Double(counts[k]) / Double(n) - p[k]) < 0.015, "category \(k): \(counts[k])") }
    }

    @Test("recorded draws report a draw asked for as the wrong kind, or one too many")
    func recordedDrawMismatch() {
        var draws = RecordedDraws([(.uniform, 0.25), (.exponential, 1.5)])
        #expect(draws.uniform() == 0.25)
        #expect(draws.uniform().isNaN)
        #expect(draws.problem == "draw 1 was recorded as exponential but asked for as uniform")
        var short = RecordedDraws([(.exponential, 1.5)])
        #expect(short.exponential() == 1.5)
        #expect(short.exponential().isNaN)
        #expect(short.problem == "asked for draw 1 (exponential) after all 1 were used")
    }
}
