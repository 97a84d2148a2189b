// MARK: - Split-feature PPO (the report's §3.3, "Improved PPO")
//
// The report: "In the actor neural network, we use the three-layer MLP with each layer containing
// 128 hidden neurons to train the two features respectively […]. Then we use a full connected layer
// to combine the outputs of the two MLP. […] we set the update frequency of the 3-dimensions MLP is
// one hundred times that of the other one. Other parts are just the same as the PPO method."
//
// The actor, for an observation s = [s_static (88 one-hot attributes), s_dynamic (3 counters)]:
//
//     h_s = tanh(W₃ˢ tanh(W₂ˢ tanh(W₁ˢ s_static + b₁ˢ) + b₂ˢ) + b₃ˢ)        static tower, 88 → 128 → 128 → 128
//     h_d = tanh(W₃ᵈ tanh(W₂ᵈ tanh(W₁ᵈ s_dynamic + b₁ᵈ) + b₂ᵈ) + b₃ᵈ)      dynamic tower, 3 → 128 → 128 → 128
//     μ(s) = [h_s, h_d] · W_join + b_join                                   joining layer, 256 → 27
//     π(a|s) = N(μ(s), diag(σ²)),  log σ a learned vector (as PPO's MLPGaussianPolicy)
//
// The schedule ("update frequency … one hundred times"), read as: after each minibatch's backward
// pass and PPO's global gradient clip, the dynamic tower, the joining layer, log σ and the critic
// take an Adam step on every minibatch update; the static tower takes an Adam step only on every
// `ratio`-th one (updates u = ratio − 1, 2·ratio − 1, … counting from 0), with that minibatch's
// (clipped) gradient. The gradients of the other ratio − 1 minibatches are discarded for the static
// tower, not accumulated. Ratio 1 is plain joint training of the split network.

/// The settings of split-feature PPO beyond `PPOConfig` (which gives everything else: rollout,
/// minibatch, epochs, learning rate, clip, critic).
public struct SplitFeatureConfig: Sendable, Equatable {
    /// How many leading observation features are static (the one-hot customer attributes): 88,
    /// TaobaoWorld's and VirtualTB-v0's 11 attributes one-hot encoded (the report's §2.2). The
    /// remaining features (3: last page's clicks, session clicks, pages) are the dynamic ones.
    public var staticSize = 88
    /// Hidden sizes of each tower: [128, 128, 128], the report's "three-layer MLP with each layer
    /// containing 128 hidden neurons". Each layer is Linear → tanh (tanh as SB3's and CleanRL's PPO).
    public var towerSizes = [128, 128, 128]
    /// The dynamic tower takes this many Adam steps per step of the static tower: 100, the
    /// report's "one hundred times". 1 = both towers stepped on every minibatch (plain joint training).
    public var updateRatio = 100

    public init() {}

    /// Checks every field against an observation of `observationSize` features.
    public func validate(observationSize: Int) throws(PPOConfigError) {
        if staticSize <= 0 || staticSize >= observationSize {
            throw PPOConfigError(
                message: "the static part must be 1…\(observationSize - 1) features of \(observationSize), "
                    + "got \(staticSize)")
        }
        if towerSizes.isEmpty || !towerSizes.allSatisfy({ $0 > 0 }) {
            throw PPOConfigError(message: "tower sizes must be positive, got \(towerSizes)")
        }
        if updateRatio < 1 { throw PPOConfigError(message: "the update ratio must be ≥ 1, got \(updateRatio)") }
    }
}

/// Which minibatch updates step the static tower (the report's §3.3 schedule).
public enum SplitFeatureSchedule {
    /// Whether the static tower takes an Adam step on minibatch update `update` (u = 0, 1, 2, …
    /// over the whole run, PPO's count): on the `ratio`-th, 2·`ratio`-th, … update, i.e. when
    /// (u + 1) is a multiple of `ratio`. With ratio 3: updates u = 2, 5, 8, … (the 3rd, 6th, 9th).
    /// Ratio 1: every update.
    public static func staticTowerIsStepped(update: Int, ratio: Int) -> Bool {
        precondition(update >= 0, "staticTowerIsStepped: the update count must be ≥ 0, got \(update)")
        precondition(ratio >= 1, "staticTowerIsStepped: the ratio must be ≥ 1, got \(ratio)")
        return (update + 1) % ratio == 0
    }
}

/// The report's split-feature actor (§3.3): one tower for the static customer attributes, one for
/// the dynamic counters, and a linear layer joining their outputs into the mean of a diagonal
/// Gaussian over the 27 ranking weights (see the comment at the top of this file).
///
///     let policy = SplitFeaturePolicy(observationSize: 91, actionSize: 27, rng: &rng)
///     let d = policy.distribution(observations)     // [B×91] → B Gaussians over 27 weights
///
/// The static tower reads only columns 0..<staticSize of the observation and the dynamic tower only
/// the rest, so a static feature cannot change the dynamic tower's output and vice versa.
///
/// Initialisation as CleanRL's PPO actor: orthogonal tower weights with gain √2, an orthogonal
/// joining layer with gain 0.01 (the first policy's mean is ≈ 0 everywhere), zero biases,
/// log σ = `initialLogStd`. Drawn from `rng` in the order static tower, dynamic tower, join.
public final class SplitFeaturePolicy: GaussianPolicy {
    /// Leading observation features that go to the static tower.
    public let staticSize: Int
    /// Trailing observation features that go to the dynamic tower.
    public let dynamicSize: Int
    /// s_static ↦ the static tower's pre-tanh output (apply `staticFeatures` for h_s).
    public let staticTower: MLP
    /// s_dynamic ↦ the dynamic tower's pre-tanh output (apply `dynamicFeatures` for h_d).
    public let dynamicTower: MLP
    /// [h_s, h_d] ↦ μ: the report's "full connected layer to combine the outputs of the two MLP".
    public let join: Linear
    /// log σ, [1×actionSize], a parameter.
    public let logStd: Tensor

    /// - Parameters:
    ///   - observationSize: all features (91); the first `staticSize` are static.
    ///   - staticSize: 88 in TaobaoWorld and VirtualTB-v0.
    ///   - towerSizes: each tower's hidden sizes ([128, 128, 128], the report's).
    ///   - actionSize: 27.
    ///   - initialLogStd: log σ at the start (0, SB3's `log_std_init`).
    public init(
        observationSize: Int, staticSize: Int = 88, towerSizes: [Int] = [128, 128, 128], actionSize: Int,
        initialLogStd: Double = 0, rng: inout RNG
    ) {
        precondition(
            staticSize > 0 && staticSize < observationSize,
            "SplitFeaturePolicy: the static part must be 1…\(observationSize - 1) features, got \(staticSize)")
        precondition(
            !towerSizes.isEmpty && towerSizes.allSatisfy { $0 > 0 },
            "SplitFeaturePolicy: tower sizes must be positive, got \(towerSizes)")
        precondition(actionSize > 0, "SplitFeaturePolicy: the action size must be positive, got \(actionSize)")
        self.staticSize = staticSize
        dynamicSize = observationSize - staticSize
        let gain = 2.0.squareRoot()
        // outputGain: √2 too: a tower's last layer is a hidden layer of the whole actor.
        staticTower = MLP(
            sizes: [staticSize] + towerSizes, activation: .tanh, initialization: .orthogonal(gain: gain),
            outputGain: gain, rng: &rng)
        dynamicTower = MLP(
            sizes: [dynamicSize] + towerSizes, activation: .tanh, initialization: .orthogonal(gain: gain),
            outputGain: gain, rng: &rng)
        join = Linear(2 * towerSizes.last!, actionSize, initialization: .orthogonal(gain: 0.01), rng: &rng)
        logStd = Tensor(
            rows: 1, cols: actionSize, data: [Double](repeating: initialLogStd, count: actionSize), requiresGrad: true)
        logStd.name = "logStd"
    }

    /// h_s = tanh(static tower(s_static)) for a batch of observations in rows: [B×obs] → [B×128].
    public func staticFeatures(_ observations: Tensor) -> Tensor {
        checkWidth(observations)
        return staticTower(observations.slice(cols: 0..<staticSize)).tanh()
    }

    /// h_d = tanh(dynamic tower(s_dynamic)) for a batch of observations in rows: [B×obs] → [B×128].
    public func dynamicFeatures(_ observations: Tensor) -> Tensor {
        checkWidth(observations)
        return dynamicTower(observations.slice(cols: staticSize..<(staticSize + dynamicSize))).tanh()
    }

    /// μ(s) = [h_s, h_d] · W_join + b_join: [B×obs] → [B×actions].
    public func mean(_ observations: Tensor) -> Tensor {
        join(Tensor.concat([staticFeatures(observations), dynamicFeatures(observations)], axis: 1))
    }

    public func distribution(_ observations: Tensor) -> DiagonalGaussian {
        DiagonalGaussian(mean: mean(observations), logStd: logStd)
    }

    /// The static tower's parameters: what the schedule steps every `updateRatio`-th update.
    public var staticParameters: [Tensor] { staticTower.parameters }

    /// Everything else of the actor, stepped on every update: dynamic tower, join, log σ.
    public var everyUpdateParameters: [Tensor] { dynamicTower.parameters + join.parameters + [logStd] }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        staticTower.namedParameters(prefixedBy: "static") + dynamicTower.namedParameters(prefixedBy: "dynamic")
            + join.namedParameters(prefixedBy: "join") + [("logStd", logStd)]
    }

    private func checkWidth(_ observations: Tensor) {
        precondition(
            observations.cols == staticSize + dynamicSize,
            "SplitFeaturePolicy: expected \(staticSize + dynamicSize) features (\(staticSize) static + "
                + "\(dynamicSize) dynamic), got \(observations.cols)")
    }
}

extension PPO where Policy == SplitFeaturePolicy {
    /// Split-feature PPO (the report's §3.3): a `SplitFeaturePolicy` actor, PPO's separate value MLP
    /// (observation → `config.hiddenSizes` → 1, as `PPO(config:observationSize:…)`), and two
    /// parameter groups with Adam (lr and ε from `config`):
    ///
    /// - "dynamic tower, join, log σ, critic": stepped on every minibatch update;
    /// - "static tower": stepped when `SplitFeatureSchedule.staticTowerIsStepped(update: u, ratio:)`,
    ///   i.e. on every `split.updateRatio`-th update, with that minibatch's clipped gradient.
    ///
    /// Precondition: `split.validate(observationSize:)` passes.
    public convenience init(
        config: PPOConfig, split: SplitFeatureConfig, observationSize: Int, actionSize: Int, rng: inout RNG
    ) {
        do { try split.validate(observationSize: observationSize) } catch { preconditionFailure("\(error)") }
        let policy = SplitFeaturePolicy(
            observationSize: observationSize, staticSize: split.staticSize, towerSizes: split.towerSizes,
            actionSize: actionSize, initialLogStd: config.initialLogStd, rng: &rng)
        let value = valueNetwork(sizes: [observationSize] + config.hiddenSizes + [1], rng: &rng)
        let ratio = split.updateRatio
        let groups = [
            PPOParameterGroup(
                name: "dynamic tower, join, log σ, critic",
                optimizer: Adam(
                    parameters: policy.everyUpdateParameters + value.parameters, learningRate: config.learningRate,
                    epsilon: config.adamEpsilon)),
            PPOParameterGroup(
                name: "static tower",
                optimizer: Adam(
                    parameters: policy.staticParameters, learningRate: config.learningRate,
                    epsilon: config.adamEpsilon)
            ) { SplitFeatureSchedule.staticTowerIsStepped(update: $0, ratio: ratio) },
        ]
        self.init(config: config, policy: policy, value: value, groups: groups)
    }
}
