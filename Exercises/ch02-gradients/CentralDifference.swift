import RecRL

/// Exercise 2.3 — a central-difference gradient checker.
///
/// Return the numerical gradient of f at x: for each coordinate i,
/// (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, whose error shrinks like h². This is how every op of the
/// library is tested.
///
/// Check with: `swift test --filter "Exercise 2.3"`.
public func centralDifference(of f: ([Double]) -> Double, at x: [Double], h: Double = 1e-6) throws -> [Double] {
    // Replace this line with your answer.
    throw NotAttempted("copy x, nudge coordinate i by +h and by −h, evaluate f both times, divide the difference by 2h")
}
