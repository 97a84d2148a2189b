/// Reverse-mode automatic differentiation over the graph of `Tensor`s.
///
/// Every operation records its inputs and a `backwardStep` that applies the chain rule: given
/// ∂L/∂out (in `out.grad`), it adds ∂L/∂input = (∂out/∂input)ᵀ · ∂L/∂out into each input's `grad`.
/// `backward()` orders the graph so that a tensor's `grad` is complete before its own step runs
/// (reverse topological order), exactly as in Karpathy's micrograd.
extension Tensor {
    /// Whether operations record their inputs for `backward()`. Turned off inside
    /// `withoutGradients { … }` (PyTorch's `torch.no_grad()`), e.g. when acting in an environment.
    @TaskLocal public static var isRecording = true

    /// Runs `body` without recording the graph: faster, and nothing can be differentiated.
    public static func withoutGradients<T>(_ body: () throws -> T) rethrows -> T {
        try $isRecording.withValue(false) { try body() }
    }

    /// Back-propagates from this tensor: seeds ∂L/∂L = 1 for a 1×1 loss (or `seed` for any
    /// shape) and accumulates gradients into every tensor of the graph that requires them.
    public func backward(seed: [Double]? = nil) {
        precondition(
            requiresGrad,
            "backward(): this tensor does not depend on anything that requires a gradient "
                + "(were the parameters frozen, or was it computed inside withoutGradients?)")
        if let seed {
            precondition(seed.count == count, "backward(seed:) needs \(count) values, got \(seed.count)")
            for i in 0..<count { grad[i] += seed[i] }
        } else {
            precondition(count == 1, "backward() without a seed needs a 1×1 loss, got \(shapeText)")
            grad[0] += 1
        }
        for node in topologicalOrder().reversed() {
            node.backwardStep?(node)
        }
    }

    /// The tensors this one depends on, each after all of its parents (iterative DFS, so deep
    /// graphs cannot overflow the stack).
    func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Tensor, Bool)] = [(self, false)]
        while let (node, parentsDone) = stack.popLast() {
            if parentsDone {
                order.append(node)
                continue
            }
            guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))
            for parent in node.parents where !visited.contains(ObjectIdentifier(parent)) {
                stack.append((parent, false))
            }
        }
        return order
    }

    /// Sets `grad` back to zeros (gradients accumulate until you do).
    public func zeroGrad() {
        if grad.count != count { grad = [Double](repeating: 0, count: count) }
        for i in 0..<count { grad[i] = 0 }
    }

    /// Adds `values` (same layout as `data`) into `grad`, if this tensor takes gradients.
    func accumulateGrad(_ values: [Double]) {
        guard requiresGrad else { return }
        if grad.count != count { grad = [Double](repeating: 0, count: count) }
        values.withUnsafeBufferPointer { v in
            grad.withUnsafeMutableBufferPointer { g in
                for i in 0..<g.count { g[i] += v[i] }
            }
        }
    }
}
