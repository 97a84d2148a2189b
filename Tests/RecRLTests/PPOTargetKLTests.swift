import Testing

@testable import RecRL

@Suite("PPO target_kl early stop")
struct PPOTargetKLTests {
    /// A fresh small PPO and one rollout of 4 customers × 32 steps (128 rows, minibatches of 32:
    /// 4 per epoch, 16 in the 4 epochs).
    func ppoAndRollout(targetKL: Double?) -> (PPO<MLPGaussianPolicy>, Rollout) {
        var config = PPOConfig()
        config.environmentCount = 4
        config.stepsPerEnvironment = 32
        config.minibatchSize = 32
        config.epochs = 4
        config.hiddenSizes = [16]
        config.learningRate = 1e-2
        config.targetKL = targetKL
        var rng = RNG(seed: 0)
        let ppo = PPO(config: config, observationSize: 91, actionSize: 27, rng: &rng)
        var collector = RolloutCollector(environments: Array(repeating: TaobaoWorld(), count: 4), seed: 1)
        return (ppo, collector.collect(steps: 32, policy: ppo.policy, value: ppo.value, rng: &rng))
    }

    @Test("off: all K epochs run; a tiny target stops before the step of the first minibatch past 1.5 × target")
    func stopsEarly() throws {
        var rng = RNG(seed: 2)
        let (off, rollout) = ppoAndRollout(targetKL: nil)
        let full = try off.update(rollout: rollout, rng: &rng)
        #expect(full.minibatches == 16 && !full.stoppedEarly)
        #expect(off.updates == 16)

        // The first minibatch meets the policy that collected the data (KL exactly 0) and steps;
        // the second sees the moved policy, KL > 1.5e-9, and ends the phase without a step.
        let (tiny, sameRollout) = ppoAndRollout(targetKL: 1e-9)
        rng = RNG(seed: 2)
        let stopped = try tiny.update(rollout: sameRollout, rng: &rng)
        #expect(stopped.stoppedEarly)
        #expect(stopped.minibatches == 1 && tiny.updates == 1)
        #expect(stopped.kl == 0)

        // A generous target never triggers: the same numbers as with the stop off.
        let (generous, thirdRollout) = ppoAndRollout(targetKL: 10)
        rng = RNG(seed: 2)
        let same = try generous.update(rollout: thirdRollout, rng: &rng)
        #expect(!same.stoppedEarly && same.minibatches == 16)
        #expect(same.lossPi == full.lossPi && same.kl == full.kl)
    }

    @Test("the SB3 defaults and the TaobaoWorld preset leave the stop off; a target must be positive")
    func offByDefault() {
        #expect(PPOConfig().targetKL == nil)
        #expect(PPOConfig.taobaoWorld.targetKL == nil)
        var config = PPOConfig()
        config.targetKL = 0
        #expect(throws: PPOConfigError.self) { try config.validate() }
        config.targetKL = 0.01
        #expect(throws: Never.self) { try config.validate() }
    }
}
