import Foundation
import RecRL

/// Training steps per second of a 91→128→128→27 tanh MLP (the size of a Taobao policy: 91
/// observation features, 27 action weights): forward, mean-squared-error loss to a fixed target,
/// backward, Adam step. Measured at batch 64 (an RL minibatch) and 2048 (a PPO rollout).
func benchMLP() -> [(String, Double)] {
    var results: [(String, Double)] = []
    for batch in [64, 2048] {
        var rng = RNG(seed: 1)
        let net = MLP(sizes: [91, 128, 128, 27], activation: .tanh, rng: &rng)
        let x = Tensor.normal(batch, 91, rng: &rng)
        let target = Tensor.normal(batch, 27, rng: &rng)
        let adam = Adam(parameters: net.parameters, learningRate: 1e-3)
        func trainStep() {
            adam.zeroGrad()
            let loss = (net(x) - target).square().mean()
            loss.backward()
            adam.step()
        }
        for _ in 0..<3 { trainStep() }  // warm up
        // Run for about one second, in whole steps.
        var steps = 0
        let start = Date()
        var elapsed = 0.0
        while elapsed < 1.0 {
            trainStep()
            steps += 1
            elapsed = Date().timeIntervalSince(start)
        }
        results.append(
            ("mlp 91-128-128-27 tanh, batch \(batch): forward+backward+Adam steps/s", Double(steps) / elapsed))
    }
    return results
}
