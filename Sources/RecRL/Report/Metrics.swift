import Foundation

/// One value of `metrics.json`: a number, a text, or a list of numbers (e.g. a learning curve).
public enum MetricValue: Sendable, Equatable, Codable {
    case number(Double)
    case text(String)
    case numbers([Double])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let x = try? container.decode(Double.self) {
            self = .number(x)
        } else if let xs = try? container.decode([Double].self) {
            self = .numbers(xs)
        } else if let s = try? container.decode(String.self) {
            self = .text(s)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a number, a string or an array of numbers")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let x): try container.encode(x)
        case .text(let s): try container.encode(s)
        case .numbers(let xs): try container.encode(xs)
        }
    }
}

extension MetricValue: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral,
    ExpressibleByArrayLiteral
{
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(arrayLiteral elements: Double...) { self = .numbers(elements) }
}

/// The machine-readable summary of a chapter run, written as `metrics.json` beside its report:
/// one flat JSON object, keys sorted, so runs can be compared with a diff or a script.
///
///     var metrics = Metrics()
///     metrics["seed"] = 42
///     metrics["final_ctr"] = .number(ctr)
///     metrics["curve"] = .numbers(curve)
///     try metrics.write(to: directory.appendingPathComponent("metrics.json"))
///
/// Non-finite numbers are written as the strings "NaN", "Infinity", "-Infinity" (JSON has no
/// such numbers) and read back as numbers.
public struct Metrics: Sendable, Equatable, Codable {
    public var values: [String: MetricValue]

    public init(_ values: [String: MetricValue] = [:]) { self.values = values }

    public subscript(key: String) -> MetricValue? {
        get { values[key] }
        set { values[key] = newValue }
    }

    public init(from decoder: Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: MetricValue].self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }

    private static let nonFinite = (positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")

    /// The JSON text: pretty-printed, keys sorted, ending with a newline.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: Metrics.nonFinite.positiveInfinity, negativeInfinity: Metrics.nonFinite.negativeInfinity,
            nan: Metrics.nonFinite.nan)
        // Encoding a dictionary of numbers, strings and number arrays cannot fail.
        let data = try! encoder.encode(self)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Writes `json()` atomically.
    public func write(to url: URL) throws { try AtomicFile.write(json(), to: url) }

    /// Reads a `metrics.json`; throws `ReportError` naming the file when it is missing or is not
    /// a flat JSON object of numbers, strings and number arrays.
    public static func read(from url: URL) throws -> Metrics {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ReportError.badFile(path: url.path, reason: "cannot read it (\(error.localizedDescription))")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: nonFinite.positiveInfinity, negativeInfinity: nonFinite.negativeInfinity,
            nan: nonFinite.nan)
        do { return try decoder.decode(Metrics.self, from: data) } catch {
            throw ReportError.badFile(
                path: url.path, reason: "expected a JSON object of numbers, strings and number arrays (\(error))")
        }
    }
}
