/// Something that updates parameters from their gradients: `SGD`, `Adam`.
///
/// The training step of every chapter is
///
///     optimizer.zeroGrad()
///     let loss = …            // forward
///     loss.backward()         // fills each parameter's grad
///     optimizer.step()        // writes new values into each parameter's data
///
/// Parameters whose `requiresGrad` is false (frozen) are skipped, as PyTorch skips parameters
/// whose `.grad` is None.
public protocol Optimizer: AnyObject {
    /// The parameters being updated, in a fixed order.
    var parameters: [Tensor] { get }
    /// The step size; a schedule may change it between steps (see `LinearSchedule`).
    var learningRate: Double { get set }
    /// One update of every (unfrozen) parameter from its current gradient.
    func step()
}

extension Optimizer {
    /// Sets every parameter's gradient to zero; call it before each `backward()`.
    public func zeroGrad() {
        for p in parameters { p.zeroGrad() }
    }

    /// Whether `p` takes part in a step: it is not frozen and has a gradient buffer.
    func isTrainable(_ p: Tensor) -> Bool { p.requiresGrad && p.grad.count == p.count }
}
