/// Clips gradients by their global norm, as `torch.nn.utils.clip_grad_norm_`:
///
///     n = √(Σ over all parameters and entries of g²)
///     if n > maxNorm:  g ← g · maxNorm / (n + 1e-6)
///
/// All gradients are scaled by one factor, so the direction of the step is kept and only its
/// length is limited (PPO clips to 0.5). Returns n, the norm *before* clipping, which is worth
/// logging. Frozen parameters are left out. The 1e-6 is PyTorch's guard against dividing by 0,
/// so a clipped norm is a hair under maxNorm.
@discardableResult
public func clipGradientNorm(_ parameters: [Tensor], maxNorm: Double) -> Double {
    precondition(maxNorm > 0, "clipGradientNorm: maxNorm must be positive, got \(maxNorm)")
    let trainable = parameters.filter { $0.requiresGrad && $0.grad.count == $0.count }
    var sumOfSquares = 0.0
    for p in trainable {
        for g in p.grad { sumOfSquares += g * g }
    }
    let norm = sumOfSquares.squareRoot()
    let scale = maxNorm / (norm + 1e-6)
    if scale < 1 {
        for p in trainable {
            for i in 0..<p.count { p.grad[i] *= scale }
        }
    }
    return norm
}
