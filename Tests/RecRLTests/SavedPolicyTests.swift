import Foundation
import RecRL
import Testing

@Suite("RL: a saved policy scores exactly what it scored when saved")
struct SavedPolicyTests {
    func trainedPPO(seed: UInt64) throws -> (PPO<MLPGaussianPolicy>, ObservationNormalizer) {
        var config = PPOConfig.taobaoWorld
        config.hiddenSizes = [16, 16]
        config.stepsPerEnvironment = 64
        config.environmentCount = 2
        config.minibatchSize = 64
        var rng = RNG(seed: seed)
        let ppo = PPO(config: config, observationSize: 91, actionSize: 27, rng: &rng)
        let normalizer = ObservationNormalizer(size: 91)
        var collector = RolloutCollector(
            environments: [TaobaoWorld(), TaobaoWorld()].map { ObservationNormalized($0, normalizer: normalizer) },
            seed: seed &+ 1)
        _ = try ppo.train(collector: &collector, iterations: 2, rng: &rng)
        return (ppo, normalizer)
    }

    @Test("save, then load into a fresh PPO: same actor, critic and normaliser, same CTR on the same customers")
    func roundTrip() throws {
        let folder = try makeScratchFolder("saved-policy")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("policy.params")
        let (trained, normalizer) = try trainedPPO(seed: 3)
        try SavedPolicy.save(trained, normalizer: normalizer, to: file)

        var rng = RNG(seed: 99)
        let fresh = PPO(config: trained.config, observationSize: 91, actionSize: 27, rng: &rng)
        let loadedNormalizer = try #require(try SavedPolicy.load(from: file, into: fresh))
        #expect(fresh.policy.namedParameters.map(\.tensor.data) == trained.policy.namedParameters.map(\.tensor.data))
        #expect(fresh.value.namedParameters.map(\.tensor.data) == trained.value.namedParameters.map(\.tensor.data))
        #expect(loadedNormalizer.mean == normalizer.mean && loadedNormalizer.variance == normalizer.variance)
        #expect(loadedNormalizer.count == normalizer.count)

        let arena = EvaluationArena.taobaoWorld(TaobaoWorld(), customers: 30, seed: 8)
        let before = arena.evaluate { trained.policy.meanAction(normalizer.normalize($0)) }
        let after = arena.evaluate { fresh.policy.meanAction(loadedNormalizer.normalize($0)) }
        #expect(before == after)
    }

    @Test("a file of another network size is refused, naming the parameter, and leaves the PPO as it was")
    func wrongShape() throws {
        let folder = try makeScratchFolder("saved-policy-shape")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("policy.params")
        let (trained, _) = try trainedPPO(seed: 4)
        try SavedPolicy.save(trained, normalizer: nil, to: file)
        var config = trained.config
        config.hiddenSizes = [8, 8]
        var rng = RNG(seed: 1)
        let other = PPO(config: config, observationSize: 91, actionSize: 27, rng: &rng)
        let before = other.policy.namedParameters.map(\.tensor.data)
        #expect(throws: ParameterFileError.self) { try SavedPolicy.load(from: file, into: other) }
        #expect(other.policy.namedParameters.map(\.tensor.data) == before)
    }

    @Test("a parameter file that is not a saved policy is refused; so is --save over a file no run wrote")
    func notAPolicy() throws {
        let folder = try makeScratchFolder("saved-policy-other")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("mlp.params")
        var rng = RNG(seed: 2)
        try MLP(sizes: [3, 2], rng: &rng).save(to: file)
        let (trained, _) = try trainedPPO(seed: 5)
        #expect(throws: ParameterFileError.self) { try SavedPolicy.load(from: file, into: trained) }
        #expect(throws: SavedPolicyDestinationError.notASavedPolicy(path: file.path)) {
            try SavedPolicy.checkDestination(file.path)
        }
        let policyFile = folder.appendingPathComponent("policy.params")
        try SavedPolicy.checkDestination(policyFile.path)  // new file, existing folder
        try SavedPolicy.save(trained, normalizer: nil, to: policyFile)
        try SavedPolicy.checkDestination(policyFile.path)  // an earlier saved policy may be replaced
        #expect(throws: SavedPolicyDestinationError.self) {
            try SavedPolicy.checkDestination(folder.appendingPathComponent("no/such/folder.params").path)
        }
    }
}
