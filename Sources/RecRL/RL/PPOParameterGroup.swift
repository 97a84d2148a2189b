/// One set of parameters with the optimiser that updates them — PPO's extension point.
///
/// By default PPO has one group: Adam over the actor's and the critic's parameters, stepped on
/// every minibatch (SB3's single optimiser). A learner that updates parts of its network on
/// different schedules — ch06's split-feature actor, whose dynamic tower is updated 100× as often
/// as its static one — passes several groups, each with its own `isStepped(update)`: after each
/// minibatch's backward pass and the global gradient clip, PPO steps exactly the groups for which
/// `isStepped(u)` is true, where u = 0, 1, 2, … counts minibatch updates over the whole run. A
/// group not stepped keeps its gradients out: they are zeroed with everything else before the next
/// minibatch. With `annealLearningRate` every group's rate is its `baseLearningRate` × the same
/// linear factor.
public struct PPOParameterGroup {
    /// A name for logs ("actor", "static tower", …).
    public var name: String
    /// The optimiser over this group's parameters.
    public var optimizer: any Optimizer
    /// The rate the annealing scales (the optimiser's rate at the start).
    public var baseLearningRate: Double
    /// Whether to step this group on minibatch update u (0, 1, 2, … over the whole run).
    public var isStepped: (_ update: Int) -> Bool

    public init(
        name: String, optimizer: any Optimizer, isStepped: @escaping (_ update: Int) -> Bool = { _ in true }
    ) {
        self.name = name
        self.optimizer = optimizer
        self.baseLearningRate = optimizer.learningRate
        self.isStepped = isStepped
    }
}

extension PPO {
    /// Sets every group's learning rate to its base rate × `fraction` (LR annealing).
    public func scaleLearningRates(by fraction: Double) {
        for group in groups { group.optimizer.learningRate = group.baseLearningRate * fraction }
    }
}
