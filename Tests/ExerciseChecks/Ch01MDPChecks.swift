import Foundation
import RecRL
import Testing

@testable import Ch01Exercises

@Suite struct `Chapter 1 exercises` {
    @Test func `Exercise 1.1 — decode a one-hot customer: 88 values → 11 attribute indices, nil if invalid`() throws {
        try exercise {
            // By hand: the groups start at 0, 8, 16, 27, 38, 49, 60, 62, 64, 67, 85. The customer
            // [2, 5, 0, 10, 3, 7, 1, 0, 2, 17, 1] has its 1s at 0+2, 8+5, 16+0, 27+10, 38+3, 49+7,
            // 60+1, 62+0, 64+2, 67+17, 85+1.
            let hot = [2, 13, 16, 37, 41, 56, 61, 62, 66, 84, 86]
            var v = [Double](repeating: 0, count: 88)
            for i in hot { v[i] = 1 }
            let got = try decodeCustomer(v)
            #expect(
                got == [2, 5, 0, 10, 3, 7, 1, 0, 2, 17, 1],
                "decoding the hand-made customer: got \(String(describing: got))")

            // Invalid vectors give nil.
            #expect(try decodeCustomer(Array(v.prefix(87))) == nil, "87 values should give nil")
            #expect(try decodeCustomer(v + [0, 0, 0]) == nil, "91 values (a whole observation) should give nil")
            #expect(try decodeCustomer([Double](repeating: 0, count: 88)) == nil, "all zeros should give nil")
            var twoHot = v
            twoHot[3] = 1  // history turnover now has 1s at 2 and 3
            #expect(try decodeCustomer(twoHot) == nil, "two 1s in the first group should give nil")
            var noHot = v
            noHot[86] = 0  // customer category has no 1
            #expect(try decodeCustomer(noHot) == nil, "a group with no 1 (the last) should give nil")
            var half = v
            half[87] = 0.5  // a stray 0.5 beside the customer category's 1
            #expect(try decodeCustomer(half) == nil, "a value other than 0 or 1 should give nil")

            // Against the world's own encoding, on seeded customers.
            var world = TaobaoWorld()
            for s in 0..<20 {
                let observation = world.reset(seed: UInt64(s))
                let decoded = try decodeCustomer(Array(observation.prefix(88)))
                #expect(
                    decoded == world.attributes,
                    "customer of seed \(s): expected \(world.attributes), got \(String(describing: decoded))")
            }
        }
    }

    @Test func `Exercise 1.2 — pooled CTR = total clicks ÷ (10 × total pages)`() throws {
        try exercise {
            // By hand: 3 + 0 + 5 + 1 = 9 clicks on 4 pages → 9 / 40. (The mean of the sessions'
            // CTRs would be (8/30 + 1/10) / 2 ≈ 0.1833: a different number.)
            expectClose(
                try [pooledCTR([[3, 0, 5], [1]]) ?? .nan], [0.225], tolerance: 1e-12, "pooledCTR([[3, 0, 5], [1]])")
            // 2 clicks on 3 pages → 2 / 30.
            expectClose(
                try [pooledCTR([[0, 0], [2]]) ?? .nan], [2.0 / 30], tolerance: 1e-12, "pooledCTR([[0, 0], [2]])")
            expectClose(try [pooledCTR([[10]]) ?? .nan], [1], tolerance: 1e-12, "pooledCTR([[10]])")
            // A session that ended before any page adds nothing: 4 clicks on 2 pages → 4 / 20.
            expectClose(try [pooledCTR([[], [1, 3]]) ?? .nan], [0.2], tolerance: 1e-12, "pooledCTR([[], [1, 3]])")
            #expect(try pooledCTR([]) == nil, "an empty log has no CTR: expected nil")
            #expect(try pooledCTR([[], []]) == nil, "a log of sessions with no pages has no CTR: expected nil")

            // Against the library's pooled metrics on 30 seeded random-engine sessions.
            var world = TaobaoWorld(seed: 5)
            var rng = RNG(seed: 6)
            let engine = Engine.random()
            var metrics = EngineMetrics()
            var log: [[Int]] = []
            for _ in 0..<30 {
                var observation = world.reset()
                var clicks: [Int] = []
                while true {
                    let result = world.step(engine.action(observation: observation, world: world, rng: &rng))
                    metrics.record(result)
                    clicks.append(result.info.clicks)
                    if result.done { break }
                    observation = result.observation
                }
                log.append(clicks)
            }
            expectClose(try [pooledCTR(log) ?? .nan], [metrics.ctr], tolerance: 1e-12, "30 random-engine sessions")
        }
    }

    @Test func `Exercise 1.3 — normalised score = (policy − random) ÷ (oracle − random)`() throws {
        try exercise {
            // By hand: (0.19 − 0.08) / (0.30 − 0.08) = 0.11 / 0.22 = 0.5.
            expectClose(
                try [normalisedScore(policy: 0.19, random: 0.08, oracle: 0.30) ?? .nan], [0.5], tolerance: 1e-12,
                "policy 0.19, random 0.08, oracle 0.30")
            // The references score 0 and 1; worse than random is negative: (0.05 − 0.1) / 0.2 = −0.25.
            expectClose(
                try [
                    normalisedScore(policy: 0.1, random: 0.1, oracle: 0.3) ?? .nan,
                    normalisedScore(policy: 0.3, random: 0.1, oracle: 0.3) ?? .nan,
                    normalisedScore(policy: 0.05, random: 0.1, oracle: 0.3) ?? .nan,
                ], [0, 1, -0.25], tolerance: 1e-12, "random, oracle and a worse-than-random policy")
            // Session length 6 between random 4 and oracle 12: (6 − 4) / 8 = 0.25.
            expectClose(
                try [normalisedScore(policy: 6, random: 4, oracle: 12) ?? .nan], [0.25], tolerance: 1e-12,
                "policy 6, random 4, oracle 12")
            #expect(
                try normalisedScore(policy: 0.2, random: 0.1, oracle: 0.1) == nil,
                "oracle == random leaves the score undefined: expected nil")
        }
    }
}
