import ArgumentParser

/// Refuses a flag's value outside `range`, with the message form every chapter uses:
/// `--batch-size must be in 1…65536, got 0`. The upper ends keep a typo from allocating more
/// memory than a laptop has (e.g. a batch of 10⁹ rows of 91 numbers), so that a bad value is a
/// clear message, never a crash.
public func requireFlag<Value: Comparable>(_ flag: String, _ value: Value, in range: ClosedRange<Value>) throws {
    guard range.contains(value) else {
        throw ValidationError("\(flag) must be in \(range.lowerBound)…\(range.upperBound), got \(value)")
    }
}
