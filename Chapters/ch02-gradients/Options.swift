// The flags of ch02-gradients: `swift run ch02-gradients --help` prints them with their defaults.
import ArgumentParser
import Foundation
import RecRL

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch02-gradients",
        abstract: "Chapter 2: tensors, reverse-mode autodiff, gradient checks, an MLP and Adam.",
        discussion: "Wall time measured on the course's 2-core machine (debug build, after building): default 0.4 s, --quick 0.1 s, --full 1.4 s.")

    @OptionGroup var chapter: ChapterOptions
    @OptionGroup var training: TrainingSteps

    @Option(help: "Adam's learning rate for the click-rate network (PyTorch's default is 1e-3).")
    var learningRate = 3e-3

    @Option(parsing: .unconditional, help: "Width of the network's two hidden layers.")
    var hidden = 32

    @Option(parsing: .unconditional, help: "Minibatch size.")
    var batchSize = 64

    mutating func validate() throws {
        guard learningRate > 0, learningRate < 1 else {
            throw ValidationError("--learning-rate must be in (0, 1), got \(learningRate)")
        }
        guard (1...4096).contains(hidden) else { throw ValidationError("--hidden must be in 1…4096, got \(hidden)") }
        try requireFlag("--batch-size", batchSize, in: 1...65_536)
    }
}
