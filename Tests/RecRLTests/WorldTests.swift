import Foundation
import Testing

@testable import RecRL

/// The ground-truth world shared by these tests (building one takes a few milliseconds).
private let world = TaobaoWorld()

/// A world whose customers never leave or buy, so every session runs to the page cap.
private func patientWorld(maxPages: Int) -> TaobaoWorld {
    var response = CustomerResponse()
    response.leaveBias = -50
    response.purchaseScale = 0
    return TaobaoWorld(truth: TaobaoTruth(response: response), maxPages: maxPages)
}

private func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

/// The top 10 unshown items of a category by a full sort (the slow, obvious way), ties to the lower id.
private func topTenBySorting(_ world: TaobaoWorld, category: Int, weights: [Double], excluding: Set<Int>) -> [Int] {
    let catalogue = world.truth.catalogue
    let ids = (catalogue.start[category]..<(catalogue.start[category] + catalogue.count[category]))
        .filter { !excluding.contains($0) }
    let scored = ids.map { id in
        (id, zip(weights, catalogue.features(ofItem: id)).reduce(0.0) { $0 + $1.0 * $1.1 })
    }
    return scored.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.prefix(10).map(\.0)
}

@Suite("TaobaoWorld")
struct WorldTests {
    @Test("the same seed gives the same sessions, bit for bit; another seed does not")
    func determinism() {
        func play(seed: UInt64) -> [[Double]] {
            var env = TaobaoWorld(seed: seed)
            var rng = RNG(seed: 99)
            var trace: [[Double]] = []
            for _ in 0..<40 {
                trace.append(env.reset())
                while true {
                    let r = env.step((0..<27).map { _ in rng.normal(std: 0.1) })
                    trace.append(
                        r.observation + [r.reward, r.terminated ? 1 : 0, r.truncated ? 1 : 0]
                            + env.lastPage.map(Double.init) + env.oraclePreference)
                    if r.done { break }
                }
            }
            return trace
        }
        let a = play(seed: 5)
        let b = play(seed: 5)
        #expect(a == b)
        #expect(a != play(seed: 6))
    }

    @Test("reset(seed:) makes a session a function of its seed alone")
    func resetSeed() {
        var env = TaobaoWorld(seed: 1)
        _ = env.reset()
        let first = env.reset(seed: 42)
        let r1 = env.step(env.oracleAction())
        var other = TaobaoWorld(seed: 777)
        let again = other.reset(seed: 42)
        let r2 = other.step(other.oracleAction())
        #expect(first == again)
        #expect(r1.observation == r2.observation && r1.info == r2.info)
    }

    @Test("an observation is 88 one-hot (exactly one hot per group) + 3 dynamic features")
    func oneHotGroups() {
        var env = world
        _ = env.reset(seed: 0)
        var seen = TaobaoLayout.groupSizes.map { [Bool](repeating: false, count: $0) }
        for _ in 0..<3000 {
            let obs = env.reset()
            #expect(obs.count == 91)
            #expect(Array(obs[88...]) == [0, 0, 0])
            for g in 0..<11 {
                let slice = obs[
                    TaobaoLayout.groupOffsets[g]..<(TaobaoLayout.groupOffsets[g] + TaobaoLayout.groupSizes[g])]
                #expect(slice.allSatisfy { $0 == 0 || $0 == 1 })
                #expect(slice.reduce(0, +) == 1)
            }
            #expect(TaobaoLayout.attributes(ofOneHot: obs) == env.attributes)
            for (g, v) in env.attributes.enumerated() { seen[g][v] = true }
        }
        // Every value of the small groups occurs; the layout has the published sizes.
        #expect(TaobaoLayout.groupSizes == [8, 8, 11, 11, 11, 11, 2, 2, 3, 18, 3])
        #expect(seen[9].allSatisfy { $0 } && seen[10].allSatisfy { $0 } && seen[8].allSatisfy { $0 })
    }

    @Test("every attribute has a name and one label per value; Table 1 has four columns")
    func attributeNames() {
        for (g, attribute) in CustomerAttribute.all.enumerated() {
            #expect(attribute.group == g)
            #expect(attribute.labels.count == TaobaoLayout.groupSizes[g])
        }
        #expect(CustomerAttribute.tableOne.map(\.group) == [0, 1, 9, 10])
        #expect(ItemFeature.allCases.count == 27)
    }

    @Test("customers come from a structured joint: personas tie purchase power, turnover and customer category")
    func structuredCustomers() {
        var rng = RNG(seed: 3)
        let population = world.truth.population
        var samples: [[Int]] = []
        for _ in 0..<20000 { samples.append(population.sample(rng: &rng).attributes) }
        func correlation(_ a: Int, _ b: Int) -> Double {
            let x = samples.map { Double($0[a]) }
            let y = samples.map { Double($0[b]) }
            let mx = x.reduce(0, +) / Double(x.count)
            let my = y.reduce(0, +) / Double(y.count)
            let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
            let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
            let syy = y.reduce(0) { $0 + ($1 - my) * ($1 - my) }
            return sxy / (sxx * syy).squareRoot()
        }
        #expect(correlation(0, 1) > 0.4)  // turnover ~ purchase power
        #expect(correlation(1, 10) > 0.3)  // purchase power ~ customer category
        // Rare values: super VIP under 2 %, but present.
        let superVIP = Double(samples.filter { $0[8] == 2 }.count) / Double(samples.count)
        #expect(superVIP > 0 && superVIP < 0.02)
        // Age is multi-modal: some band is a local minimum between two higher bands.
        var age = [Int](repeating: 0, count: 11)
        for s in samples { age[s[2]] += 1 }
        #expect((1..<10).contains { age[$0] < age[$0 - 1] && age[$0] < age[$0 + 1] })
    }

    @Test("a page has 10 distinct items of the query category and no item repeats within a session")
    func pagesAreDistinct() {
        var env = patientWorld(maxPages: 16)
        var rng = RNG(seed: 8)
        _ = env.reset(seed: 8)
        for _ in 0..<30 {
            _ = env.reset()
            var seen = Set<Int>()
            var pages = 0
            while true {
                let r = env.step((0..<27).map { _ in rng.normal(std: 0.1) })
                pages += 1
                #expect(env.lastPage.count == 10)
                #expect(Set(env.lastPage).count == 10)
                #expect(env.lastPage.allSatisfy { world.truth.catalogue.category(ofItem: $0) == env.category })
                #expect(seen.isDisjoint(with: env.lastPage))
                seen.formUnion(env.lastPage)
                if r.done { break }
            }
            #expect(pages == 16)
        }
    }

    @Test("the page is the top 10 unshown items by weight · features, best first (checked by a full sort)")
    func pageIsTopTen() {
        var env = world
        var rng = RNG(seed: 11)
        var checked = 0
        for s in 0..<20 {
            _ = env.reset(seed: UInt64(s))
            var shown = Set<Int>()
            while true {
                let w = (0..<27).map { _ in rng.uniform(-1, 1) }
                let expected = topTenBySorting(env, category: env.category, weights: w, excluding: shown)
                #expect(env.page(for: w) == expected)
                let r = env.step(w)
                #expect(env.lastPage == expected)
                shown.formUnion(expected)
                checked += 1
                if r.done { break }
            }
        }
        #expect(checked > 20)
    }

    @Test("actions are clipped to [−1, 1] per weight before ranking")
    func actionClipping() {
        var env = world
        _ = env.reset(seed: 4)
        var w = [Double](repeating: 0, count: 27)
        w[ItemFeature.price.rawValue] = -40
        w[ItemFeature.rating.rawValue] = 1
        let clipped = w.map { min(max($0, -1), 1) }
        let category = env.category
        // Clipping changes the ranking here (so the check below can fail): raw w ranks by price alone.
        #expect(
            topTenBySorting(env, category: category, weights: w, excluding: [])
                != topTenBySorting(env, category: category, weights: clipped, excluding: []))
        #expect(env.page(for: w) == topTenBySorting(env, category: category, weights: clipped, excluding: []))
        #expect(env.page(for: w) == env.page(for: clipped))
        // Within [−1, 1] the ranking is scale-invariant.
        #expect(env.page(for: clipped.map { $0 * 0.25 }) == env.page(for: clipped))
    }

    @Test("the response equations: click, purchase and leave probabilities (worked example)")
    func responseEquations() {
        let r = CustomerResponse()
        // s(m) = σ(0.65·m − 4.4); at m = 2: σ(−3.1).
        #expect(abs(r.interest(match: 2) - 1 / (1 + exp(3.1))) < 1e-15)
        // Position 5 on page 3: ρ = 1/1.5, φ = e^{−0.12}.
        let expectedClick = (1 / 1.5) * exp(-0.12) * sigmoid(0.65 * 4 - 4.4)
        #expect(abs(r.clickProbability(match: 4, position: 5, page: 3) - expectedClick) < 1e-15)
        #expect(abs(r.purchaseProbability(match: 4) - 0.05 * sigmoid(-1.8)) < 1e-15)
        // Leaving: σ(−0.9 + 0.1·(n − 1) − 0.6·c): 0.289 after an empty first page, 0.063 after 3 clicks.
        #expect(abs(r.leaveProbability(clicks: 0, page: 1) - sigmoid(-0.9)) < 1e-15)
        #expect(abs(r.leaveProbability(clicks: 3, page: 1) - sigmoid(-2.7)) < 1e-15)
        #expect(r.leaveProbability(clicks: 3, page: 1) < r.leaveProbability(clicks: 0, page: 1))
        #expect(r.leaveProbability(clicks: 1, page: 10) > r.leaveProbability(clicks: 1, page: 2))
    }

    @Test("a real MDP: a poor first page makes leaving likelier than a good one, on the same customers")
    func poorPagesDriveCustomersAway() {
        var env = world
        var leftAfterGood = 0
        var leftAfterPoor = 0
        for s in 0..<1000 {
            _ = env.reset(seed: UInt64(s))
            _ = env.step(env.oracleAction())
            if env.lastDecision == .leave { leftAfterGood += 1 }
            _ = env.reset(seed: UInt64(s))
            _ = env.step(env.oracleAction().map { -$0 })
            if env.lastDecision == .leave { leftAfterPoor += 1 }
        }
        #expect(Double(leftAfterPoor) > 1.5 * Double(leftAfterGood))
    }

    @Test("terminated (left or bought) and truncated (page cap) are kept apart")
    func terminatedVersusTruncated() {
        var patient = patientWorld(maxPages: 3)
        _ = patient.reset(seed: 1)
        for n in 1...3 {
            let r = patient.step(patient.oracleAction())
            #expect(!r.terminated)
            #expect(r.truncated == (n == 3))
            #expect(r.info.page == n)
        }
        var env = world
        var ended = 0
        for s in 0..<300 {
            _ = env.reset(seed: UInt64(s))
            while true {
                let r = env.step(env.oracleAction())
                #expect(!(r.terminated && r.truncated))
                #expect(r.terminated == (env.lastDecision != .turnPage))
                #expect((env.lastDecision == .buy) == r.info.purchase)
                #expect(r.truncated == (!r.terminated && r.info.page == env.maxPages))
                if r.done {
                    ended += 1
                    break
                }
            }
        }
        #expect(ended == 300)
    }

    @Test("the reward is the page's clicks or its purchase, as chosen")
    func rewardKinds() {
        for kind in TaobaoWorld.Reward.allCases {
            var env = TaobaoWorld(reward: kind)
            var purchases = 0
            for s in 0..<400 {
                _ = env.reset(seed: UInt64(s))
                while true {
                    let r = env.step(env.oracleAction())
                    switch kind {
                    case .clicks: #expect(r.reward == Double(r.info.clicks))
                    case .purchase: #expect(r.reward == (r.info.purchase ? 1 : 0))
                    }
                    if r.info.purchase { purchases += 1 }
                    if r.done { break }
                }
            }
            #expect(purchases > 0)
        }
    }

    @Test("the dynamic features are last page's clicks, session clicks and pages shown")
    func dynamicFeatures() {
        var env = world
        _ = env.reset(seed: 2)
        var total = 0
        var page = 0
        while true {
            let r = env.step(env.oracleAction())
            total += r.info.clicks
            page += 1
            #expect(Array(r.observation[88...]) == [Double(r.info.clicks), Double(total), Double(page)])
            if r.done { break }
        }
    }

    @Test("oracle CTR > popularity CTR > random CTR, the oracle at least 3× random (1,000 customers, seed 0)")
    func engineOrdering() {
        let random = world.evaluate(.random(), customers: 1000, seed: 0)
        let popularity = world.evaluate(.popularity, customers: 1000, seed: 0)
        let oracle = world.evaluate(.oracle, customers: 1000, seed: 0)
        #expect(oracle.ctr > popularity.ctr)
        #expect(popularity.ctr > random.ctr)
        #expect(oracle.ctr >= 3 * random.ctr)
        #expect(random.ctr > 0.05 && random.ctr < 0.15)
        #expect(oracle.r2p > random.r2p)
        #expect(oracle.sessions == 1000 && random.sessions == 1000)
    }

    @Test("room to learn: a fixed linear policy reading the attributes beats random; the oracle beats it")
    func learnableButNotTrivial() {
        let preferences = world.truth.preferences
        let attributePolicy = Engine(name: "attributes") { obs in
            preferences.attributePreference(TaobaoLayout.attributes(ofOneHot: obs))
        }
        let random = world.evaluate(.random(), customers: 1000, seed: 0)
        let linear = world.evaluate(attributePolicy, customers: 1000, seed: 0)
        let oracle = world.evaluate(.oracle, customers: 1000, seed: 0)
        let score = EngineMetrics.normalisedScore(linear.ctr, random: random.ctr, oracle: oracle.ctr)
        #expect(linear.ctr > 2 * random.ctr)
        #expect(score > 0.4 && score < 0.95)
    }

    @Test("evaluation is seeded and uses common random numbers: two engines meet the same customers")
    func commonRandomNumbers() {
        final class Recorder: @unchecked Sendable { var customers: [[Double]] = [] }
        func recording(_ recorder: Recorder, _ weights: [Double]) -> Engine {
            Engine(name: "recorder") { obs in
                if obs[90] == 0 { recorder.customers.append(Array(obs[0..<88])) }
                return weights
            }
        }
        let a = Recorder()
        let b = Recorder()
        var w = [Double](repeating: 0, count: 27)
        w[ItemFeature.rating.rawValue] = 1
        _ = world.evaluate(recording(a, w), customers: 200, seed: 9)
        _ = world.evaluate(recording(b, w.map { -$0 }), customers: 200, seed: 9)
        #expect(a.customers.count == 200)
        #expect(a.customers == b.customers)
        #expect(
            world.evaluate(.random(), customers: 300, seed: 4) == world.evaluate(.random(), customers: 300, seed: 4))
        #expect(
            world.evaluate(.random(), customers: 300, seed: 4) != world.evaluate(.random(), customers: 300, seed: 5))
    }

    @Test("metrics: pooled CTR, R2P, session length and the normalised score (worked example)")
    func metricsArithmetic() {
        var m = EngineMetrics()
        let info = { (c: Int, p: Bool, n: Int) in StepInfo(clicks: c, purchase: p, page: n) }
        m.record(StepResult(observation: [], reward: 2, terminated: false, truncated: false, info: info(2, false, 1)))
        m.record(StepResult(observation: [], reward: 1, terminated: true, truncated: false, info: info(1, true, 2)))
        m.record(StepResult(observation: [], reward: 0, terminated: false, truncated: true, info: info(0, false, 1)))
        // 3 clicks on 3 pages: CTR = 3 / 30; 1 purchase page of 3; 2 sessions.
        #expect(m.ctr == 3.0 / 30)
        #expect(m.r2p == 1.0 / 3)
        #expect(m.meanSessionLength == 1.5)
        #expect(m.meanReturn == 1.5)
        #expect(m.terminated == 1 && m.truncated == 1)
        #expect(EngineMetrics.normalisedScore(0.2, random: 0.1, oracle: 0.3) == (0.2 - 0.1) / (0.3 - 0.1))
    }

    @Test("the oracle's action lies in [−1, 1] and ranks by the hidden preference θ")
    func oracleAction() {
        var env = world
        for s in 0..<20 {
            _ = env.reset(seed: UInt64(s))
            let a = env.oracleAction()
            #expect(a.allSatisfy { abs($0) <= 1 })
            #expect(a.map(abs).max() == 1)
            let theta = env.oraclePreference
            #expect(
                env.page(for: a)
                    == topTenBySorting(env, category: env.category, weights: theta, excluding: []))
        }
    }

    @Test("the random engine's weights have the documented σ = 0.1")
    func randomEngineSigma() {
        var rng = RNG(seed: 1)
        var sumSquares = 0.0
        let obs = [Double](repeating: 0, count: 91)
        for _ in 0..<2000 {
            for w in Engine.random().action(observation: obs, world: world, rng: &rng) { sumSquares += w * w }
        }
        let sigma = (sumSquares / (2000 * 27)).squareRoot()
        #expect(abs(sigma - Engine.historicalSigma) < 0.003)
    }
}

@Suite("TaobaoWorld drift")
struct WorldDriftTests {
    @Test("day 0 is the undrifted world, session for session")
    func dayZero() {
        let day0 = TaobaoWorld(day: 0)
        #expect(day0.truth.catalogue.features == world.truth.catalogue.features)
        #expect(day0.evaluate(.random(), customers: 300, seed: 1) == world.evaluate(.random(), customers: 300, seed: 1))
        #expect(day0.evaluate(.oracle, customers: 300, seed: 1) == world.evaluate(.oracle, customers: 300, seed: 1))
    }

    @Test("drift of preferences and popularity grows with the day (1 < 7 < 30), other item features stay")
    func driftGrows() {
        #expect(PreferenceModel.driftAmount(day: 0) == 0)
        #expect(abs(PreferenceModel.driftAmount(day: 30) - 1) < 1e-12)
        let days: [Double] = [1, 7, 30]
        var preferenceShift: [Double] = []
        var popularityShift: [Double] = []
        var env0 = world
        for day in days {
            var env = TaobaoWorld(day: day)
            var total = 0.0
            for s in 0..<200 {
                _ = env0.reset(seed: UInt64(s))
                _ = env.reset(seed: UInt64(s))
                #expect(env.attributes == env0.attributes)  // the same customers
                total += zip(env.oraclePreference, env0.oraclePreference).reduce(0) { $0 + abs($1.0 - $1.1) }
            }
            preferenceShift.append(total / 200)
            let x0 = world.truth.catalogue.features
            let x = env.truth.catalogue.features
            var popular = 0.0
            for i in 0..<(x.count / 27) {
                for f in 0..<27 {
                    let change = abs(x[i * 27 + f] - x0[i * 27 + f])
                    if ItemFeature.popularity.contains(ItemFeature(rawValue: f)!) {
                        popular += change
                    } else {
                        #expect(change == 0)
                    }
                }
            }
            popularityShift.append(popular)
        }
        #expect(
            preferenceShift[0] > 0 && preferenceShift[0] < preferenceShift[1] && preferenceShift[1] < preferenceShift[2]
        )
        #expect(
            popularityShift[0] > 0 && popularityShift[0] < popularityShift[1] && popularityShift[1] < popularityShift[2]
        )
    }
}

@Suite("BatchedTaobao")
struct WorldBatchTests {
    @Test("a batch steps B customers, restarts ended sessions, and each slot equals a lone world")
    func batchMatchesSingleWorlds() {
        let b = 8
        var batch = BatchedTaobao(world: world, batchSize: b, seed: 3)
        // Slot k is documented to be TaobaoWorld(seed: the k-th next() of RNG(seed: 3)).
        var seeds = RNG(seed: 3)
        var lone = (0..<b).map { _ in TaobaoWorld(seed: seeds.next()) }
        var loneObservations = (0..<b).flatMap { lone[$0].reset() }
        #expect(batch.observations == loneObservations)
        var rng = RNG(seed: 0)
        var restarts = 0
        for _ in 0..<30 {
            let actions = (0..<(b * 27)).map { _ in rng.normal(std: 0.1) }
            let results = batch.step(actions)
            #expect(results.count == b)
            loneObservations = []
            for k in 0..<b {
                let r = lone[k].step(Array(actions[(k * 27)..<((k + 1) * 27)]))
                #expect(r.observation == results[k].observation && r.reward == results[k].reward)
                #expect(r.terminated == results[k].terminated && r.truncated == results[k].truncated)
                if r.done {
                    restarts += 1
                    loneObservations += lone[k].reset()
                } else {
                    loneObservations += r.observation
                }
            }
            #expect(batch.observations == loneObservations)
        }
        #expect(restarts > 0)
        #expect(batch.oracleActions().count == b * 27)
    }
}
