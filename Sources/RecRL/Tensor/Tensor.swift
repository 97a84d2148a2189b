import Foundation

/// A matrix of `Double`s that remembers how it was made, so gradients can flow back through it.
///
/// Every tensor in the course is two-dimensional: `rows × cols`, stored row-major in `data`
/// (element (i, j) is `data[i * cols + j]`). A batch puts one example per row and one feature
/// per column; a scalar loss is 1×1; a single vector is 1×n. Keeping one rank means one
/// broadcasting rule to learn (see `Ops+Elementwise.swift`) and no silent [B]-vs-[B, 1] surprises.
///
/// Like micrograd's `Value`, but for matrices: each operation returns a new tensor that keeps its
/// `parents` and a `backwardStep` closure; `backward()` (in `Autodiff.swift`) walks that graph
/// in reverse topological order and accumulates `grad`.
public final class Tensor {
    public let rows: Int
    public let cols: Int
    /// The values, row-major. Optimisers update parameters by writing here.
    public var data: [Double]
    /// ∂loss/∂data, same layout as `data`; accumulates over `backward()` calls until `zeroGrad()`.
    public var grad: [Double]
    /// Whether gradients flow into this tensor. Parameters set it; frozen parameters clear it.
    public var requiresGrad: Bool {
        didSet {
            if requiresGrad && grad.count != count { grad = [Double](repeating: 0, count: count) }
        }
    }
    /// An optional label for error messages and saved files.
    public var name: String?

    /// The tensors this one was computed from (empty for leaves).
    let parents: [Tensor]
    /// Given this tensor (with its `grad` filled in), adds the chain-rule terms into the parents'
    /// `grad`s. `nil` for leaves and for results computed without recording.
    let backwardStep: ((Tensor) -> Void)?

    /// `[rows, cols]`.
    public var shape: [Int] { [rows, cols] }
    /// rows × cols.
    public var count: Int { rows * cols }

    /// A leaf tensor from row-major values.
    public init(rows: Int, cols: Int, data: [Double], requiresGrad: Bool = false, name: String? = nil) {
        precondition(rows >= 0 && cols >= 0, "Tensor shape must be non-negative, got [\(rows), \(cols)]")
        precondition(
            data.count == rows * cols,
            "Tensor [\(rows), \(cols)] needs \(rows * cols) values, got \(data.count)")
        _ = AllocatorTuning.applied  // every computation starts from a leaf, so this runs first
        self.rows = rows
        self.cols = cols
        self.data = data
        self.requiresGrad = requiresGrad
        self.grad = requiresGrad ? [Double](repeating: 0, count: rows * cols) : []
        self.name = name
        self.parents = []
        self.backwardStep = nil
    }

    /// The result of an operation. It records its parents and backward step only while
    /// gradients are being recorded and some parent needs a gradient.
    init(rows: Int, cols: Int, data: [Double], parents: [Tensor], backwardStep: @escaping (Tensor) -> Void) {
        let record = Tensor.isRecording && parents.contains { $0.requiresGrad }
        self.rows = rows
        self.cols = cols
        self.data = data
        self.requiresGrad = record
        self.grad = record ? [Double](repeating: 0, count: rows * cols) : []
        self.name = nil
        self.parents = record ? parents : []
        self.backwardStep = record ? backwardStep : nil
    }

    /// Element (i, j).
    public subscript(i: Int, j: Int) -> Double {
        get { data[i * cols + j] }
        set { data[i * cols + j] = newValue }
    }

    /// The single value of a 1×1 tensor (a loss, a mean).
    public var scalar: Double {
        precondition(count == 1, "scalar needs a 1×1 tensor, got \(shapeText)")
        return data[0]
    }

    /// Row i as an array.
    public func row(_ i: Int) -> [Double] { Array(data[(i * cols)..<((i + 1) * cols)]) }

    /// "[rows, cols]", for messages.
    public var shapeText: String { "[\(rows), \(cols)]" }
}

// MARK: - Creation

extension Tensor {
    /// A rows×cols tensor of zeros.
    public static func zeros(_ rows: Int, _ cols: Int, requiresGrad: Bool = false) -> Tensor {
        Tensor(rows: rows, cols: cols, data: [Double](repeating: 0, count: rows * cols), requiresGrad: requiresGrad)
    }

    /// A rows×cols tensor of ones.
    public static func ones(_ rows: Int, _ cols: Int, requiresGrad: Bool = false) -> Tensor {
        Tensor(rows: rows, cols: cols, data: [Double](repeating: 1, count: rows * cols), requiresGrad: requiresGrad)
    }

    /// A rows×cols tensor filled with `value`.
    public static func full(_ rows: Int, _ cols: Int, _ value: Double) -> Tensor {
        Tensor(rows: rows, cols: cols, data: [Double](repeating: value, count: rows * cols))
    }

    /// A 1×1 tensor (a constant in an expression).
    public static func scalar(_ value: Double) -> Tensor { Tensor(rows: 1, cols: 1, data: [value]) }

    /// A 1×n row vector.
    public static func row(_ values: [Double], requiresGrad: Bool = false) -> Tensor {
        Tensor(rows: 1, cols: values.count, data: values, requiresGrad: requiresGrad)
    }

    /// A tensor from nested rows, e.g. `Tensor([[1, 2], [3, 4]])`. All rows must have one length.
    public convenience init(_ rowsOfValues: [[Double]], requiresGrad: Bool = false) {
        let cols = rowsOfValues.first?.count ?? 0
        precondition(
            rowsOfValues.allSatisfy { $0.count == cols },
            "Tensor(_:) needs rows of equal length, got lengths \(rowsOfValues.map(\.count))")
        self.init(rows: rowsOfValues.count, cols: cols, data: rowsOfValues.flatMap { $0 }, requiresGrad: requiresGrad)
    }

    /// i.i.d. N(mean, std²) entries from `rng`.
    public static func normal(
        _ rows: Int, _ cols: Int, mean: Double = 0, std: Double = 1, rng: inout RNG, requiresGrad: Bool = false
    ) -> Tensor {
        var values = [Double](repeating: 0, count: rows * cols)
        for i in values.indices { values[i] = rng.normal(mean: mean, std: std) }
        return Tensor(rows: rows, cols: cols, data: values, requiresGrad: requiresGrad)
    }

    /// i.i.d. U[low, high) entries from `rng`.
    public static func uniform(
        _ rows: Int, _ cols: Int, low: Double = 0, high: Double = 1, rng: inout RNG, requiresGrad: Bool = false
    ) -> Tensor {
        var values = [Double](repeating: 0, count: rows * cols)
        for i in values.indices { values[i] = rng.uniform(low, high) }
        return Tensor(rows: rows, cols: cols, data: values, requiresGrad: requiresGrad)
    }

    /// A new leaf with the same values and no history (PyTorch's `detach()`): gradients stop here.
    public func detached() -> Tensor { Tensor(rows: rows, cols: cols, data: data) }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = (0..<min(rows, 6)).map { i in
            "  [" + row(i).prefix(8).map { String(format: "%.4f", $0) }.joined(separator: ", ")
                + (cols > 8 ? ", …" : "") + "]"
        }
        return "Tensor \(shapeText)\n" + shown.joined(separator: "\n") + (rows > 6 ? "\n  …" : "")
    }
}
