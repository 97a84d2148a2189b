import Dispatch
import Foundation
import MatrixKernelC

/// The one hot loop of the course: C (+)= A·B for row-major matrices.
///
/// Most of the time of training a network is spent here, so this is one of the two places that
/// trade plainness for speed (`VectorMath`, for exp, tanh and Adam, is the other). There are three
/// kernels, and `MatrixKernel.path` says which one runs:
///
/// - `.avx512` — on x86-64 machines whose CPU has AVX-512F (checked at run time): a C kernel
///   (`Sources/MatrixKernelC`) using 8-wide Double vectors and fused multiply-add. On the course's
///   machine (AMD Zen 5, which runs 512-bit FMAs at full width) it is about 2× the AVX2 kernel at
///   the shapes of the course's networks: 67–108 against 32–53 GFLOP/s at [64×91]·[91×128],
///   [64×128]·[128×128] and [2048×128]·[128×128] on one core (the bench's matmul lines, interleaved
///   runs on the shared machine; `RECRL_NO_AVX512=1 RECRL_THREADS=1` times the AVX2 kernel).
/// - `.avx2FMA` — on x86-64 machines with AVX2 and FMA but not AVX-512: the same C kernel with
///   4-wide vectors, about 3× the portable kernel here. The two C kernels give the same numbers bit
///   for bit (the same chain of FMAs for every entry), so a machine with AVX-512 reproduces the
///   figures of one without it. Only those C functions are compiled for their instruction sets,
///   so the package still builds and runs on any x86-64 with no flags.
/// - `.portable` — everywhere else (x86-64 without AVX2, arm64 where NEON is baseline), or when the
///   environment variable `RECRL_PORTABLE_KERNEL=1` asks for it: the Swift kernel below, which is
///   also the readable reference for what the C kernels do.
///
/// The Swift kernel uses two ideas a student can read:
/// - unchecked pointers instead of array subscripts (no bounds checks in the inner loop), and
/// - register blocking: a 4×4 block of C is kept in registers (four `SIMD4<Double>`) while the
///   loop runs over the shared dimension, so each loaded element of A and B is used 4 times. The
///   last m mod 4 rows (e.g. one observation) go one row at a time, 16 columns in registers.
///
/// Every kernel computes every entry the same way whatever the shape and the blocking:
/// acc = 0; acc += A[i,p]·B[p,j] for p = 0, 1, …, k−1; C[i,j] = acc (or C[i,j] + acc). A fixed
/// summation order: results are identical run to run, and a row of A·B does not depend on the
/// other rows of A (acting on one observation gives the same numbers as in a batch). The portable
/// path may differ from the C ones in the last bits (FMA rounds a·b + acc once, the portable kernel
/// twice).
///
/// Large products run on several cores (`threads`, see `rowParts`): C's rows are split into one
/// part per core, each part computed by the same kernel. Because a row of C depends only on its
/// row of A — the reduction dimension is never split — the result is bit for bit the one-core
/// result, whatever the number of cores.
///
/// The library target (and the C target) are compiled with optimisation even in debug builds (see
/// Package.swift), so `swift run` gets the same speed as a release build.
enum MatrixKernel {
    /// Which kernel computes a product.
    enum Path: Sendable, CaseIterable {
        /// The C kernel for x86-64 CPUs with AVX-512F.
        case avx512
        /// The C kernel for x86-64 CPUs with AVX2 and FMA.
        case avx2FMA
        /// The Swift kernel in this file: runs on every CPU.
        case portable
    }

    /// The kernel products use: the widest this CPU has, unless `RECRL_PORTABLE_KERNEL=1` (the Swift
    /// kernel) or `RECRL_NO_AVX512=1` (the AVX2+FMA kernel on an AVX-512 machine, e.g. to time it).
    static let path: Path = selectPath(
        environment: ProcessInfo.processInfo.environment, cpuHasAVX2FMA: cpuHasAVX2FMA, cpuHasAVX512: cpuHasAVX512)

    /// Whether this CPU (x86-64 only) runs AVX2 and FMA instructions.
    static let cpuHasAVX2FMA: Bool = recrl_kernel_has_avx2_fma() != 0

    /// Whether this CPU (x86-64 only) runs AVX-512F instructions.
    static let cpuHasAVX512: Bool = recrl_kernel_has_avx512() != 0

    /// The kernels that can run on this machine (the portable one always can).
    static var availablePaths: [Path] {
        (cpuHasAVX512 ? [.avx512] : []) + (cpuHasAVX2FMA ? [.avx2FMA] : []) + [.portable]
    }

    /// The choice behind `path`: the widest kernel the CPU has, unless `RECRL_PORTABLE_KERNEL` or
    /// `RECRL_NO_AVX512` is "1".
    static func selectPath(environment: [String: String], cpuHasAVX2FMA: Bool, cpuHasAVX512: Bool) -> Path {
        if environment["RECRL_PORTABLE_KERNEL"] == "1" { return .portable }
        if cpuHasAVX512 && environment["RECRL_NO_AVX512"] != "1" { return .avx512 }
        return cpuHasAVX2FMA ? .avx2FMA : .portable
    }

    // MARK: Cores

    /// How many cores large products use: the machine's (`activeProcessorCount`), or
    /// `RECRL_THREADS` when it is set to a positive number (`RECRL_THREADS=1`: one core).
    static let threads: Int = selectThreads(
        environment: ProcessInfo.processInfo.environment, cores: ProcessInfo.processInfo.activeProcessorCount)

    /// The choice behind `threads`.
    static func selectThreads(environment: [String: String], cores: Int) -> Int {
        if let text = environment["RECRL_THREADS"], let wanted = Int(text), wanted >= 1 { return min(wanted, 64) }
        return max(1, cores)
    }

    /// Below this many multiply-adds (m·k·n) a product stays on one core: handing a part to a
    /// second thread costs microseconds to wake it, and on a machine whose other core is busy with
    /// someone else's job the caller may wait a whole time slice for it. 2²⁴ lets the batch-2,048
    /// products of chapter 6 ([2048×128]·[128×128] is 2²⁵) use both cores, and keeps the
    /// minibatch products (at most [128×256]·[256×128] = 2²², ≈ 100 µs) on one. Measured: at 2²⁰
    /// two cores were slower than one at [64×128]·[128×128] (59–64 against 82 GFLOP/s); at 2²²
    /// the PPO update phase at minibatch 256 fell by up to half while the other core was busy.
    static let parallelThreshold = 1 << 24

    /// C's rows split into one part per thread (each a multiple of 6 rows, the C kernels' block
    /// height, except the last), or one part when the product is small.
    static func rowParts(m: Int, k: Int, n: Int, threads: Int) -> [Range<Int>] {
        let parts = min(threads, m / 12)
        guard parts > 1, m * k * n >= parallelThreshold else { return [0..<m] }
        let blocks = (m + 5) / 6
        return (0..<parts).map { part in
            min(m, 6 * (blocks * part / parts))..<min(m, 6 * (blocks * (part + 1) / parts))
        }
    }

    /// Runs `body` once for each part of C's rows: on the calling thread when there is one part,
    /// else on `parts.count` threads at once (Dispatch's `concurrentPerform`), returning when all
    /// are done. The parts write disjoint rows of C.
    static func forEachPart(_ parts: [Range<Int>], _ body: @Sendable (Range<Int>) -> Void) {
        if parts.count == 1 {
            body(parts[0])
        } else {
            DispatchQueue.concurrentPerform(iterations: parts.count) { body(parts[$0]) }
        }
    }

    /// A product's three matrices, handed to the threads of `forEachPart`. Unchecked: the
    /// threads only read A and B, and each writes its own rows of C.
    struct Operands: @unchecked Sendable {
        let a: UnsafePointer<Double>
        let b: UnsafePointer<Double>
        let c: UnsafeMutablePointer<Double>
    }

    // MARK: Products

    /// C[m×n] = A[m×k] · B[k×n], or C += A·B when `accumulate`; A stored k×m when `transposeA`
    /// (the C kernels only). Large products are split by rows over `threads` cores.
    static func multiply(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>,
        m: Int, k: Int, n: Int, transposeA: Bool = false, accumulate: Bool, path: Path = path,
        threads: Int = threads
    ) {
        let parts = rowParts(m: m, k: k, n: n, threads: threads)
        let operands = Operands(a: a, b: b, c: c)
        switch path {
        case .avx512, .avx2FMA:
            let kernel: Int32
            if path == .avx512 {
                precondition(cpuHasAVX512, "MatrixKernel: the AVX-512 kernel was asked for on a CPU without it")
                kernel = Int32(RECRL_KERNEL_AVX512)
            } else {
                precondition(cpuHasAVX2FMA, "MatrixKernel: the AVX2+FMA kernel was asked for on a CPU without it")
                kernel = Int32(RECRL_KERNEL_AVX2_FMA)
            }
            forEachPart(parts) { rows in
                recrl_multiply_rows(
                    kernel, operands.a, operands.b, operands.c, m, k, n, transposeA ? 1 : 0, accumulate ? 1 : 0,
                    rows.lowerBound, rows.upperBound)
            }
        case .portable:
            precondition(!transposeA, "MatrixKernel.multiply: the portable kernel reads A row-major only")
            forEachPart(parts) { rows in
                portableMultiply(
                    operands.a + rows.lowerBound * k, operands.b, into: operands.c + rows.lowerBound * n, m: rows.count,
                    k: k, n: n,
                    accumulate: accumulate)
            }
        }
    }

    /// The Swift kernel: rows 4 at a time (4×4 blocks of C in registers), then one at a time.
    static func portableMultiply(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>,
        m: Int, k: Int, n: Int, accumulate: Bool
    ) {
        if !accumulate { c.update(repeating: 0, count: m * n) }
        var i = 0
        while i + 4 <= m {
            fourRows(a + i * k, b, into: c + i * n, k: k, n: n)
            i += 4
        }
        while i < m {
            oneRow(a + i * k, b, into: c + i * n, k: k, n: n)
            i += 1
        }
    }

    /// C[0..<4, 0..<n] += A[0..<4, 0..<k] · B: 4×4 blocks of C in four `SIMD4<Double>`, then the
    /// last n mod 4 columns one entry at a time.
    private static func fourRows(
        _ a0: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>, k: Int, n: Int
    ) {
        let a1 = a0 + k, a2 = a1 + k, a3 = a2 + k
        let braw = UnsafeRawPointer(b)
        var j = 0
        while j + 4 <= n {
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
            addBlock(c0, into: c + j)
            addBlock(c1, into: c + n + j)
            addBlock(c2, into: c + 2 * n + j)
            addBlock(c3, into: c + 3 * n + j)
            j += 4
        }
        for row in 0..<4 {
            entries(a0 + row * k, b, into: c + row * n, columns: j..<n, k: k, n: n)
        }
    }

    /// C[0, 0..<n] += A[0, 0..<k] · B: 16 columns of C in four `SIMD4<Double>` (four independent
    /// sums keep the adders busy), then 4 columns, then the last n mod 4 one entry at a time.
    private static func oneRow(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>, k: Int, n: Int
    ) {
        let braw = UnsafeRawPointer(b)
        var j = 0
        while j + 16 <= n {
            var c0 = SIMD4<Double>(), c1 = SIMD4<Double>(), c2 = SIMD4<Double>(), c3 = SIMD4<Double>()
            for p in 0..<k {
                let row = (p * n + j) * 8
                let ap = a[p]
                c0 += ap * braw.loadUnaligned(fromByteOffset: row, as: SIMD4<Double>.self)
                c1 += ap * braw.loadUnaligned(fromByteOffset: row + 32, as: SIMD4<Double>.self)
                c2 += ap * braw.loadUnaligned(fromByteOffset: row + 64, as: SIMD4<Double>.self)
                c3 += ap * braw.loadUnaligned(fromByteOffset: row + 96, as: SIMD4<Double>.self)
            }
            addBlock(c0, into: c + j)
            addBlock(c1, into: c + j + 4)
            addBlock(c2, into: c + j + 8)
            addBlock(c3, into: c + j + 12)
            j += 16
        }
        while j + 4 <= n {
            var c0 = SIMD4<Double>()
            for p in 0..<k {
                c0 += a[p] * braw.loadUnaligned(fromByteOffset: (p * n + j) * 8, as: SIMD4<Double>.self)
            }
            addBlock(c0, into: c + j)
            j += 4
        }
        entries(a, b, into: c, columns: j..<n, k: k, n: n)
    }

    /// C[0, j] += Σₚ A[0, p]·B[p, j] for the given columns, one entry at a time.
    private static func entries(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>,
        columns: Range<Int>, k: Int, n: Int
    ) {
        for j in columns {
            var sum = 0.0
            for p in 0..<k { sum += a[p] * b[p * n + j] }
            c[j] += sum
        }
    }

    @inline(__always)
    private static func addBlock(_ v: SIMD4<Double>, into c: UnsafeMutablePointer<Double>) {
        let raw = UnsafeMutableRawPointer(c)
        let old = raw.loadUnaligned(as: SIMD4<Double>.self)
        raw.storeBytes(of: old + v, as: SIMD4<Double>.self)
    }

    /// Row-major transpose: out[j×i] = x[i×j], in tiles of 8×8.
    ///
    /// The plain double loop writes `out` a column at a time: for a 128×128 matrix, 128 stores
    /// 1 KiB apart, which fall into the same few sets of the L1 cache and evict one another. Tiles
    /// of 8 rows × 8 columns touch only 8 lines of each. Measured (perf, PPO update phase at
    /// minibatch 256): the transposes of matmul's backward went from ≈ 6.7 % of the time to ≈ 1 %.
    static func transpose(_ x: UnsafePointer<Double>, rows: Int, cols: Int, into out: UnsafeMutablePointer<Double>) {
        let tile = 8
        var i0 = 0
        while i0 < rows {
            let i1 = min(i0 + tile, rows)
            var j0 = 0
            while j0 < cols {
                let j1 = min(j0 + tile, cols)
                for i in i0..<i1 {
                    for j in j0..<j1 { out[j * rows + i] = x[i * cols + j] }
                }
                j0 = j1
            }
            i0 = i1
        }
    }
}

extension MatrixKernel {
    /// A·B for arrays: `a` is m×k, `b` is k×n, optionally transposed first (`a` stored k×m when
    /// `transposeA`, `b` stored n×k when `transposeB`). Adds into `c` when `accumulate`.
    ///
    /// A transposed B is first copied into row-major order (a cheap O(size) step). A transposed A
    /// is read in place by the C kernels and copied for the portable one. Large products are split
    /// by rows over `threads` cores (the same numbers bit for bit).
    static func product(
        _ a: [Double], _ b: [Double], m: Int, k: Int, n: Int,
        transposeA: Bool = false, transposeB: Bool = false,
        into c: inout [Double], accumulate: Bool = false, path: Path = path, threads: Int = threads
    ) {
        precondition(
            a.count == m * k && b.count == k * n && c.count == m * n,
            "MatrixKernel.product: expected sizes \(m * k), \(k * n), \(m * n) for m=\(m) k=\(k) n=\(n), "
                + "got \(a.count), \(b.count), \(c.count)")
        if m == 0 || n == 0 { return }
        if k == 0 {
            if !accumulate { for i in 0..<(m * n) { c[i] = 0 } }
            return
        }
        let bRowMajor = transposeB ? transposed(b, rows: n, cols: k) : b
        // The C kernels read a transposed A in place; the portable one needs it row-major.
        let readTransposed = transposeA && path != .portable
        let aRowMajor = transposeA && !readTransposed ? transposed(a, rows: k, cols: m) : a
        aRowMajor.withUnsafeBufferPointer { ap in
            bRowMajor.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    multiply(
                        ap.baseAddress!, bp.baseAddress!, into: cp.baseAddress!, m: m, k: k, n: n,
                        transposeA: readTransposed, accumulate: accumulate, path: path, threads: threads)
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

extension Tensor {
    /// Which matrix kernel runs and how many cores large products use, e.g.
    /// "matrix kernel avx512; products of ≥ 4194304 multiply-adds on 2 cores (of 2)": what the
    /// bench prints beside its figures. `RECRL_THREADS=1` keeps every product on one core.
    public static var computeSummary: String {
        "matrix kernel \(MatrixKernel.path); products of ≥ \(MatrixKernel.parallelThreshold) multiply-adds on "
            + "\(MatrixKernel.threads) core\(MatrixKernel.threads == 1 ? "" : "s") "
            + "(of \(ProcessInfo.processInfo.activeProcessorCount)); the rest on one"
    }
}
