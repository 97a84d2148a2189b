import RecRL

/// GFLOP/s of the library's matmul (forward only) at the shapes of the course's networks:
/// a batch of 64 observations into the first layer, a hidden layer at batch 64, and at batch 2048,
/// and one observation into the first layer (a policy acting in one environment).
/// `RECRL_PORTABLE_KERNEL=1` measures the portable Swift kernel instead of the AVX2+FMA one.
func benchMatmul() -> [(String, Double)] {
    var rng = RNG(seed: 0)
    return [(64, 91, 128), (64, 128, 128), (2048, 128, 128), (1, 91, 128)].map { m, k, n in
        let a = Tensor.normal(m, k, rng: &rng), b = Tensor.normal(k, n, rng: &rng)
        let rate = callsPerSecond { _ = Tensor.withoutGradients { a.matmul(b) } }
        return ("matmul [\(m)×\(k)]·[\(k)×\(n)] GFLOP/s", rate * 2 * Double(m * k * n) / 1e9)
    }
}
