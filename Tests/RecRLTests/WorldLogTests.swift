import Foundation
import Testing

@testable import RecRL

private let world = TaobaoWorld()

/// A fresh, empty directory for one test's files.
private func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "recrl-log-test-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite("Historical log")
struct WorldLogTests {
    static let log = HistoricalLog.generate(world: world, sessions: 2000, seed: 7)

    @Test("the same seed gives the same log; a different seed does not")
    func seeded() {
        #expect(HistoricalLog.generate(world: world, sessions: 2000, seed: 7) == Self.log)
        #expect(HistoricalLog.generate(world: world, sessions: 2000, seed: 8) != Self.log)
    }

    @Test("each logged session is a consistent trajectory of the random engine")
    func consistentSessions() {
        let log = Self.log
        #expect(log.sessionCount == 2000)
        #expect(log.actions.count == 27 * log.pageCount)
        #expect(log.sessionLengths.reduce(0) { $0 + Int($1) } == log.pageCount)
        let starts = log.firstPage
        for s in 0..<log.sessionCount {
            let first = starts[s]
            let n = Int(log.sessionLengths[s])
            var total = 0
            for (i, t) in (first..<(first + n)).enumerated() {
                #expect(Int(log.pageIndex[t]) == i)
                #expect(Int(log.lastClicks[t]) == (i == 0 ? 0 : Int(log.clicks[t - 1])))
                #expect(Int(log.sessionClicks[t]) == total)
                total += Int(log.clicks[t])
                #expect((log.decisions[t] == 2) == (log.purchases[t] == 1))
                if i < n - 1 { #expect(log.decisions[t] == 0) }
            }
            let last = first + n - 1
            #expect(log.decisions[last] != 0 || n == log.maxPages)
            #expect(log.observation(session: s, page: first).count == 91)
        }
        // The log's CTR is the random engine's (0.05 … 0.15) and its weights have σ ≈ 0.1.
        let ctr = Double(log.clicks.reduce(0) { $0 + Int($1) }) / Double(10 * log.pageCount)
        #expect(ctr > 0.05 && ctr < 0.15)
        let sigma = (log.actions.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(log.actions.count)).squareRoot()
        #expect(abs(sigma - 0.1) < 0.002)
    }

    @Test("a logged session replays exactly: the logged actions on the same customer give the logged clicks")
    func replay() {
        // generate() draws its world's seed as the first next() of RNG(seed:), then one customer per reset.
        var seeds = RNG(seed: 7)
        var env = TaobaoWorld(seed: seeds.next())
        let log = Self.log
        let starts = log.firstPage
        for s in 0..<50 {
            _ = env.reset()
            #expect(env.attributes == log.attributes(session: s))
            for t in starts[s]..<(starts[s] + Int(log.sessionLengths[s])) {
                let r = env.step(log.action(page: t))
                #expect(r.info.clicks == Int(log.clicks[t]))
                #expect(env.lastDecision.rawValue == Int(log.decisions[t]))
            }
        }
    }

    @Test("save then load gives the same log, and leaves no temporary file")
    func roundTrip() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/log.bin"
        try Self.log.save(to: path)
        let loaded = try HistoricalLog.load(from: path)
        #expect(loaded == Self.log)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["log.bin"])
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        #expect(size == 64 + 12 * Self.log.sessionCount + 114 * Self.log.pageCount + 32)
        // Saving again over an existing file replaces it.
        let smaller = HistoricalLog.generate(world: world, sessions: 10, seed: 1)
        try smaller.save(to: path)
        #expect(try HistoricalLog.load(from: path) == smaller)
    }

    @Test("a truncated file throws a clear 'truncated' error (in the header and in the body)")
    func truncatedFile() throws {
        let bytes = Self.log.encoded()
        #expect(
            throws: HistoricalLogError.truncated(path: "t", expectedBytes: bytes.count, gotBytes: bytes.count - 100)
        ) {
            try HistoricalLog.decode(Array(bytes.dropLast(100)), path: "t")
        }
        #expect(throws: HistoricalLogError.truncated(path: "t", expectedBytes: 64, gotBytes: 30)) {
            try HistoricalLog.decode(Array(bytes.prefix(30)), path: "t")
        }
        let error = HistoricalLogError.truncated(path: "t", expectedBytes: 64, gotBytes: 30)
        #expect(error.description.contains("truncated") && error.description.contains("64"))
    }

    @Test("a wrong magic or schema version (1, before the checksum) throws a clear error")
    func wrongMagicOrVersion() throws {
        var bytes = Self.log.encoded()
        bytes[0] = UInt8(ascii: "X")
        #expect(throws: HistoricalLogError.notALog(path: "m")) { try HistoricalLog.decode(bytes, path: "m") }
        bytes = Self.log.encoded()
        bytes[8] = 1  // version 1, little-endian
        #expect(throws: HistoricalLogError.unsupportedVersion(path: "v", found: 1, expected: 3)) {
            try HistoricalLog.decode(bytes, path: "v")
        }
        let message = HistoricalLogError.unsupportedVersion(path: "v", found: 1, expected: 3).description
        #expect(message.contains("regenerate"))
    }

    @Test("one changed byte anywhere (the header, the body, the checksum) is a checksum error, never a wrong log")
    func checksumMismatch() throws {
        let bytes = Self.log.encoded()
        // The pages' clicks column, a customer attribute, the day's lowest byte, the checksum itself:
        // each change keeps every value in range, so only the checksum can tell.
        let clicksStart = bytes.count - 32 - 3 * Self.log.pageCount
        for offset in [clicksStart, 64, 32, bytes.count - 1] {
            var damaged = bytes
            damaged[offset] ^= 1
            #expect(throws: HistoricalLogError.checksumMismatch(path: "d")) {
                try HistoricalLog.decode(damaged, path: "d")
            }
        }
        #expect(HistoricalLogError.checksumMismatch(path: "d").description.contains("SHA-256"))
    }

    /// `bytes` with its last 32 bytes replaced by the SHA-256 of the rest: a file damaged before it
    /// was sealed (a writer's bug), which the checksum cannot catch and the value checks must.
    private func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(Array(bytes.dropLast(32)))
        return Array(bytes.dropLast(32)) + hasher.finalize()
    }

    @Test("an out-of-range value, trailing bytes or a missing file throw, never crash")
    func corruptFiles() throws {
        var bytes = Self.log.encoded()
        bytes[64 + 9] = 200  // session 0's query category
        #expect {
            try HistoricalLog.decode(resealed(bytes), path: "c")
        } throws: { error in
            guard case HistoricalLogError.corrupt(_, let reason) = error else { return false }
            return reason.contains("attribute 9")
        }
        #expect {
            try HistoricalLog.decode(Self.log.encoded() + [0, 0], path: "c")
        } throws: { error in
            if case HistoricalLogError.corrupt = error { return true }
            return false
        }
        // A NaN day (header offset 32) with a valid checksum is refused as well.
        bytes = Self.log.encoded()
        withUnsafeBytes(of: Double.nan.bitPattern.littleEndian) { bytes.replaceSubrange(32..<40, with: $0) }
        #expect {
            try HistoricalLog.decode(resealed(bytes), path: "c")
        } throws: { error in
            guard case HistoricalLogError.corrupt(_, let reason) = error else { return false }
            return reason.contains("not finite")
        }
        #expect {
            try HistoricalLog.load(from: "/nonexistent/recrl/log.bin")
        } throws: { error in
            if case HistoricalLogError.unreadable = error { return true }
            return false
        }
    }
}
