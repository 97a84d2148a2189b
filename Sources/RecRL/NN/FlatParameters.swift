/// A list of parameter tensors seen as one vector θ (their entries one after the other, in order):
/// what second-order methods (TRPO's conjugate gradient and line search) work with.
///
///     let flat = FlatParameters(policy.parameters)
///     let theta = flat.values          // θ
///     flat.values = theta + step       // writes back into the tensors
public struct FlatParameters {
    /// The tensors, in order.
    public let tensors: [Tensor]

    public init(_ tensors: [Tensor]) { self.tensors = tensors }

    /// The length of θ.
    public var count: Int { tensors.reduce(0) { $0 + $1.count } }

    /// θ, read from or written into the tensors' `data`.
    public var values: [Double] {
        get { tensors.flatMap(\.data) }
        nonmutating set {
            precondition(newValue.count == count, "FlatParameters: \(newValue.count) values for \(count) parameters")
            var offset = 0
            for tensor in tensors {
                tensor.data = Array(newValue[offset..<(offset + tensor.count)])
                offset += tensor.count
            }
        }
    }

    /// The tensors' gradients, one vector in the same order (zeros for a tensor without one).
    public var gradients: [Double] {
        tensors.flatMap { $0.grad.count == $0.count ? $0.grad : [Double](repeating: 0, count: $0.count) }
    }

    /// Sets every gradient to zero.
    public func zeroGrad() {
        for tensor in tensors { tensor.zeroGrad() }
    }
}
