import ArgumentParser
import Foundation
import RecRL
import Testing

@Suite("Chapter: flags are checked before any work, with a message that says what is wrong")
struct ChapterOptionsTests {
    @Test("a negative number after a numeric flag reaches the range check instead of reading as a flag")
    func negativeNumbers() {
        #expect(throws: (any Error).self) { try TrainingSteps.parse(["--steps", "-5"]) }
        do {
            _ = try TrainingSteps.parse(["--steps", "-5"])
        } catch {
            #expect(TrainingSteps.message(for: error) == "--steps must be a positive number, got -5")
        }
        #expect((try? TrainingSteps.parse(["--steps", "12"]))?.steps == 12)
    }

    @Test("an empty --out is refused: it would name the current folder")
    func emptyOut() {
        do {
            _ = try ChapterOptions.parse(["--out", ""])
            Issue.record("an empty --out was accepted")
        } catch {
            #expect(ChapterOptions.message(for: error) == "--out needs a folder name, got an empty one")
        }
    }

    @Test("requireFlag says the flag, its range and the value")
    func flagRange() throws {
        try requireFlag("--batch-size", 64, in: 1...65_536)
        #expect(throws: ValidationError.self) { try requireFlag("--batch-size", 0, in: 1...65_536) }
        do {
            try requireFlag("--batch-size", 1_000_000_000, in: 1...65_536)
        } catch {
            #expect("\(error)" == "--batch-size must be in 1…65536, got 1000000000")
        }
    }

    @Test("PPO flags left out keep the preset; --envs alone keeps the rollout size; given flags win")
    func ppoFlags() throws {
        let none = try PPOOptions.parse([]).configure(.taobaoWorld)
        let preset = PPOConfig.taobaoWorld
        #expect(none.rolloutSize == preset.rolloutSize && none.minibatchSize == preset.minibatchSize)
        #expect(none.gamma == preset.gamma && none.lambda == preset.lambda && none.learningRate == preset.learningRate)
        #expect(none.initialLogStd == preset.initialLogStd && none.annealLearningRate == preset.annealLearningRate)
        let four = try PPOOptions.parse(["--envs", "4", "--gamma", "0.9"]).configure(PPOConfig())
        #expect(four.environmentCount == 4 && four.stepsPerEnvironment == 512)
        #expect(four.gamma == 0.9)
        #expect(four.lambda == PPOConfig().lambda)
    }

    @Test("PPO's help reads both presets' defaults from the configs")
    func ppoHelp() {
        let help = PPOOptions.helpMessage(columns: 400)
        #expect(
            help.contains(
                "GAE λ (TaobaoWorld \(PPOConfig.taobaoWorld.lambda), VirtualTB-v0 \(PPOConfig().lambda) as SB3)"))
        #expect(help.contains("Clip range ε of the ratio (default 0.2)"))
        #expect(help.contains("TaobaoWorld on, VirtualTB-v0 off as SB3"))
    }

    @Test("a PPO flag out of range is refused before any work")
    func ppoRange() {
        for arguments in [
            ["--log-std-init", "1000"], ["--clip", "-0.1"], ["--hidden", "0"], ["--minibatch-size", "1"],
        ] {
            #expect(throws: (any Error).self, "\(arguments)") { try PPOOptions.parse(arguments) }
        }
    }
}
