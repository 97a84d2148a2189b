/// Central-difference gradient checking: the test that an analytic gradient is right.
///
/// For a function f of some input tensors, form the scalar L = Σ w ⊙ f(x) with fixed random
/// weights w (so every output element gets a different upstream gradient), compute ∂L/∂x by
/// `backward()`, and compare each entry with the numerical derivative
///
///     ∂L/∂xᵢ ≈ (L(x + h eᵢ) − L(x − h eᵢ)) / 2h,
///
/// whose truncation error is O(h²) and whose rounding error is about ε·|L|/h. The reported error of
/// an entry is |analytic − numeric| / max(|analytic|, |numeric|, 1): relative for gradients larger
/// than 1, absolute for smaller ones (a relative error of a gradient near 0 measures only rounding).
/// In Double with h = 1e-5 a correct backward gives errors around 1e-9; a wrong one gives errors
/// of the size of the gradient itself.
public enum GradientCheck {
    /// The largest error over all entries of all `inputs` (which must require gradients).
    public static func maxError(
        of f: () -> Tensor, wrt inputs: [Tensor], h: Double = 1e-5, seed: UInt64 = 0
    ) -> Double {
        var rng = RNG(seed: seed)
        let probe = f()
        let weights = Tensor.uniform(probe.rows, probe.cols, low: -1, high: 1, rng: &rng)
        func loss() -> Tensor { (f() * weights).sum() }

        for x in inputs { x.zeroGrad() }
        loss().backward()
        var worst = 0.0
        for x in inputs {
            precondition(x.requiresGrad, "GradientCheck: every input must require gradients")
            let analytic = x.grad
            for i in 0..<x.count {
                let saved = x.data[i]
                x.data[i] = saved + h
                let plus = Tensor.withoutGradients { loss().scalar }
                x.data[i] = saved - h
                let minus = Tensor.withoutGradients { loss().scalar }
                x.data[i] = saved
                let numeric = (plus - minus) / (2 * h)
                let error = Swift.abs(analytic[i] - numeric) / max(Swift.abs(analytic[i]), Swift.abs(numeric), 1)
                worst = max(worst, error)
            }
        }
        return worst
    }
}
