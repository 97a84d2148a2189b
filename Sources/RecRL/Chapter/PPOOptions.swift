import ArgumentParser

/// `on` / `off`, for a flag whose default depends on the preset.
public enum OnOff: String, ExpressibleByArgument, CaseIterable, Sendable {
    case on, off
}

/// Which form of the clipped objective L (`PPOSurrogate`).
public enum SurrogateChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case minClip = "min-clip"
    case simplified
}

/// PPO's hyperparameters as flags, for every chapter that trains PPO. Each flag is optional: a flag
/// left out keeps the preset's value (`PPOConfig.taobaoWorld` in TaobaoWorld, SB3's `PPOConfig()`
/// on VirtualTB-v0), and its help text reads both defaults from the presets themselves.
///
///     @OptionGroup var ppo: PPOOptions
///     let config = options.ppo.configure(onVirtualTB ? PPOConfig() : .taobaoWorld)
public struct PPOOptions: ParsableArguments, Sendable {
    @Option(
        parsing: .unconditional,
        help: "Steps per environment per iteration (SB3 n_steps; default: the preset's rollout ÷ environments).")
    public var nSteps: Int?

    @Option(
        parsing: .unconditional, help: "Environments stepped in lockstep (\(PPOOptions.defaults(\.environmentCount))).")
    public var envs: Int?

    @Option(parsing: .unconditional, help: "Minibatch size (SB3 batch_size; \(PPOOptions.defaults(\.minibatchSize))).")
    public var minibatchSize: Int?

    @Option(parsing: .unconditional, help: "Passes over each rollout (SB3 n_epochs; \(PPOOptions.defaults(\.epochs))).")
    public var epochs: Int?

    @Option(parsing: .unconditional, help: "Adam's learning rate (\(PPOOptions.defaults(\.learningRate))).")
    public var learningRate: Double?

    @Option(
        help: ArgumentHelp(
            "Anneal the learning rate linearly to 0 (CleanRL's anneal_lr): on or off "
                + "(\(PPOOptions.defaults(\.annealLearningRate))).",
            discussion: "Measured in TaobaoWorld, seed 0: score 0.77 on vs 0.78 off at the default budget, 0.83 vs "
                + "0.78 with --full."))
    public var annealLr: OnOff?

    @Option(parsing: .unconditional, help: "Discount γ (\(PPOOptions.defaults(\.gamma))).")
    public var gamma: Double?

    @Option(parsing: .unconditional, help: "GAE λ (\(PPOOptions.defaults(\.lambda))).")
    public var lambda: Double?

    @Option(parsing: .unconditional, help: "Clip range ε of the ratio (\(PPOOptions.defaults(\.clipEpsilon))).")
    public var clip: Double?

    @Option(parsing: .unconditional, help: "Clip range of the value (off unless given; SB3 clip_range_vf).")
    public var valueClip: Double?

    @Option(
        parsing: .unconditional,
        help: "Entropy bonus coefficient (SB3 ent_coef; \(PPOOptions.defaults(\.entropyCoefficient))).")
    public var entCoef: Double?

    @Option(
        parsing: .unconditional,
        help: "Value loss coefficient (SB3 vf_coef; \(PPOOptions.defaults(\.valueCoefficient))).")
    public var vfCoef: Double?

    @Option(
        parsing: .unconditional,
        help: "Global gradient-norm clip (SB3 max_grad_norm; \(PPOOptions.defaults(\.maxGradNorm))).")
    public var maxGradNorm: Double?

    @Flag(help: "Do not normalise advantages per minibatch.")
    public var noAdvantageNorm = false

    @Option(
        parsing: .unconditional,
        help: "Initial log σ of the Gaussian policy (SB3 log_std_init; \(PPOOptions.defaults(\.initialLogStd))).")
    public var logStdInit: Double?

    @Option(
        parsing: .unconditional,
        help: "Width of the actor's and the critic's two hidden layers (\(PPOOptions.defaults(\.hiddenSizes[0]))).")
    public var hidden: Int?

    @Option(help: "Which form of L: min-clip (min(rA, clip(r)A)) or simplified (min(rA, g(ε, A))).")
    public var surrogate: SurrogateChoice?

    public init() {}

    /// "TaobaoWorld a, VirtualTB-v0 b", or "default a" when both presets agree.
    static func defaults<Value>(_ field: KeyPath<PPOConfig, Value>) -> String {
        func shown(_ value: Value) -> String {
            if let flag = value as? Bool { return flag ? "on" : "off" }
            return "\(value)"
        }
        let world = shown(PPOConfig.taobaoWorld[keyPath: field])
        let sb3 = shown(PPOConfig()[keyPath: field])
        return world == sb3 ? "default \(world)" : "TaobaoWorld \(world), VirtualTB-v0 \(sb3) as SB3"
    }

    /// `preset` with every flag that was given. Giving `--envs` alone keeps the preset's rollout
    /// size (n-steps = rollout ÷ environments).
    public func configure(_ preset: PPOConfig) -> PPOConfig {
        var c = preset
        if let envs {
            c.environmentCount = envs
            c.stepsPerEnvironment = max(1, preset.rolloutSize / envs)
        }
        if let nSteps { c.stepsPerEnvironment = nSteps }
        if let minibatchSize { c.minibatchSize = minibatchSize }
        if let epochs { c.epochs = epochs }
        if let learningRate { c.learningRate = learningRate }
        if let annealLr { c.annealLearningRate = annealLr == .on }
        if let gamma { c.gamma = gamma }
        if let lambda { c.lambda = lambda }
        if let clip { c.clipEpsilon = clip }
        if let valueClip { c.valueClip = valueClip }
        if let entCoef { c.entropyCoefficient = entCoef }
        if let vfCoef { c.valueCoefficient = vfCoef }
        if let maxGradNorm { c.maxGradNorm = maxGradNorm }
        if noAdvantageNorm { c.normalizeAdvantages = false }
        if let logStdInit { c.initialLogStd = logStdInit }
        if let hidden { c.hiddenSizes = [hidden, hidden] }
        if let surrogate { c.surrogate = surrogate == .minClip ? .minClip : .simplified }
        return c
    }

    public func validate() throws {
        if let envs { try requireFlag("--envs", envs, in: 1...4_096) }
        if let nSteps { try requireFlag("--n-steps", nSteps, in: 1...100_000) }
        if let epochs { try requireFlag("--epochs", epochs, in: 1...1_000) }
        if let hidden { try requireFlag("--hidden", hidden, in: 1...4_096) }
        if let logStdInit, !(-5 < logStdInit && logStdInit < 2) {
            throw ValidationError("--log-std-init must be in (−5, 2) (σ from 0.007 to 7.4), got \(logStdInit)")
        }
        for preset in [PPOConfig.taobaoWorld, PPOConfig()] {
            do { try configure(preset).validate() } catch { throw ValidationError(error.message) }
        }
    }
}
