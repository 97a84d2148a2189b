import Foundation

/// Why a historical-log file could not be read.
public enum HistoricalLogError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notALog(path: String)
    case unsupportedVersion(path: String, found: UInt32, expected: UInt32)
    case truncated(path: String, expectedBytes: Int, gotBytes: Int)
    case corrupt(path: String, reason: String)
    /// The SHA-256 at the end of the file is not that of the bytes before it.
    case checksumMismatch(path: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read historical log \(path): \(reason)"
        case .notALog(let path): "\(path) is not a RecRL historical log (its first 8 bytes are not \"RECRLLOG\")"
        case .unsupportedVersion(let path, let found, let expected):
            "historical log \(path) has schema version \(found); this build reads versions "
                + "\(HistoricalLog.oldestReadableVersion)…\(expected) only (regenerate the log: it takes seconds)"
        case .truncated(let path, let expected, let got):
            "historical log \(path) is truncated: expected \(expected) bytes, got \(got)"
        case .corrupt(let path, let reason): "historical log \(path) is corrupt: \(reason)"
        case .checksumMismatch(let path):
            "historical log \(path) is corrupt: its SHA-256 does not match its contents (the file was changed "
                + "or damaged after it was written; regenerate it)"
        case .unwritable(let path, let reason): "cannot write historical log \(path): \(reason)"
        }
    }
}

/// The log's file format (binary, little-endian). A log without time of day is written as schema
/// version 2, byte for byte as before time of day existed; a log with one (`timeOfDay` set) as
/// version 3, which adds three header fields and the hours column. This build reads both.
///
/// Version 2:
///
///     offset  bytes    field
///     0       8        magic "RECRLLOG"
///     8       4        UInt32 schema version (2)
///     12      4        UInt32 attribute groups (11)
///     16      4        UInt32 action size (27)
///     20      4        UInt32 page cap
///     24      8        UInt64 truth seed
///     32      8        Float64 day
///     40      8        Float64 σ of the historical engine
///     48      8        UInt64 S, sessions
///     56      8        UInt64 T, pages
///     64      11·S     UInt8 customer attribute values, session-major
///             S        UInt8 session lengths
///             4·27·T   Float32 actions, page-major
///             T each   UInt8 last clicks, session clicks, page index, clicks, purchase, decision
///             32       SHA-256 of every byte before it
///
/// so a file holds exactly 64 + 12·S + 114·T + 32 bytes.
///
/// Version 3 is version 2 (with 3 at offset 8) plus, after the 64 header bytes,
///
///     64      8        Float64 a, the time-of-day amplitude
///     72      8        Float64 h*, its peak hour
///     80      8        UInt64 N, sessions per day
///     88      11·S     UInt8 customer attribute values, session-major
///             S        UInt8 session lengths
///             4·S      Float32 hours of day, one per session
///             …        the pages' columns and the SHA-256 as in version 2
///
/// so 88 + 16·S + 114·T + 32 bytes.
///
/// `save` writes a temporary file beside the
/// target and renames it over the target, so a reader never sees half a log; the SHA-256 finds a
/// file damaged later (a bit flipped in a copy), which the size alone cannot.
///
/// Version 1 (without the SHA-256) is not read: a log regenerates from its seed in seconds, so a
/// reading path for it is not worth keeping; loading one says so (as does a version above 3).
extension HistoricalLog {
    /// "RECRLLOG".
    public static let magic: [UInt8] = Array("RECRLLOG".utf8)
    /// The newest schema version this build writes and reads (3: with time of day).
    public static let schemaVersion: UInt32 = 3
    /// The version of a log without time of day (written so, and read, byte for byte as before).
    public static let untimedSchemaVersion: UInt32 = 2
    /// The oldest version this build reads.
    public static let oldestReadableVersion: UInt32 = 2
    static let headerSize = 64
    /// The header of version 3: version 2's and the time-of-day fields.
    static let timedHeaderSize = 88
    /// The SHA-256 at the end of the file.
    static let checksumSize = 32

    /// The file's bytes.
    /// Precondition: `hours` has one hour per session with a `timeOfDay` and none without.
    public func encoded() -> [UInt8] {
        precondition(
            hours.count == (timeOfDay == nil ? 0 : sessionCount),
            "a log needs one hour per session with a time of day and none without (\(hours.count) hours, "
                + "\(sessionCount) sessions, time of day \(timeOfDay == nil ? "off" : "on"))")
        var bytes: [UInt8] = []
        let timed = timeOfDay != nil
        bytes.reserveCapacity(
            (timed ? Self.timedHeaderSize + 4 * sessionCount : Self.headerSize) + 12 * sessionCount + 114 * pageCount
                + Self.checksumSize)
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        bytes += Self.magic
        put(timed ? Self.schemaVersion : Self.untimedSchemaVersion)
        put(UInt32(TaobaoLayout.groupCount))
        put(UInt32(TaobaoLayout.actionSize))
        put(UInt32(maxPages))
        put(truthSeed)
        put(day.bitPattern)
        put(sigma.bitPattern)
        put(UInt64(sessionCount))
        put(UInt64(pageCount))
        if let timeOfDay {
            put(timeOfDay.amplitude.bitPattern)
            put(timeOfDay.peakHour.bitPattern)
            put(UInt64(timeOfDay.sessionsPerDay))
        }
        bytes += customers
        bytes += sessionLengths
        if timed {
            let hourWords = hours.map { $0.bitPattern.littleEndian }
            hourWords.withUnsafeBytes { bytes += $0 }
        }
        let words = actions.map { $0.bitPattern.littleEndian }
        words.withUnsafeBytes { bytes += $0 }
        for column in [lastClicks, sessionClicks, pageIndex, clicks, purchases, decisions] { bytes += column }
        var hasher = SHA256()
        hasher.update(bytes)
        return bytes + hasher.finalize()
    }

    /// Writes the log to `path` atomically (a temporary file, then a rename).
    public func save(to path: String) throws {
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try Data(encoded()).write(to: URL(fileURLWithPath: temporary))
        } catch {
            throw HistoricalLogError.unwritable(path: path, reason: "\(error.localizedDescription)")
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw HistoricalLogError.unwritable(path: path, reason: reason)
        }
    }

    /// Reads a log written by `save`. Throws `HistoricalLogError` for a missing, foreign,
    /// wrong-version, truncated, damaged (SHA-256 mismatch) or inconsistent file.
    public static func load(from path: String) throws -> HistoricalLog {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw HistoricalLogError.unreadable(path: path, reason: error.localizedDescription)
        }
        return try decode(Array(data), path: path)
    }

    /// Parses the file's bytes (`path` names the file in error messages).
    public static func decode(_ bytes: [UInt8], path: String = "<bytes>") throws -> HistoricalLog {
        if bytes.count < magic.count || Array(bytes[0..<magic.count]) != magic {
            if bytes.count < magic.count && bytes == Array(magic[0..<bytes.count]) {
                throw HistoricalLogError.truncated(path: path, expectedBytes: headerSize, gotBytes: bytes.count)
            }
            throw HistoricalLogError.notALog(path: path)
        }
        if bytes.count < headerSize {
            throw HistoricalLogError.truncated(path: path, expectedBytes: headerSize, gotBytes: bytes.count)
        }
        func read<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
            bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
        }
        let version = read(UInt32.self, at: 8)
        guard version >= oldestReadableVersion && version <= schemaVersion else {
            throw HistoricalLogError.unsupportedVersion(path: path, found: version, expected: schemaVersion)
        }
        let timed = version >= 3
        let header = timed ? timedHeaderSize : headerSize
        if bytes.count < header {
            throw HistoricalLogError.truncated(path: path, expectedBytes: header, gotBytes: bytes.count)
        }
        let groups = read(UInt32.self, at: 12)
        let actionSize = read(UInt32.self, at: 16)
        guard groups == TaobaoLayout.groupCount && actionSize == TaobaoLayout.actionSize else {
            throw HistoricalLogError.corrupt(
                path: path, reason: "layout is \(groups) groups × \(actionSize) weights, expected 11 × 27")
        }
        let maxPages = Int(read(UInt32.self, at: 20))
        let sessions = read(UInt64.self, at: 48)
        let pages = read(UInt64.self, at: 56)
        guard sessions < 1 << 40 && pages < 1 << 40 else {
            throw HistoricalLogError.corrupt(
                path: path, reason: "implausible counts: \(sessions) sessions, \(pages) pages")
        }
        let s = Int(sessions)
        let t = Int(pages)
        let expected = header + (timed ? 16 : 12) * s + 114 * t + checksumSize
        if bytes.count < expected {
            throw HistoricalLogError.truncated(path: path, expectedBytes: expected, gotBytes: bytes.count)
        }
        if bytes.count > expected {
            throw HistoricalLogError.corrupt(
                path: path, reason: "\(bytes.count - expected) trailing bytes after \(expected) expected")
        }
        var hasher = SHA256()
        hasher.update(Array(bytes[0..<(expected - checksumSize)]))
        guard hasher.finalize() == Array(bytes[(expected - checksumSize)...]) else {
            throw HistoricalLogError.checksumMismatch(path: path)
        }
        var timeOfDay: TimeOfDay?
        if timed {
            let amplitude = Double(bitPattern: read(UInt64.self, at: 64))
            let peakHour = Double(bitPattern: read(UInt64.self, at: 72))
            let perDay = read(UInt64.self, at: 80)
            guard amplitude.isFinite && peakHour >= 0 && peakHour < 24 && perDay >= 1 && perDay < 1 << 40 else {
                throw HistoricalLogError.corrupt(
                    path: path,
                    reason: "time of day out of range: amplitude \(amplitude), peak hour \(peakHour), "
                        + "\(perDay) sessions per day")
            }
            timeOfDay = TimeOfDay(amplitude: amplitude, peakHour: peakHour, sessionsPerDay: Int(perDay))
        }
        var log = HistoricalLog(
            truthSeed: read(UInt64.self, at: 24), day: Double(bitPattern: read(UInt64.self, at: 32)),
            maxPages: maxPages, sigma: Double(bitPattern: read(UInt64.self, at: 40)), timeOfDay: timeOfDay)
        var offset = header
        func takeFloats(_ n: Int) -> [Float] {
            defer { offset += 4 * n }
            return bytes.withUnsafeBytes { raw in
                (0..<n).map { i in
                    Float(
                        bitPattern: UInt32(
                            littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4 * i, as: UInt32.self)))
                }
            }
        }
        func take(_ n: Int) -> [UInt8] {
            defer { offset += n }
            return Array(bytes[offset..<(offset + n)])
        }
        log.customers = take(11 * s)
        log.sessionLengths = take(s)
        if timed { log.hours = takeFloats(s) }
        log.actions = takeFloats(TaobaoLayout.actionSize * t)
        log.lastClicks = take(t)
        log.sessionClicks = take(t)
        log.pageIndex = take(t)
        log.clicks = take(t)
        log.purchases = take(t)
        log.decisions = take(t)
        try log.validate(path: path)
        return log
    }

    /// Checks that every value is in range and the sessions add up to the pages.
    func validate(path: String) throws {
        func fail(_ reason: String) -> HistoricalLogError { .corrupt(path: path, reason: reason) }
        for s in 0..<sessionCount {
            for g in 0..<11 where Int(customers[s * 11 + g]) >= TaobaoLayout.groupSizes[g] {
                throw fail(
                    "session \(s): attribute \(g) is \(customers[s * 11 + g]), expected < \(TaobaoLayout.groupSizes[g])"
                )
            }
        }
        let total = sessionLengths.reduce(0) { $0 + Int($1) }
        guard total == pageCount else {
            throw fail("session lengths add up to \(total) pages, header says \(pageCount)")
        }
        guard sessionLengths.allSatisfy({ $0 >= 1 && Int($0) <= maxPages }) else {
            throw fail("a session length is outside 1...\(maxPages)")
        }
        guard clicks.allSatisfy({ $0 <= 10 }) && lastClicks.allSatisfy({ $0 <= 10 }) else {
            throw fail("a page has more than 10 clicks")
        }
        guard purchases.allSatisfy({ $0 <= 1 }) && decisions.allSatisfy({ $0 <= 2 }) else {
            throw fail("a purchase flag is not 0/1 or a decision is not 0, 1 or 2")
        }
        guard actions.allSatisfy({ $0.isFinite }) else { throw fail("an action weight is not finite") }
        guard day.isFinite && sigma.isFinite else { throw fail("the day (\(day)) or σ (\(sigma)) is not finite") }
        guard hours.count == (timeOfDay == nil ? 0 : sessionCount) else {
            throw fail("\(hours.count) hours for \(sessionCount) sessions")
        }
        if let s = hours.firstIndex(where: { !($0 >= 0 && $0 < 24) }) {
            throw fail("session \(s): hour \(hours[s]) is not in [0, 24)")
        }
    }
}
