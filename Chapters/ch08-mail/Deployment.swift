import Foundation
import RecRL

/// R2P of the random (historical) engine and of `policy`'s mean action, on the same `sessions`
/// customers of `environment` (common random numbers), and the relative improvement.
struct Deployment {
    var randomR2P: Double
    var policyR2P: Double
    /// The mean Euclidean norm of the policy's weights over the pages it ranked.
    var policyActionNorm: Double
    var improvement: Double { (policyR2P - randomR2P) / randomR2P }

    init<Env: Environment>(_ environment: Env, policy: MLPGaussianPolicy, sessions: Int, seed: UInt64) {
        let world = (environment as? TaobaoWorld) ?? TaobaoWorld()
        func r2p(_ engine: Engine) -> Double {
            SessionStatistics.measure(
                environment, engine: engine, sessions: sessions, seed: seed, maxPages: 15, world: world
            ).metrics.r2p
        }
        randomR2P = r2p(.random())
        let norms = NormTally()
        policyR2P = r2p(
            Engine(name: "TRPO-ANC") { observation in
                let a = policy.meanAction(observation)
                norms.add(a)
                return a
            })
        policyActionNorm = norms.mean
    }
}
