import ArgumentParser

/// The action norm constraint's two knobs as flags (eq. 3, r′ = r / (1 + ρ·max(‖a‖ − μ, 0))), for
/// every chapter that trains with ANC, with the paper's values as defaults and one validation:
///
///     @OptionGroup var anc: ANCOptions
///     ActionNormConstrained(simulator, rho: options.anc.rho, mu: options.anc.mu)
public struct ANCOptions: ParsableArguments, Sendable {
    @Option(parsing: .unconditional, help: "ρ of the action norm constraint, eq. 3 (the paper: 1; 0 turns it off).")
    public var rho = 1.0

    @Option(parsing: .unconditional, help: "μ of the action norm constraint, eq. 3 (the paper: 0.01).")
    public var mu = 0.01

    public init() {}

    public func validate() throws {
        try requireFlag("--rho", rho, in: 0...1_000)
        try requireFlag("--mu", mu, in: 0...100)
    }
}
