/// What an exercise stub throws until the student replaces it with an answer.
///
/// `swift test` reports a stub that throws this as "not attempted yet" with the hint, instead of
/// crashing or failing: see `Tests/ExerciseChecks/ExerciseCheck.swift`.
public struct NotAttempted: Error, CustomStringConvertible {
    /// One line pointing the student at the idea they need.
    public let hint: String

    public init(_ hint: String) { self.hint = hint }

    public var description: String { "not attempted yet — hint: \(hint)" }
}
