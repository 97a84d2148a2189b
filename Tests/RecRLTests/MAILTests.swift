import Foundation
import Testing

@testable import RecRL

/// A small joint policy: a [91 → 8 → 27] engine with log σ = log 0.1, a [118 → 8 → 33] customer.
func smallJointPolicy(seed: UInt64) -> EngineAndCustomerPolicy {
    var rng = RNG(seed: seed)
    let engine = MLPGaussianPolicy(
        sizes: [EngineAndCustomerPolicy.engineStateSize, 8, 27], initialLogStd: Foundation.log(0.1), rng: &rng)
    return EngineAndCustomerPolicy(engine: engine, customer: CustomerPolicy(hiddenSizes: [8], rng: &rng))
}

@Suite("MAIL: the joint policy, its sessions, rewards and update")
struct MAILTests {
    static let log = HistoricalLog.generate(world: TaobaoWorld(), sessions: 400, seed: 31)
    static let customers = VirtualCustomers.logged(LoggedCustomers(log: log))

    func sessions(_ policy: EngineAndCustomerPolicy, count: Int = 40, seed: UInt64 = 1, maxPages: Int = 15)
        -> GeneratedSessions
    {
        var rng = RNG(seed: seed)
        return GeneratedSessions.generate(
            policy: policy, customers: Self.customers, sessions: count, parallel: 7, maxPages: maxPages, rng: &rng)
    }

    @Test("log π(a, a^c) and the KL of the joint are the engine's plus the customer's")
    func jointFactorises() {
        let p = smallJointPolicy(seed: 1)
        let q = smallJointPolicy(seed: 2)
        let s = sessions(p, count: 5)
        let x = Tensor(rows: s.count, cols: CustomerView.featureSize, data: s.features)
        let value = EngineAndCustomer.values(
            engineActions: Tensor(rows: s.count, cols: 27, data: s.engineActions), answers: s.answers.map(\.index))
        Tensor.withoutGradients {
            let dp = p.distribution(x)
            let dq = q.distribution(x)
            let states = EngineAndCustomerPolicy.engineStates(x)
            let engine = p.engine.distribution(states).logProb(value.slice(cols: 0..<27)).data
            let customer = p.customer.logLikelihood(features: x, actions: s.answers).data
            let klEngine = p.engine.distribution(states).kl(to: q.engine.distribution(states)).data
            let klCustomer = Categorical(logits: p.customer.network(x)).kl(
                to: Categorical(logits: q.customer.network(x))
            )
            .data
            for i in 0..<s.count {
                #expect(Swift.abs(dp.logProb(value).data[i] - (engine[i] + customer[i])) < 1e-12)
                #expect(Swift.abs(dp.kl(to: dq).data[i] - (klEngine[i] + klCustomer[i])) < 1e-12)
            }
        }
    }

    @Test("the joint Fisher is block-diagonal: F·v of the joint = (F_σ v_σ, F_κ v_κ), each factor alone")
    func fisherIsBlockDiagonal() {
        let p = smallJointPolicy(seed: 3)
        let s = sessions(p, count: 6)
        let x = Tensor(rows: s.count, cols: CustomerView.featureSize, data: s.features)
        let joint = FisherVectorProduct(policy: p, observations: x)
        var rng = RNG(seed: 4)
        let v = (0..<joint.parameters.count).map { _ in rng.normal() }
        let fv = joint(v)
        let engineCount = p.engine.parameterCount
        let engineAlone = FisherVectorProduct(policy: p.engine, observations: EngineAndCustomerPolicy.engineStates(x))
        let customerAlone = FisherVectorProduct(policy: p.customer, observations: x)
        let expected = engineAlone(Array(v[..<engineCount])) + customerAlone(Array(v[engineCount...]))
        let scale = expected.map(Swift.abs).max()!
        for (a, b) in zip(fv, expected) { #expect(Swift.abs(a - b) <= 1e-6 * scale) }
    }

    @Test("rollouts sample both actions (no argmax) and record log π of exactly the actions taken")
    func rolloutsSample() {
        let p = smallJointPolicy(seed: 5)
        let s = sessions(p)
        let x = Tensor(rows: s.count, cols: CustomerView.featureSize, data: s.features)
        let value = EngineAndCustomer.values(
            engineActions: Tensor(rows: s.count, cols: 27, data: s.engineActions), answers: s.answers.map(\.index))
        let recomputed = Tensor.withoutGradients { p.distribution(x).logProb(value).data }
        for (a, b) in zip(recomputed, s.logProbs) { #expect(Swift.abs(a - b) < 1e-9) }
        // The engine's weights are draws around its mean, not the mean; the customers' answers vary.
        let means = Tensor.withoutGradients { p.engine.distribution(EngineAndCustomerPolicy.engineStates(x)).mean.data }
        #expect(zip(means, s.engineActions).filter { Swift.abs($0 - $1) > 1e-3 }.count > s.engineActions.count / 2)
        #expect(Set(s.answers).count > 5)
        // s^c holds the action that was played.
        for t in 0..<s.count {
            #expect(
                Array(s.features[(t * 118 + 91)..<(t * 118 + 118)]) == Array(s.engineActions[(t * 27)..<(t * 27 + 27)]))
        }
    }

    @Test("sessions are stored in time order: page index 0, 1, 2, … within each, and end exactly once")
    func sessionsInTimeOrder() {
        let s = sessions(smallJointPolicy(seed: 6), count: 30)
        #expect(s.sessionCount == 30)
        let ends = s.sessionStarts.dropFirst().map { $0 - 1 } + [s.count - 1]
        for (start, end) in zip(s.sessionStarts, ends) {
            for t in start...end {
                #expect(Swift.abs(s.features[t * 118 + 90] - Double(t - start) / 10) < 1e-12)
                let last = t == end
                #expect((s.terminated[t] || s.truncated[t]) == last)
            }
            #expect(s.truncated[end] == (s.answers[end].decision == .turnPage))
            #expect(!s.truncated[end] || end - start + 1 == 15)
        }
        // Same seed, same sessions.
        let again = sessions(smallJointPolicy(seed: 6), count: 30)
        #expect(again.features == s.features && again.answers == s.answers)
    }

    @Test("the reward is the discriminator's logit read once, with no noise (not a log of a log)")
    func rewardOnce() throws {
        let mail = try MAIL(
            log: Self.log, customers: Self.customers, config: smallConfig(), initialPolicy: smallJointPolicy(seed: 7))
        let s = sessions(mail.policy)
        let x = Tensor(rows: s.count, cols: CustomerView.featureSize, data: s.features)
        let logits = Tensor.withoutGradients { mail.discriminator.logits(features: x, actions: s.answers).data }
        #expect(mail.rewardsOf(s) == logits)
        #expect(mail.rewardsOf(s) == mail.rewardsOf(s))
        let rollout = MAIL.rollout(of: s, rewards: mail.rewardsOf(s), value: mail.trpo.value)
        #expect(rollout.rewards == logits)
    }

    @Test("with D = ½ everywhere the logit pays 0 for any session length; −log(1 − D) pays log 2 a page")
    func lengthNeutralAtHalf() {
        for logit in [0.0] {
            #expect(MAILReward.logit(logit) == 0)
            #expect(Swift.abs(MAILReward.positive(logit) - Foundation.log(2)) < 1e-15)
            #expect(Swift.abs(MAILReward.negative(logit) + Foundation.log(2)) < 1e-15)
        }
        let d = constantDiscriminator(bias: 0)
        let s = sessions(smallJointPolicy(seed: 8), count: 30)
        let r = d.reward(features: Tensor(rows: s.count, cols: 118, data: s.features), actions: s.answers)
        let ends = s.sessionStarts.dropFirst().map { $0 } + [s.count]
        let lengths = zip(s.sessionStarts, ends).map { $1 - $0 }
        #expect(Set(lengths).count > 1)
        for (start, end) in zip(s.sessionStarts, ends) {
            #expect(r[start..<end].map { MAILReward.logit($0) }.reduce(0, +) == 0)
            let positive = r[start..<end].map { MAILReward.positive($0) }.reduce(0, +)
            #expect(Swift.abs(positive - Double(end - start) * Foundation.log(2)) < 1e-12)
        }
    }

    @Test("GAE runs along each session in time order: terminated pages bootstrap nothing, cut ones V(s_T)")
    func advantagesPerSession() throws {
        let p = smallJointPolicy(seed: 9)
        let s = sessions(p, count: 25, maxPages: 2)
        #expect(s.truncated.contains(true) && s.terminated.contains(true))
        var rng = RNG(seed: 10)
        let value = valueNetwork(sizes: [91, 8, 1], rng: &rng)
        let rewards = (0..<s.count).map { _ in rng.normal() }
        let rollout = MAIL.rollout(of: s, rewards: rewards, value: value)
        let (advantages, _) = rollout.advantages(gamma: 0.9, lambda: 0.8)
        let v = Tensor.withoutGradients { value(s.engineStates).data }
        let ends = s.sessionStarts.dropFirst().map { $0 } + [s.count]
        for (start, end) in zip(s.sessionStarts, ends) {
            // By hand, backwards over this session alone.
            var running = 0.0
            for t in (start..<end).reversed() {
                let next: Double
                if t == end - 1 {
                    next =
                        s.terminated[t]
                        ? 0 : Tensor.withoutGradients { value(.row(s.finalStates[t]!)).data[0] }
                } else {
                    next = v[t + 1]
                }
                running = rewards[t] + 0.9 * next - v[t] + (t == end - 1 ? 0 : 0.9 * 0.8 * running)
                #expect(Swift.abs(advantages[t] - running) < 1e-12)
            }
        }
    }

    @Test("one MAIL iteration moves both the engine policy and the customer policy")
    func bothSidesTrain() throws {
        let mail = try MAIL(
            log: Self.log, customers: Self.customers, config: smallConfig(), initialPolicy: smallJointPolicy(seed: 11))
        let engineBefore = mail.policy.engine.parameters.flatMap(\.data)
        let customerBefore = mail.policy.customer.parameters.flatMap(\.data)
        let log = try mail.iterate()
        #expect(log.update.lineSearchSucceeded)
        #expect(mail.policy.engine.parameters.flatMap(\.data) != engineBefore)
        #expect(mail.policy.customer.parameters.flatMap(\.data) != customerBefore)
        #expect(log.update.kl > 0 && log.update.kl <= mail.config.trpo.maxKL)
    }

    @Test("same seed, same MAIL run")
    func reproducible() throws {
        func run() throws -> [Double] {
            let mail = try MAIL(log: Self.log, customers: Self.customers, config: smallConfig())
            return try mail.train(iterations: 2).map { $0.meanReward } + mail.policy.customer.parameters.flatMap(\.data)
        }
        #expect(try run() == run())
    }

    func smallConfig() -> MAILConfig {
        var config = MAILConfig()
        config.sessionsPerIteration = 24
        config.parallelSessions = 8
        config.discriminatorHiddenSizes = [8]
        config.engineHiddenSizes = [8]
        config.trpo.hiddenSizes = [8]
        config.trpo.valueEpochs = 2
        config.warmStart?.epochs = 1
        config.warmStart?.hiddenSizes = [8]
        return config
    }
}

@Suite("The learned customer as a reward model")
struct PurchaseModelTests {
    @Test("P(buy | s^c), worked example: joint logits ln 2 on the 11 buy pairs, 0 elsewhere → 22/44 = ½")
    func purchaseProbabilityByHand() {
        var bias = [Double](repeating: 0, count: 33)
        for c in 0..<11 { bias[3 * c + 2] = Foundation.log(2) }
        let joint = constantCustomerPolicy(.joint, bias: bias)
        let features = [Double](repeating: 0, count: 2 * CustomerView.featureSize)
        for p in joint.purchaseProbabilities(features: features, rows: 2) { #expect(Swift.abs(p - 0.5) < 1e-12) }
        // Independent heads: decision logits (0, 0, ln 2) → buy 2/4 = ½ whatever the clicks head says.
        var heads = [Double](repeating: 0, count: 14)
        heads[3] = 5
        heads[13] = Foundation.log(2)
        let independent = constantCustomerPolicy(.independent, bias: heads)
        #expect(Swift.abs(independent.purchaseProbabilities(features: features, rows: 2)[1] - 0.5) < 1e-12)
    }
}
