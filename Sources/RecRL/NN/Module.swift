/// Anything with learnable parameters: a layer, a network, an actor-critic pair.
///
/// A module lists its parameters with names, in a fixed order, like PyTorch's
/// `named_parameters()`: a `Linear` has "weight" and "bias"; an `MLP` prefixes each layer's names
/// with the layer's index, so its first layer's weight is "0.weight". The names are what
/// `save(to:)` writes and `load(from:)` checks; the order is what optimisers and
/// `softUpdate(from:rho:)` rely on.
///
/// Parameters are `Tensor`s (reference types): a module hands out the very tensors it computes
/// with, so an optimiser that writes into `parameters[i].data` changes the module.
public protocol Module {
    /// The parameters, each with its name, in a fixed order.
    var namedParameters: [(name: String, tensor: Tensor)] { get }
}

extension Module {
    /// The parameter tensors, in the order of `namedParameters` (what optimisers take).
    public var parameters: [Tensor] { namedParameters.map(\.tensor) }

    /// The names of the parameters, in order.
    public var parameterNames: [String] { namedParameters.map(\.name) }

    /// The total number of learnable numbers.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// The parameters with `prefix.` in front of each name: how a module inside another names its
    /// parameters (`MLP` uses the layer index, so "weight" of layer 0 becomes "0.weight").
    public func namedParameters(prefixedBy prefix: String) -> [(name: String, tensor: Tensor)] {
        namedParameters.map { (name: prefix + "." + $0.name, tensor: $0.tensor) }
    }

    /// Stops gradients flowing into the parameters (`requiresGrad = false`), e.g. the critic while
    /// the actor is updated through it, or a target network. Optimisers skip frozen parameters.
    public func freeze() {
        for p in parameters { p.requiresGrad = false }
    }

    /// Lets gradients flow into the parameters again (`requiresGrad = true`).
    public func unfreeze() {
        for p in parameters {
            p.requiresGrad = true
            if p.grad.count != p.count { p.zeroGrad() }
        }
    }

    /// Whether every parameter is frozen.
    public var isFrozen: Bool { parameters.allSatisfy { !$0.requiresGrad } }

    /// Sets every parameter's gradient to zero (gradients accumulate over `backward()` calls).
    public func zeroGrad() {
        for p in parameters { p.zeroGrad() }
    }
}
