import Foundation
import RecRL
import Testing

@testable import Ch08Exercises

@Suite struct `Chapter 8 exercises` {
    @Test func `Exercise 8.1 — MAIL's reward from the logit: 0 at D = ½, no bias on session length`() throws {
        try exercise {
            // By hand: ℓ = 0 → log ½ − log ½ = 0; D = ¾ (ℓ = ln 3) → ln ¾ − ln ¼ = ln 3; D = ¼ → −ln 3.
            expectClose([try discriminatorReward(logit: 0)], [0], tolerance: 1e-12, "ℓ = 0 (D = ½)")
            expectClose(
                [try discriminatorReward(logit: Foundation.log(3))], [Foundation.log(3)], tolerance: 1e-9,
                "ℓ = ln 3 (D = ¾)")
            expectClose(
                [try discriminatorReward(logit: -Foundation.log(3))], [-Foundation.log(3)], tolerance: 1e-9,
                "ℓ = −ln 3 (D = ¼)")
            // Finite and exact far out, where σ(ℓ) rounds to 0 or 1 in floating point.
            for l in [-40.0, 40.0, 700.0] {
                let r = try discriminatorReward(logit: l)
                #expect(r.isFinite, "ℓ = \(l): expected a finite reward, got \(r)")
                expectClose([r], [l], tolerance: 1e-6 * Swift.abs(l), "ℓ = \(l)")
            }
        }
    }

    @Test func `Exercise 8.2 — behaviour cloning's log-likelihood of one page: the log-softmax at 3c + d`() throws {
        try exercise {
            // By hand: uniform logits → −ln 33; ℓ₇ = ln 32 and the rest 0 → ln 32 − ln(32 + 32) = −ln 2.
            let zeros = [Double](repeating: 0, count: 33)
            expectClose(
                [try customerLogLikelihood(logits: zeros, clicks: 4, decision: 2)], [-Foundation.log(33)],
                tolerance: 1e-12, "33 logits of 0")
            var peaked = zeros
            peaked[7] = Foundation.log(32)
            expectClose(
                [try customerLogLikelihood(logits: peaked, clicks: 2, decision: 1)], [-Foundation.log(2)],
                tolerance: 1e-12, "ℓ₇ = ln 32, (c, d) = (2, leave)")
            // The library's categorical gives the same for any logits, and huge ones stay finite.
            var rng = RNG(seed: 81)
            let logits = (0..<33).map { _ in 1000 * rng.normal() }
            let want = Categorical(logits: .row(logits)).logProb([3 * 5 + 0]).data[0]
            let got = try customerLogLikelihood(logits: logits, clicks: 5, decision: 0)
            #expect(got.isFinite, "logits of size ~1,000: expected a finite log-likelihood, got \(got)")
            expectClose([got], [want], tolerance: 1e-9, "logits of size ~1,000, (c, d) = (5, turn the page)")
        }
    }
}
