import Foundation
import Testing

@testable import RecRL

/// A fresh, empty directory for one test's files.
private func scratchDirectory() -> String {
    let path = NSTemporaryDirectory() + "recrl-vtaobao-test-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite("Virtual Taobao")
struct VirtualTaobaoTests {
    static let log = HistoricalLog.generate(world: TaobaoWorld(), sessions: 400, seed: 5)

    /// A small behaviour-cloned simulator (seconds): the log's customers, a [16] customer network.
    static let simulator: VirtualTaobao = {
        let (train, heldOut) = CustomerDataset.split(log: log, seed: 1)
        var config = BehaviourCloningConfig()
        config.epochs = 2
        config.hiddenSizes = [16]
        let policy = try! BehaviourCloning.fit(train: train, heldOut: heldOut, config: config).policy
        return VirtualTaobao(customers: .logged(LoggedCustomers(log: log)), customerPolicy: policy)
    }()

    /// A small GAN-SD generator (untrained: any weights give a distribution to check against).
    nonisolated(unsafe) static let gan: GANGenerator = {
        var rng = RNG(seed: 12)
        return GANGenerator(noiseSize: 8, hidden: [16], rng: &rng)
    }()

    /// The BC simulator with the GAN-SD generator as P^c.
    static let ganSimulator = VirtualTaobao(customers: .gan(gan), customerPolicy: simulator.customerPolicy)

    /// A simulator whose customer always answers `action`.
    func always(_ action: CustomerAction, reward: TaobaoWorld.Reward = .clicks, maxPages: Int = 15) -> VirtualTaobao {
        var bias = [Double](repeating: 0, count: 33)
        bias[action.index] = 100
        return VirtualTaobao(
            customers: .logged(LoggedCustomers(log: Self.log)),
            customerPolicy: constantCustomerPolicy(.joint, bias: bias), reward: reward, maxPages: maxPages)
    }

    /// One session's observations, rewards and flags under a fixed engine action.
    func session(_ env: inout VirtualTaobao, seed: UInt64, action: [Double]) -> [[Double]] {
        var rows = [env.reset(seed: seed)]
        while true {
            let r = env.step(action)
            rows.append(r.observation + [r.reward, r.terminated ? 1 : 0, r.truncated ? 1 : 0, Double(r.info.clicks)])
            if r.done { return rows }
        }
    }

    @Test("observations are TaobaoWorld's: 88 one-hot of a logged customer ‖ [last clicks, session clicks, pages]")
    func observationShape() {
        var env = Self.simulator
        #expect(env.observationSize == 91 && env.actionSize == 27)
        let first = env.reset(seed: 3)
        #expect(first.count == 91)
        #expect(Array(first[88...]) == [0, 0, 0])
        let attributes = TaobaoLayout.attributes(ofOneHot: first)
        let logged = (0..<Self.log.sessionCount).map { Self.log.attributes(session: $0) }
        #expect(logged.contains(attributes))
        var total = 0
        var pages = 0
        var rng = RNG(seed: 4)
        while true {
            let r = env.step((0..<27).map { _ in rng.normal(std: 0.1) })
            total += r.info.clicks
            pages += 1
            #expect(r.observation.count == 91)
            #expect(Array(r.observation[0..<88]) == Array(first[0..<88]))
            #expect(Array(r.observation[88...]) == [Double(r.info.clicks), Double(total), Double(pages)])
            #expect(r.info.page == pages && r.reward == Double(r.info.clicks))
            if r.done { break }
        }
    }

    @Test("the same seed gives the same sessions; another seed does not")
    func seeded() {
        var a = Self.simulator
        var b = Self.simulator
        let action = [Double](repeating: 0.05, count: 27)
        let sessionsA = (0..<20).map { session(&a, seed: UInt64($0), action: action) }
        let sessionsB = (0..<20).map { session(&b, seed: UInt64($0), action: action) }
        #expect(sessionsA == sessionsB)
        let other = (0..<20).map { session(&b, seed: UInt64($0 + 100), action: action) }
        #expect(other != sessionsA)
        // Without a seed, reset continues the stream: two copies reset once with seed 9 then
        // without a seed meet the same next customers, which differ from seed 9's.
        var c = Self.simulator
        var d = Self.simulator
        let first = c.reset(seed: 9)
        _ = d.reset(seed: 9)
        let nextC = (0..<5).map { _ in c.reset(seed: nil) }
        let nextD = (0..<5).map { _ in d.reset(seed: nil) }
        #expect(nextC == nextD)
        #expect(Set(nextC + [first]).count > 1)
    }

    @Test("terminated on leave or buy, truncated at the page cap, as TaobaoWorld")
    func terminatedVersusTruncated() {
        let action = [Double](repeating: 0, count: 27)
        var browse = always(CustomerAction(clicks: 2, decision: .turnPage), maxPages: 6)
        _ = browse.reset(seed: 1)
        for page in 1...6 {
            let r = browse.step(action)
            #expect(r.terminated == false && r.truncated == (page == 6) && r.reward == 2)
        }
        var leave = always(CustomerAction(clicks: 0, decision: .leave))
        _ = leave.reset(seed: 1)
        let left = leave.step(action)
        #expect(left.terminated && !left.truncated && !left.info.purchase && left.reward == 0)
        var buy = always(CustomerAction(clicks: 3, decision: .buy), reward: .purchase)
        _ = buy.reset(seed: 1)
        let bought = buy.step(action)
        #expect(bought.terminated && !bought.truncated && bought.info.purchase && bought.reward == 1)
        #expect(bought.info.clicks == 3)
        #expect(Array(bought.observation[88...]) == [3, 3, 1])
    }

    @Test("saved and loaded, the simulator plays the same sessions (logged, generator and GAN-SD customers)")
    func fileRoundTrip() throws {
        let dir = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var rng = RNG(seed: 2)
        let generator = GroupedSoftmaxGenerator(
            network: MLP(sizes: [4, 8, 88], activation: .relu, rng: &rng),
            groups: TaobaoLayout.groupOffsets.enumerated().map { $1..<($1 + TaobaoLayout.groupSizes[$0]) })
        let withGenerator = VirtualTaobao(
            customers: .generator(generator), customerPolicy: Self.simulator.customerPolicy, reward: .purchase,
            maxPages: 9)
        let action = [Double](repeating: -0.03, count: 27)
        let withGAN = VirtualTaobao(
            customers: .gan(Self.gan), customerPolicy: Self.simulator.customerPolicy, reward: .clicks, maxPages: 12)
        for (k, original) in [Self.simulator, withGenerator, withGAN].enumerated() {
            let path = dir + "/sim\(k).vtaobao"
            try original.save(to: path)
            var loaded = try VirtualTaobao.load(from: path)
            var copy = original
            #expect(loaded.maxPages == original.maxPages && loaded.reward == original.reward)
            #expect(loaded.customerPolicy.parameters.map(\.data) == original.customerPolicy.parameters.map(\.data))
            let a = (0..<15).map { session(&copy, seed: UInt64($0), action: action) }
            let b = (0..<15).map { session(&loaded, seed: UInt64($0), action: action) }
            #expect(a == b)
        }
    }

    @Test("a wrong version, a wrong shape, a truncated or a foreign file is a clear error")
    func badFiles() throws {
        let dir = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = dir + "/good.vtaobao"
        try Self.simulator.save(to: good)
        let entries = try ParameterFile.read(from: URL(fileURLWithPath: good))
        func rewrite(_ name: String, _ change: (inout [ParameterFile.Entry]) -> Void) -> String {
            var changed = entries
            change(&changed)
            let path = dir + "/" + name
            try! ParameterFile.write(
                changed.map { ($0.name, Tensor(rows: $0.rows, cols: $0.cols, data: $0.values)) },
                to: URL(fileURLWithPath: path))
            return path
        }
        let version = rewrite("version") { $0[0].values = [7] }
        #expect(
            throws: VirtualTaobaoFileError.unsupportedVersion(
                path: version, found: 7, expected: VirtualTaobao.fileFormat)
        ) {
            try VirtualTaobao.load(from: version)
        }
        // The customer network's weight has one row too few for its stated sizes.
        let shape = rewrite("shape") { e in
            let i = e.firstIndex { $0.name == "customer.0.weight" }!
            e[i] = ParameterFile.Entry(
                name: e[i].name, rows: e[i].rows - 1, cols: e[i].cols, values: Array(e[i].values.dropLast(e[i].cols)))
        }
        #expect(throws: VirtualTaobaoFileError.self) { try VirtualTaobao.load(from: shape) }
        let sizes = rewrite("sizes") { e in
            let i = e.firstIndex { $0.name == "customer.sizes" }!
            e[i].values[0] = 91
        }
        #expect(throws: VirtualTaobaoFileError.self) { try VirtualTaobao.load(from: sizes) }
        let attribute = rewrite("attribute") { e in
            let i = e.firstIndex { $0.name == "customers.attributes" }!
            e[i].values[9] = 18  // query category has 18 values, 0…17
        }
        #expect(throws: VirtualTaobaoFileError.self) { try VirtualTaobao.load(from: attribute) }
        let noFormat = rewrite("foreign") { $0.removeFirst() }
        #expect(throws: VirtualTaobaoFileError.notAVirtualTaobao(path: noFormat)) {
            try VirtualTaobao.load(from: noFormat)
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
        let cut = dir + "/cut.vtaobao"
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: cut))
        #expect(throws: ParameterFileError.self) { try VirtualTaobao.load(from: cut) }
        let errorText =
            "\(VirtualTaobaoFileError.unsupportedVersion(path: "x", found: 7, expected: VirtualTaobao.fileFormat))"
        #expect(errorText.contains("format 7") && errorText.contains("format \(VirtualTaobao.fileFormat)"))
        #expect(throws: ParameterFileError.self) { try VirtualTaobao.load(from: dir + "/missing") }
    }

    @Test("a GAN-SD file of the old format, cut short, or with wrong shapes is a clear error, never a crash")
    func badGANFiles() throws {
        let dir = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = dir + "/gan.vtaobao"
        try Self.ganSimulator.save(to: good)
        let entries = try ParameterFile.read(from: URL(fileURLWithPath: good))
        #expect(entries.contains { $0.name == "generator.0.weight" && $0.rows == 8 && $0.cols == 16 })
        func rewrite(_ name: String, _ change: (inout [ParameterFile.Entry]) -> Void) -> String {
            var changed = entries
            change(&changed)
            let path = dir + "/" + name
            try! ParameterFile.write(
                changed.map { ($0.name, Tensor(rows: $0.rows, cols: $0.cols, data: $0.values)) },
                to: URL(fileURLWithPath: path))
            return path
        }
        func replace(_ e: inout [ParameterFile.Entry], _ name: String, rows: Int, cols: Int, values: [Double]) {
            let i = e.firstIndex { $0.name == name }!
            e[i] = ParameterFile.Entry(name: name, rows: rows, cols: cols, values: values)
        }
        // A file of format 1, from before GAN-SD customers, is refused by its version.
        let old = rewrite("old") { $0[0].values = [1] }
        #expect(throws: VirtualTaobaoFileError.unsupportedVersion(path: old, found: 1, expected: 2)) {
            try VirtualTaobao.load(from: old)
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
        for fraction in [0.1, 0.5, 0.99] {
            let cut = dir + "/cut\(fraction)"
            try bytes.prefix(Int(Double(bytes.count) * fraction)).write(to: URL(fileURLWithPath: cut))
            #expect(throws: ParameterFileError.self) { try VirtualTaobao.load(from: cut) }
        }
        // The sizes promise a huge first layer the weights do not have: an error before any allocation.
        let huge = rewrite("huge") { e in
            let i = e.firstIndex { $0.name == "generator.sizes" }!
            e[i].values = [100_000, 100_000, 88]
        }
        #expect(throws: VirtualTaobaoFileError.self) { try VirtualTaobao.load(from: huge) }
        // A weight with a column too few for its layer.
        let narrow = rewrite("narrow") { e in
            replace(&e, "generator.2.weight", rows: 16, cols: 87, values: [Double](repeating: 0.1, count: 16 * 87))
        }
        #expect(throws: VirtualTaobaoFileError.self) { try VirtualTaobao.load(from: narrow) }
        // A bias of the wrong shape (the sizes and weights agree).
        let bias = rewrite("bias") { e in
            replace(&e, "generator.0.bias", rows: 1, cols: 15, values: [Double](repeating: 0, count: 15))
        }
        #expect(throws: ParameterFileError.self) { try VirtualTaobao.load(from: bias) }
        // Sizes that do not end in the 88 features; a missing layer; an unknown customer kind.
        let short = rewrite("short") { e in
            let i = e.firstIndex { $0.name == "generator.sizes" }!
            e[i].values = [8, 16, 87]
        }
        #expect(throws: VirtualTaobaoFileError.self) { try VirtualTaobao.load(from: short) }
        let missing = rewrite("missing") { $0.removeAll { $0.name == "generator.2.weight" } }
        #expect(throws: VirtualTaobaoFileError.self) { try VirtualTaobao.load(from: missing) }
        let kind = rewrite("kind") { e in
            let i = e.firstIndex { $0.name == "virtualTaobao.config" }!
            e[i].values[3] = 3
        }
        #expect(throws: VirtualTaobaoFileError.self) { try VirtualTaobao.load(from: kind) }
        // The untouched file still loads.
        _ = try VirtualTaobao.load(from: good)
    }

    @Test("GAN-SD customers: z ~ N(0, I) from the session's customer stream, then one softmax draw per group")
    func ganCustomerDraws() {
        let customers = VirtualCustomers.gan(Self.gan)
        #expect(customers.customerSize == 88)
        var draws = RNG(seed: 3)
        var byHand = RNG(seed: 3)
        for _ in 0..<20 {
            let drawn = customers.nextCustomer(draws: &draws)
            // The contract written out: 8 Box–Muller normals (RNG.normal), G, a softmax per group and
            // one Exp(1)-race categorical per group in order.
            let z = (0..<Self.gan.noiseSize).map { _ in byHand.normal() }
            var p = Tensor.withoutGradients { Self.gan.logits(.row(z)).data }
            var expected = [Double](repeating: 0, count: 88)
            for (offset, size) in zip(TaobaoLayout.groupOffsets, TaobaoLayout.groupSizes) {
                softmaxInPlace(&p, over: offset..<(offset + size))
                expected[offset + byHand.categorical(p[offset..<(offset + size)])] = 1
            }
            #expect(drawn == expected)
            #expect(TaobaoLayout.oneHot(TaobaoLayout.attributes(ofOneHot: drawn)) == drawn)
        }
        #expect(draws.next() == byHand.next(), "the draws consumed exactly the contract's numbers")
        // Many streams at once give the same customers as each stream alone.
        var streams = (0..<5).map { RNG(seed: 40 + UInt64($0)) }
        let together = customers.nextCustomers(draws: &streams)
        let alone = (0..<5).map { k -> [Double] in
            var own = RNG(seed: 40 + UInt64(k))
            return customers.nextCustomer(draws: &own)
        }
        #expect(together == alone)
    }

    @Test("GAN-SD customers follow the generator's distribution (attribute frequencies of GANGenerator.sample)")
    func ganCustomerDistribution() {
        let n = 5_000
        var draws = RNG(seed: 8)
        var ours = CustomerSet()
        for _ in 0..<n {
            ours.append(TaobaoLayout.attributes(ofOneHot: VirtualCustomers.gan(Self.gan).nextCustomer(draws: &draws)))
        }
        var rng = RNG(seed: 9)
        let theirs = Self.gan.sample(count: n, rng: &rng)
        var largest = 0.0
        for g in 0..<TaobaoLayout.groupCount {
            for (a, b) in zip(ours.proportions(group: g), theirs.proportions(group: g)) {
                largest = max(largest, abs(a - b))
            }
        }
        // Each proportion's standard error is at most √(0.25/5000) ≈ 0.007, so a difference's ≈ 0.01.
        #expect(largest < 0.04, "largest difference of an attribute value's frequency: \(largest)")
    }

    @Test("the same seed gives the same GAN-SD customers and sessions; another seed does not")
    func ganSeeded() {
        var a = Self.ganSimulator
        var b = Self.ganSimulator
        let action = [Double](repeating: 0.05, count: 27)
        let sessionsA = (0..<10).map { session(&a, seed: UInt64($0), action: action) }
        #expect(sessionsA == (0..<10).map { session(&b, seed: UInt64($0), action: action) })
        #expect(sessionsA != (0..<10).map { session(&b, seed: UInt64($0 + 50), action: action) })
    }

    @Test("PPO's collector and update run on it unchanged")
    func ppoRuns() throws {
        var config = PPOConfig()
        config.environmentCount = 2
        config.stepsPerEnvironment = 16
        config.minibatchSize = 8
        config.epochs = 2
        config.hiddenSizes = [8]
        var rng = RNG(seed: 5)
        let ppo = PPO(config: config, observationSize: 91, actionSize: 27, rng: &rng)
        var collector = RolloutCollector(environments: [Self.simulator, Self.simulator], seed: 6)
        let rollout = collector.collect(steps: 16, policy: ppo.policy, value: ppo.value, rng: &rng)
        #expect(rollout.count == 32 && rollout.metrics.pages == 32)
        #expect(rollout.metrics.sessions >= 1, "16 pages per environment end at least one session")
        let before = ppo.policy.parameters.flatMap(\.data)
        _ = try ppo.update(rollout: rollout, rng: &rng)
        #expect(ppo.policy.parameters.flatMap(\.data) != before)
    }
}
