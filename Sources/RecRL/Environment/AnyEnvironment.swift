/// Any environment, when which one is chosen at run time (TaobaoWorld, or VirtualTB-v0 with
/// `--virtualtb`, with or without observation normalisation): the learners are generic over their
/// environment, and this one wrapper lets a chapter pick it with an `if` instead of writing the
/// training code twice.
///
///     let make = { virtualTB.map { AnyEnvironment(ActionClipped($0)) } ?? AnyEnvironment(TaobaoWorld()) }
///     var collector = RolloutCollector(environments: (0..<8).map { _ in make() }, seed: 1)
///
/// It forwards every call to the wrapped environment, so results are the same as without it.
public struct AnyEnvironment: Environment {
    private var base: any Environment

    public init(_ base: some Environment) { self.base = base }

    public var observationSize: Int { base.observationSize }
    public var actionSize: Int { base.actionSize }
    public mutating func reset(seed: UInt64?) -> [Double] { base.reset(seed: seed) }
    public mutating func step(_ action: [Double]) -> StepResult { base.step(action) }
}
