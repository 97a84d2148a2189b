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
}
