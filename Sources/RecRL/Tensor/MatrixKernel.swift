/// The one hot loop of the course: C (+)= A·B for row-major matrices.
///
/// Nearly all the time of training a network is spent here, so this is the one place that trades
/// plainness for speed, in two ways a student can read:
/// - unchecked pointers instead of array subscripts (no bounds checks in the inner loop), and
/// - register blocking: a 4×4 block of C is kept in registers (four `SIMD4<Double>`) while the
///   loop runs over the shared dimension, so each loaded element of A and B is used 4 times.
/// The library target is compiled with optimisation even in debug builds (see Package.swift), so
/// `swift run` gets the same speed as a release build. Products with a transposed operand first
/// copy that operand into row-major order (a cheap O(size) step) and then use the same kernel.
enum MatrixKernel {
    /// C[m×n] = A[m×k] · B[k×n], or C += A·B when `accumulate`.
    static func multiply(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>,
        m: Int, k: Int, n: Int, accumulate: Bool
    ) {
        if !accumulate { c.update(repeating: 0, count: m * n) }
        let fullRows = m - m % 4
        let fullCols = n - n % 4
        let braw = UnsafeRawPointer(b)
        var i = 0
        while i < fullRows {
            let a0 = a + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k
            var j = 0
            while j < fullCols {
                var c0 = SIMD4<Double>(), c1 = SIMD4<Double>(), c2 = SIMD4<Double>(), c3 = SIMD4<Double>()
                var p = 0
                while p < k {
                    let bv = braw.loadUnaligned(fromByteOffset: (p * n + j) * 8, as: SIMD4<Double>.self)
                    c0 += a0[p] * bv
                    c1 += a1[p] * bv
                    c2 += a2[p] * bv
                    c3 += a3[p] * bv
                    p += 1
                }
                addBlock(c0, into: c + i * n + j)
                addBlock(c1, into: c + (i + 1) * n + j)
                addBlock(c2, into: c + (i + 2) * n + j)
                addBlock(c3, into: c + (i + 3) * n + j)
                j += 4
            }
            i += 4
        }
        // The edges: the last m % 4 rows (all columns) and the last n % 4 columns of the full rows.
        scalarMultiply(a, b, c, rows: fullRows..<m, cols: 0..<n, k: k, n: n)
        scalarMultiply(a, b, c, rows: 0..<fullRows, cols: fullCols..<n, k: k, n: n)
    }

    @inline(__always)
    private static func addBlock(_ v: SIMD4<Double>, into c: UnsafeMutablePointer<Double>) {
        let raw = UnsafeMutableRawPointer(c)
        let old = raw.loadUnaligned(as: SIMD4<Double>.self)
        raw.storeBytes(of: old + v, as: SIMD4<Double>.self)
    }

    private static func scalarMultiply(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
        rows: Range<Int>, cols: Range<Int>, k: Int, n: Int
    ) {
        guard !cols.isEmpty else { return }
        for i in rows {
            for p in 0..<k {
                let aip = a[i * k + p]
                for j in cols { c[i * n + j] += aip * b[p * n + j] }
            }
        }
    }

    /// Row-major transpose: out[j×i] = x[i×j].
    static func transpose(_ x: UnsafePointer<Double>, rows: Int, cols: Int, into out: UnsafeMutablePointer<Double>) {
        for i in 0..<rows {
            for j in 0..<cols { out[j * rows + i] = x[i * cols + j] }
        }
    }
}

extension MatrixKernel {
    /// A·B for arrays: `a` is m×k, `b` is k×n, optionally transposed first (`a` stored k×m when
    /// `transposeA`, `b` stored n×k when `transposeB`). Adds into `c` when `accumulate`.
    static func product(
        _ a: [Double], _ b: [Double], m: Int, k: Int, n: Int,
        transposeA: Bool = false, transposeB: Bool = false,
        into c: inout [Double], accumulate: Bool = false
    ) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            if !accumulate { for i in 0..<(m * n) { c[i] = 0 } }
            return
        }
        let aRowMajor = transposeA ? transposed(a, rows: k, cols: m) : a
        let bRowMajor = transposeB ? transposed(b, rows: n, cols: k) : b
        aRowMajor.withUnsafeBufferPointer { ap in
            bRowMajor.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    multiply(
                        ap.baseAddress!, bp.baseAddress!, into: cp.baseAddress!, m: m, k: k, n: n,
                        accumulate: accumulate)
                }
            }
        }
    }

    static func transposed(_ x: [Double], rows: Int, cols: Int) -> [Double] {
        guard rows * cols > 0 else { return [] }
        return [Double](unsafeUninitializedCapacity: rows * cols) { out, initialized in
            x.withUnsafeBufferPointer { transpose($0.baseAddress!, rows: rows, cols: cols, into: out.baseAddress!) }
            initialized = rows * cols
        }
    }
}
