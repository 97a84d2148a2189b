import Foundation
import RecRL
import Testing

@testable import Ch04Exercises

@Suite struct `Chapter 4 exercises` {
    @Test func `Exercise 4.1 — the DDPG target: y = r + γ(1 − d)·Q_targ(s′, μ_targ(s′))`() throws {
        try exercise {
            // By hand, γ = 0.9:  1 + 0.9·1·10 = 10;  0 + 0.9·0·5 = 0 (terminated: no future);
            // 2 + 0.9·1·(−1) = 1.1.
            let got = try ddpgTarget(rewards: [1, 0, 2], dones: [0, 1, 0], nextQ: [10, 5, -1], gamma: 0.9)
            expectClose(got, [10, 0, 1.1], tolerance: 1e-12, "r [1, 0, 2], d [0, 1, 0], q′ [10, 5, −1], γ 0.9")
            // γ = 0: only the reward counts. γ = 1 and no dones: r + q′.
            expectClose(
                try ddpgTarget(rewards: [1, 0, 2], dones: [0, 1, 0], nextQ: [10, 5, -1], gamma: 0), [1, 0, 2],
                tolerance: 1e-12, "γ = 0")
            expectClose(
                try ddpgTarget(rewards: [1, 0, 2], dones: [0, 0, 0], nextQ: [10, 5, -1], gamma: 1), [11, 5, 1],
                tolerance: 1e-12, "γ = 1, no dones")
            // Against the library's ddpgTargets on random [8×1] columns.
            var rng = RNG(seed: 41)
            let r = Tensor.uniform(8, 1, low: 0, high: 10, rng: &rng)
            let d = Tensor(rows: 8, cols: 1, data: (0..<8).map { _ in rng.bernoulli(0.3) ? 1 : 0 })
            let q = Tensor.normal(8, 1, std: 5, rng: &rng)
            let want = ddpgTargets(rewards: r, dones: d, nextQ: q, gamma: 0.99)
            expectClose(
                try ddpgTarget(rewards: r.data, dones: d.data, nextQ: q.data, gamma: 0.99), want.data,
                tolerance: 1e-12, "random batch of 8, γ 0.99")
        }
    }

    @Test func `Exercise 4.2 — the soft update: θ_targ ← ρ θ_targ + (1 − ρ) θ`() throws {
        try exercise {
            // By hand, ρ = 0.75: 0.75·1 + 0.25·3 = 1.5;  0.75·2 + 0.25·(−2) = 1;  0.75·(−4) + 0 = −3.
            let got = try polyakAverage(target: [1, 2, -4], source: [3, -2, 0], rho: 0.75)
            expectClose(got, [1.5, 1, -3], tolerance: 1e-12, "target [1, 2, −4], source [3, −2, 0], ρ 0.75")
            // ρ = 0.995 takes 0.5% of the source: 0.005·200 = 1.
            expectClose(
                try polyakAverage(target: [0], source: [200], rho: 0.995), [1], tolerance: 1e-12,
                "target [0], source [200], ρ 0.995")
            // ρ = 0 is a hard copy; ρ = 1 leaves the target alone.
            expectClose(
                try polyakAverage(target: [1, 2], source: [5, 6], rho: 0), [5, 6], tolerance: 0, "ρ = 0 (hard copy)")
            expectClose(
                try polyakAverage(target: [1, 2], source: [5, 6], rho: 1), [1, 2], tolerance: 0, "ρ = 1 (no change)")
            // Against the library's Module.softUpdate on a layer.
            var rng = RNG(seed: 42)
            let target = Linear(3, 2, rng: &rng)
            let source = Linear(3, 2, rng: &rng)
            source.bias.data = [0.5, -0.25]
            let want = zip(target.parameters, source.parameters).map { (t, s) in
                (t.data, s.data)
            }
            target.softUpdate(from: source, rho: 0.9)
            for (k, (t, s)) in want.enumerated() {
                expectClose(
                    try polyakAverage(target: t, source: s, rho: 0.9), target.parameters[k].data, tolerance: 1e-12,
                    "parameter \(target.parameterNames[k]) of a Linear(3 → 2), ρ 0.9")
            }
        }
    }
}
