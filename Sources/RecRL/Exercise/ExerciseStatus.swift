/// What a chapter prints about one of the student's exercises: runs `check`, which calls the
/// student's function and compares it with the library, and says "agrees with the library",
/// "runs, but disagrees" (the exercise check in `swift test` says where), or, while the stub is
/// still there, "not attempted yet" with its hint.
public func exerciseStatus(_ check: () throws -> Bool) -> String {
    do {
        return try check() ? "agrees with the library" : "runs, but disagrees: see swift test"
    } catch let stub as NotAttempted {
        return "not attempted yet — \(stub.hint)"
    } catch {
        return "threw \(error)"
    }
}
