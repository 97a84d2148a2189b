import RecRL

/// Exercise 2.3 — a central-difference gradient checker (reference solution).
public func centralDifference(of f: ([Double]) -> Double, at x: [Double], h: Double = 1e-6) throws -> [Double] {
    x.indices.map { i in
        var plus = x, minus = x
        plus[i] += h
        minus[i] -= h
        return (f(plus) - f(minus)) / (2 * h)
    }
}
