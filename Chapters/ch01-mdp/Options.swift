// The flags of ch01-mdp: `swift run ch01-mdp --help` prints them with their defaults.
import ArgumentParser
import Foundation
import RecRL

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch01-mdp",
        abstract: "Chapter 1: Taobao search as an MDP; the random, popularity and oracle engines.",
        discussion: "Wall time measured on the course's 2-core machine (debug build, after building): default 0.4 s, --quick 0.2 s, --full 2.7 s.")

    @OptionGroup var chapter: ChapterOptions

    @Option(
        parsing: .unconditional,
        help: "Customers (one session each) per engine in the evaluation (default 1,000; --quick 200; --full 10,000).")
    var customers: Int?

    @OptionGroup var virtualTB: VirtualTBOption

    mutating func validate() throws {
        if let customers, !(1...1_000_000).contains(customers) {
            throw ValidationError("--customers must be between 1 and 1,000,000, got \(customers)")
        }
    }
}
