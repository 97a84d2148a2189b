import Foundation
import RecRL
import Testing

/// Runs one exercise's checks and sorts the outcome into the three answers a student needs:
/// - not attempted yet: the stub still throws `NotAttempted`, so the test is cancelled (shown as
///   "was cancelled: not attempted yet — hint: …"), never failed;
/// - wrong: a worked example's `#expect` fails, saying expected vs got;
/// - passed.
///
/// CI sets `RECRL_EXPECT_SOLVED=1` while testing the reference solutions (`SOLUTIONS=1`): then a
/// stub found in place of a solution is a failure, so a check that cannot pass is caught.
func exercise(_ checks: () throws -> Void) throws {
    do {
        try checks()
    } catch let stub as NotAttempted {
        if ProcessInfo.processInfo.environment["RECRL_EXPECT_SOLVED"] == "1" {
            Issue.record("expected a solved exercise (SOLUTIONS=1), but the stub is still there: \(stub)")
        } else {
            try Test.cancel("\(stub)")
        }
    }
}

/// `got` and `want` agree entry by entry within `tolerance`; the message says which entry differs.
func expectClose(
    _ got: [Double], _ want: [Double], tolerance: Double, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard got.count == want.count else {
        Issue.record("\(what): expected \(want.count) values, got \(got.count)", sourceLocation: sourceLocation)
        return
    }
    for (i, (g, w)) in zip(got, want).enumerated() where !(abs(g - w) <= tolerance) {
        Issue.record("\(what): entry \(i): expected \(w), got \(g)", sourceLocation: sourceLocation)
        return
    }
}
