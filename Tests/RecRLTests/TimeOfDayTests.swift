import Foundation
import Testing

@testable import RecRL

/// The evening-peak effect of the defaults: a = 0.3, h* = 21.
private let evening = TimeOfDay()

/// The R2P of the sessions of `log` whose hour lies in `hours`.
private func r2p(_ log: HistoricalLog, hours: Range<Float>) -> Double {
    let first = log.hours.firstIndex { hours.contains($0) }!
    let end = log.hours.lastIndex { hours.contains($0) }! + 1
    return log.sessions(first..<end).metrics().r2p
}

@Suite("Time of day: purchase intent by hour, the log's hours and its parts in time order")
struct TimeOfDayTests {
    /// One day of 8,000 sessions with the evening effect, and the same day without it (same seed).
    static let timed = HistoricalLog.generate(world: TaobaoWorld(timeOfDay: evening), sessions: 8000, seed: 5)
    static let untimed = HistoricalLog.generate(world: TaobaoWorld(), sessions: 8000, seed: 5)

    @Test(
        "effect off is bit-identical: the log's file bytes and the world's metrics match fingerprints taken before TimeOfDay existed"
    )
    func offIsUnchanged() {
        let log = HistoricalLog.generate(world: TaobaoWorld(), sessions: 300, seed: 11)
        #expect(log.pageCount == 1086)
        #expect(SHA256.hex(log.encoded()) == "4559a6e279bf3ba9c90c0858b74d3607072f07f5bd5b2f54fea075196c7a4219")
        #expect(log.timeOfDay == nil && log.hours.isEmpty && log.hourSpan == nil)
        let m = TaobaoWorld(reward: .purchase).evaluate(.random(), customers: 500, seed: 3)
        #expect(m.pages == 1765 && m.clicks == 1130 && m.purchases == 22 && m.totalReturn == 22)
        var world = TaobaoWorld()
        _ = world.reset()
        #expect(world.hour == nil && world.timeOfDay == nil && world.sessionsStarted == 1)
    }

    @Test(
        "the purchase logit shifts by a·cos(2π(h − h*)/24): +a at the peak, −a twelve hours later, 0 six hours either side"
    )
    func logitShift() {
        let t = TimeOfDay(amplitude: 0.3, peakHour: 21)
        #expect(abs(t.logitShift(hour: 21) - 0.3) < 1e-12)
        #expect(abs(t.logitShift(hour: 9) + 0.3) < 1e-12)
        #expect(abs(t.logitShift(hour: 3)) < 1e-12 && abs(t.logitShift(hour: 15)) < 1e-12)
        // σ(logit p + Δ): the odds p/(1 − p) are multiplied by e^Δ exactly.
        let p = 0.04
        let q = t.purchaseProbability(p, hour: 21)
        #expect(abs((q / (1 - q)) / (p / (1 - p)) - exp(0.3)) < 1e-12)
        #expect(TimeOfDay(amplitude: 0).purchaseProbability(p, hour: 7) == p)
    }

    @Test(
        "arrivals: the world's session k arrives at hour 24·(k mod N)/N; a day's log of N sessions puts session s at 24·s/N"
    )
    func arrivals() {
        var world = TaobaoWorld(timeOfDay: TimeOfDay(sessionsPerDay: 8))
        var seen: [Double] = []
        for _ in 0..<10 {
            _ = world.reset()
            seen.append(world.hour!)
        }
        #expect(seen == [0, 3, 6, 9, 12, 15, 18, 21, 0, 3])
        let log = Self.timed
        #expect(log.timeOfDay == evening.withSessionsPerDay(8000) && log.hours.count == 8000)
        #expect(log.hour(session: 0) == 0 && log.hour(session: 4000) == 12)
        #expect(abs(log.hour(session: 7999)! - 24 * 7999 / 8000.0) < 1e-5)
        #expect(zip(log.hours, log.hours.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test(
        "common random numbers: a zero amplitude draws exactly what no effect draws (same customers, actions, clicks, purchases)"
    )
    func zeroAmplitudeDrawsTheSame() {
        let flat = HistoricalLog.generate(
            world: TaobaoWorld(timeOfDay: TimeOfDay(amplitude: 0)), sessions: 500, seed: 5)
        var stripped = flat
        stripped.timeOfDay = nil
        stripped.hours = []
        #expect(stripped == HistoricalLog.generate(world: TaobaoWorld(), sessions: 500, seed: 5))
    }

    @Test(
        "parts in time order: concatenated they give back the log, sizes differ by at most one, each a valid log over its span of hours"
    )
    func parts() throws {
        for log in [Self.timed, HistoricalLog.generate(world: TaobaoWorld(), sessions: 37, seed: 2)] {
            for count in [1, 5, 12, log.sessionCount] {
                let parts = log.parts(count)
                #expect(parts.count == count)
                #expect(HistoricalLog.concatenating(parts) == log)
                let sizes = parts.map(\.sessionCount)
                #expect(sizes.max()! - sizes.min()! <= 1 && sizes.reduce(0, +) == log.sessionCount)
                for part in parts { _ = try HistoricalLog.decode(part.encoded()) }
            }
        }
        let twelve = Self.timed.parts(12)
        for (i, part) in twelve.enumerated() {
            let span = part.hourSpan!
            // Part i covers hours [2i, 2i + 2), its first session up to one session (24/N h) early.
            #expect(span.lowerBound > 2 * Double(i) - 24 / 8000.0 - 1e-4 && span.upperBound < 2 * Double(i + 1))
        }
        // The parts' metrics pool to the log's.
        let pooled = twelve.map { $0.metrics() }
        #expect(pooled.map(\.pages).reduce(0, +) == Self.timed.metrics().pages)
        #expect(pooled.map(\.purchases).reduce(0, +) == Self.timed.metrics().purchases)
    }

    @Test("preconditions: parts(0) and parts(sessions + 1) stop with a message instead of returning empty parts")
    func partsPreconditions() async {
        await #expect(processExitsWith: .failure) {
            _ = HistoricalLog.generate(world: TaobaoWorld(), sessions: 3, seed: 0).parts(0)
        }
        await #expect(processExitsWith: .failure) {
            _ = HistoricalLog.generate(world: TaobaoWorld(), sessions: 3, seed: 0).parts(4)
        }
    }

    @Test(
        "a log's metrics pool like TaobaoWorld.evaluate: R2P = pages with a purchase / pages, CTR = clicks / (10 × pages)"
    )
    func logMetrics() {
        let log = Self.untimed
        let m = log.metrics()
        let purchases = log.purchases.reduce(0) { $0 + Int($1) }
        let clicks = log.clicks.reduce(0) { $0 + Int($1) }
        #expect(m.sessions == 8000 && m.pages == log.pageCount && m.purchases == purchases && m.clicks == clicks)
        #expect(m.r2p == Double(purchases) / Double(log.pageCount))
        #expect(m.ctr == Double(clicks) / Double(10 * log.pageCount))
        #expect(m.terminated + m.truncated == 8000 && m.totalReturn == Double(purchases))
        // The random engine's level at day 0 (R2P about 0.014, CTR about 0.062).
        #expect(m.r2p > 0.010 && m.r2p < 0.018 && m.ctr > 0.055 && m.ctr < 0.07)
    }

    @Test(
        "the effect's direction: with the evening peak, the evening (18–24 h) R2P is well above the morning (6–12 h) R2P"
    )
    func eveningAboveMorning() {
        let morning = r2p(Self.timed, hours: 6..<12)
        let night = r2p(Self.timed, hours: 18..<24)
        // Expected ratio about e^{2·0.3·0.9} ≈ 1.7; sampling noise on it about ±0.25.
        #expect(night > 1.25 * morning, "evening R2P \(night), morning R2P \(morning)")
    }

    @Test(
        "the same day with and without the effect (common random numbers): the hour raises evening R2P and lowers morning R2P"
    )
    func pairedWithAndWithout() {
        #expect(r2p(Self.timed, hours: 18..<24) > Self.untimed.sessions(6000..<8000).metrics().r2p)
        #expect(r2p(Self.timed, hours: 6..<12) < Self.untimed.sessions(2000..<4000).metrics().r2p)
    }

    @Test(
        "the world's R2P by part of the day (same customers, same luck in every part): evening above morning; zero amplitude gives equal parts"
    )
    func worldByPart() {
        let world = TaobaoWorld(reward: .purchase, timeOfDay: evening)
        let morning = world.evaluate(.random(), customers: 2000, seed: 9, part: 1, of: 4)  // 6–12 h
        let night = world.evaluate(.random(), customers: 2000, seed: 9, part: 3, of: 4)  // 18–24 h
        #expect(night.r2p > 1.25 * morning.r2p, "evening R2P \(night.r2p), morning R2P \(morning.r2p)")
        // With a = 0 the hour changes nothing: every part is the untimed world, number for number.
        let flat = TaobaoWorld(reward: .purchase, timeOfDay: TimeOfDay(amplitude: 0))
        let a = flat.evaluate(.random(), customers: 500, seed: 9, part: 0, of: 4)
        #expect(a == flat.evaluate(.random(), customers: 500, seed: 9, part: 3, of: 4))
        #expect(a == TaobaoWorld(reward: .purchase).evaluate(.random(), customers: 500, seed: 9))
    }

    @Test("effect off: morning and evening R2P agree within sampling noise (no systematic time trend)")
    func noTrendWhenOff() {
        let morning = Self.untimed.sessions(2000..<4000).metrics().r2p
        let night = Self.untimed.sessions(6000..<8000).metrics().r2p
        #expect(night / morning > 0.7 && night / morning < 1.4, "evening R2P \(night), morning R2P \(morning)")
    }

    @Test(
        "file: a timed log round-trips as schema version 3 with its hours; an untimed log is still written as version 2"
    )
    func fileRoundTrip() throws {
        let log = Self.timed.sessions(0..<500)
        let bytes = log.encoded()
        #expect(bytes[8] == 3)
        #expect(bytes.count == 88 + 16 * log.sessionCount + 114 * log.pageCount + 32)
        #expect(try HistoricalLog.decode(bytes) == log)
        let path = NSTemporaryDirectory() + "recrl-tod-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try log.save(to: path)
        #expect(try HistoricalLog.load(from: path) == log)
        let old = Self.untimed.sessions(0..<500).encoded()
        #expect(old[8] == 2 && old.count == 64 + 12 * 500 + 114 * Self.untimed.sessions(0..<500).pageCount + 32)
    }

    /// `bytes` with its SHA-256 recomputed: damage the checksum cannot catch, only the value checks.
    private func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(Array(bytes.dropLast(32)))
        return Array(bytes.dropLast(32)) + hasher.finalize()
    }

    @Test(
        "bad timed files give clear errors, never a crash or a wrong log: truncated, version 4, hour out of range, bad peak hour, flipped byte"
    )
    func badFiles() throws {
        let log = Self.timed.sessions(0..<50)
        let bytes = log.encoded()
        // Truncated inside the time-of-day header and inside the hours column.
        for cut in [70, 88 + 12 * 50 + 8] {
            #expect {
                try HistoricalLog.decode(Array(bytes[0..<cut]), path: "t")
            } throws: { error in
                if case HistoricalLogError.truncated = error { return true }
                return false
            }
        }
        var damaged = bytes
        damaged[8] = 4
        #expect(throws: HistoricalLogError.unsupportedVersion(path: "v", found: 4, expected: 3)) {
            try HistoricalLog.decode(damaged, path: "v")
        }
        #expect(
            HistoricalLogError.unsupportedVersion(path: "v", found: 4, expected: 3).description.contains("2…3"))
        // Session 1's hour set to 25 (hours start after 88 + 12·S bytes).
        damaged = bytes
        withUnsafeBytes(of: Float(25).bitPattern.littleEndian) {
            damaged.replaceSubrange((88 + 12 * 50 + 4)..<(88 + 12 * 50 + 8), with: $0)
        }
        #expect {
            try HistoricalLog.decode(resealed(damaged), path: "h")
        } throws: { error in
            guard case HistoricalLogError.corrupt(_, let reason) = error else { return false }
            return reason.contains("hour 25")
        }
        // A peak hour of NaN in the header.
        damaged = bytes
        withUnsafeBytes(of: Double.nan.bitPattern.littleEndian) { damaged.replaceSubrange(72..<80, with: $0) }
        #expect {
            try HistoricalLog.decode(resealed(damaged), path: "p")
        } throws: { error in
            guard case HistoricalLogError.corrupt(_, let reason) = error else { return false }
            return reason.contains("peak hour")
        }
        // One flipped bit in the hours column without resealing: the checksum says so.
        damaged = bytes
        damaged[88 + 12 * 50 + 1] ^= 1
        #expect(throws: HistoricalLogError.checksumMismatch(path: "c")) { try HistoricalLog.decode(damaged, path: "c") }
        // A version-2 file relabelled as version 3 (no hours column): truncated or corrupt, never read.
        var relabelled = Self.untimed.sessions(0..<50).encoded()
        relabelled[8] = 3
        #expect(throws: HistoricalLogError.self) { try HistoricalLog.decode(relabelled, path: "r") }
    }
}
