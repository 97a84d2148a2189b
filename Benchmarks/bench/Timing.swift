import Foundation

/// Runs `body` repeatedly for at least `seconds` (after one warm-up call) and returns calls per second.
func callsPerSecond(minimumSeconds seconds: Double = 1.0, _ body: () -> Void) -> Double {
    body()
    var calls = 0
    let start = DispatchTime.now().uptimeNanoseconds
    var elapsed = 0.0
    while elapsed < seconds {
        body()
        calls += 1
        elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
    return Double(calls) / elapsed
}

/// Seconds of wall clock since an arbitrary start (a monotonic clock): every figure of the bench
/// is measured with it, so that they compare with the peers' wall-clock figures.
func wallSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}
