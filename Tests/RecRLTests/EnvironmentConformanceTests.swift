import Testing

@testable import RecRL

/// What the conformance checks read of a Taobao-like environment besides `Environment`: its page
/// cap and what the customer decided after the last page.
protocol TaobaoLikeEnvironment: Environment {
    var maxPages: Int { get }
    /// The customer's decision after the last page shown (turn the page, leave or buy).
    var decisionAfterLastPage: TaobaoWorld.Decision { get }
}

extension TaobaoWorld: TaobaoLikeEnvironment {
    var decisionAfterLastPage: TaobaoWorld.Decision { lastDecision }
}

extension VirtualTaobao: TaobaoLikeEnvironment {
    var decisionAfterLastPage: TaobaoWorld.Decision { lastAction!.decision }
}

/// The environment contract every Taobao of the course keeps — the ground truth and the learned
/// simulator alike — so a learner, an evaluation or an engine ranking runs on either unchanged.
@Suite("Environment conformance: TaobaoWorld and VirtualTaobao")
struct EnvironmentConformanceTests {
    enum Subject: String, CaseIterable, CustomTestStringConvertible {
        case taobaoWorld = "TaobaoWorld"
        case virtualTaobao = "VirtualTaobao (logged customers)"
        case virtualTaobaoGAN = "VirtualTaobao (GAN-SD customers)"
        var testDescription: String { rawValue }

        /// The environment; `patient`: its customers never leave or buy, so sessions reach the cap.
        func make(reward: TaobaoWorld.Reward = .clicks, maxPages: Int = 15, patient: Bool = false)
            -> any TaobaoLikeEnvironment
        {
            switch self {
            case .taobaoWorld:
                var response = CustomerResponse()
                if patient {
                    response.leaveBias = -50
                    response.purchaseScale = 0
                }
                return TaobaoWorld(truth: TaobaoTruth(response: response), reward: reward, maxPages: maxPages)
            case .virtualTaobao, .virtualTaobaoGAN:
                let customers: VirtualCustomers =
                    self == .virtualTaobao
                    ? .logged(LoggedCustomers(log: VirtualTaobaoTests.log)) : .gan(VirtualTaobaoTests.gan)
                var policy = VirtualTaobaoTests.simulator.customerPolicy
                if patient {
                    // Any number of clicks, always turning the page.
                    let bias = (0..<CustomerAction.count).map { $0 % 3 == 0 ? 0.0 : -100 }
                    policy = constantCustomerPolicy(.joint, bias: bias)
                }
                return VirtualTaobao(customers: customers, customerPolicy: policy, reward: reward, maxPages: maxPages)
            }
        }
    }

    /// A random engine's action (the log's σ = 0.1).
    static func randomAction(_ rng: inout RNG) -> [Double] { (0..<27).map { _ in rng.normal(std: 0.1) } }

    @Test(
        "observations are 91 numbers: 88 one-hot (one per group) ‖ [last clicks, session clicks, pages shown]",
        arguments: Subject.allCases)
    func observationShape(subject: Subject) {
        var env = subject.make()
        #expect(env.observationSize == 91 && env.actionSize == 27)
        var rng = RNG(seed: 1)
        for s in 0..<40 {
            let first = env.reset(seed: UInt64(s))
            #expect(first.count == 91 && Array(first[88...]) == [0, 0, 0])
            for (offset, size) in zip(TaobaoLayout.groupOffsets, TaobaoLayout.groupSizes) {
                let group = first[offset..<(offset + size)]
                #expect(group.allSatisfy { $0 == 0 || $0 == 1 } && group.reduce(0, +) == 1)
            }
            var total = 0
            var pages = 0
            while true {
                let r = env.step(Self.randomAction(&rng))
                total += r.info.clicks
                pages += 1
                #expect(r.observation.count == 91 && Array(r.observation[0..<88]) == Array(first[0..<88]))
                #expect(Array(r.observation[88...]) == [Double(r.info.clicks), Double(total), Double(pages)])
                #expect(r.info.page == pages && (0...10).contains(r.info.clicks))
                if r.done { break }
            }
        }
    }

    @Test(
        "terminated on leave or buy, truncated exactly at the page cap, never both", arguments: Subject.allCases)
    func terminatedVersusTruncated(subject: Subject) {
        var patient = subject.make(maxPages: 3, patient: true)
        var rng = RNG(seed: 2)
        for s in 0..<10 {
            _ = patient.reset(seed: UInt64(s))
            for page in 1...3 {
                let r = patient.step(Self.randomAction(&rng))
                #expect(!r.terminated && r.truncated == (page == 3) && r.info.page == page)
            }
        }
        var env = subject.make()
        var ended = (terminated: 0, truncated: 0)
        for s in 0..<300 {
            _ = env.reset(seed: UInt64(s))
            while true {
                let r = env.step(Self.randomAction(&rng))
                #expect(!(r.terminated && r.truncated))
                #expect(r.terminated == (env.decisionAfterLastPage != .turnPage))
                #expect(r.info.purchase == (env.decisionAfterLastPage == .buy))
                #expect(r.truncated == (!r.terminated && r.info.page == env.maxPages))
                #expect(r.info.page <= env.maxPages)
                if r.terminated { ended.terminated += 1 }
                if r.truncated { ended.truncated += 1 }
                if r.done { break }
            }
        }
        #expect(ended.terminated + ended.truncated == 300 && ended.terminated > 0)
    }

    @Test("the reward is the page's clicks or its purchase, as chosen", arguments: Subject.allCases)
    func rewardKinds(subject: Subject) {
        for kind in TaobaoWorld.Reward.allCases {
            var env = subject.make(reward: kind)
            var rng = RNG(seed: 3)
            var purchases = 0
            for s in 0..<400 {
                _ = env.reset(seed: UInt64(s))
                while true {
                    let r = env.step(Self.randomAction(&rng))
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

    @Test("the same seed gives the same sessions, bit for bit; another seed does not", arguments: Subject.allCases)
    func seeded(subject: Subject) {
        func play(seed: UInt64) -> [[Double]] {
            var env = subject.make()
            var rng = RNG(seed: 99)
            var trace: [[Double]] = []
            for s in 0..<30 {
                trace.append(env.reset(seed: seed &+ UInt64(s)))
                while true {
                    let r = env.step(Self.randomAction(&rng))
                    trace.append(r.observation + [r.reward, r.terminated ? 1 : 0, r.truncated ? 1 : 0])
                    if r.done { break }
                }
            }
            return trace
        }
        #expect(play(seed: 5) == play(seed: 5))
        #expect(play(seed: 5) != play(seed: 500))
    }

    @Test(
        "evaluation is seeded and uses common random numbers: two engines meet the same customers",
        arguments: Subject.allCases)
    func commonRandomNumbers(subject: Subject) {
        let env = subject.make()
        func customers(_ weights: [Double]) -> [[Double]] {
            var met: [[Double]] = []
            _ = env.evaluate(
                policy: { obs in
                    if obs[90] == 0 { met.append(Array(obs[0..<88])) }
                    return weights
                }, sessions: 200, seed: 9)
            return met
        }
        var w = [Double](repeating: 0, count: 27)
        w[ItemFeature.rating.rawValue] = 1
        let a = customers(w)
        #expect(a.count == 200)
        #expect(a == customers(w.map { -$0 }))
        #expect(Set(a).count > 20, "different sessions meet different customers")
        let constant = [Double](repeating: 0.05, count: 27)
        let once = env.evaluate(policy: { _ in constant }, sessions: 300, seed: 4)
        #expect(once == env.evaluate(policy: { _ in constant }, sessions: 300, seed: 4))
        #expect(once != env.evaluate(policy: { _ in constant }, sessions: 300, seed: 5))
    }
}
