import Foundation
import Testing

@testable import RecRL

/// The matrix kernel on its own: each path that runs on this machine (the AVX-512 and AVX2+FMA C
/// kernels where the CPU has them, and always the portable Swift kernel) against a plain triple
/// loop, on every shape around the block sizes, overwriting and accumulating, with transposed
/// operands, without writing outside C, and with results that do not depend on the other rows, on
/// the run, or on the number of cores.
@Suite("MatrixKernel: every path against a plain triple loop")
struct MatrixKernelTests {
    /// C[i,j] = Σₚ A[i,p]·B[p,j], summed in the order p = 0, 1, … — the definition, no tricks.
    static func tripleLoop(_ a: [Double], _ b: [Double], m: Int, k: Int, n: Int) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k { sum += a[i * k + p] * b[p * n + j] }
                c[i * n + j] = sum
            }
        }
        return c
    }

    /// Each path's own definition of an entry, operation for operation: acc = 0, then for
    /// p = 0, 1, …, k−1 acc += A[i,p]·B[p,j] (rounded twice: portable) or acc = fma(A[i,p], B[p,j], acc)
    /// (rounded once: AVX2+FMA), then C[i,j] = old + acc. Both kernels must match theirs bit for bit.
    static func pathLoop(
        _ a: [Double], _ b: [Double], m: Int, k: Int, n: Int, old: [Double], path: MatrixKernel.Path
    ) -> [Double] {
        var c = old
        for i in 0..<m {
            for j in 0..<n {
                var acc = 0.0
                for p in 0..<k {
                    switch path {
                    case .portable: acc += a[i * k + p] * b[p * n + j]
                    case .avx2FMA, .avx512: acc = acc.addingProduct(a[i * k + p], b[p * n + j])
                    }
                }
                c[i * n + j] = old[i * n + j] + acc
            }
        }
        return c
    }

    /// Small whole numbers in −4…4: every product and every partial sum is exact in Double, so
    /// any correct kernel gives exactly the triple loop's numbers, whatever its summation order.
    static func wholeNumbers(_ count: Int, rng: inout RNG) -> [Double] {
        (0..<count).map { _ in Double(rng.int(below: 9) - 4) }
    }

    static func normals(_ count: Int, rng: inout RNG) -> [Double] {
        (0..<count).map { _ in rng.normal() }
    }

    /// A matrix stored the other way round: the k×m array whose transpose is the m×k matrix `x`.
    static func storedTransposed(_ x: [Double], rows: Int, cols: Int) -> [Double] {
        var out = [Double](repeating: 0, count: rows * cols)
        for i in 0..<rows {
            for j in 0..<cols { out[j * rows + i] = x[i * cols + j] }
        }
        return out
    }

    @Test("the widest kernel the CPU has; RECRL_PORTABLE_KERNEL=1 forces the portable one, RECRL_NO_AVX512=1 AVX2")
    func pathSelection() {
        typealias K = MatrixKernel
        let portable = ["RECRL_PORTABLE_KERNEL": "1"], noAVX512 = ["RECRL_NO_AVX512": "1"]
        #expect(K.selectPath(environment: [:], cpuHasAVX2FMA: true, cpuHasAVX512: true) == .avx512)
        #expect(K.selectPath(environment: [:], cpuHasAVX2FMA: true, cpuHasAVX512: false) == .avx2FMA)
        #expect(K.selectPath(environment: [:], cpuHasAVX2FMA: false, cpuHasAVX512: false) == .portable)
        #expect(K.selectPath(environment: portable, cpuHasAVX2FMA: true, cpuHasAVX512: true) == .portable)
        #expect(K.selectPath(environment: portable, cpuHasAVX2FMA: true, cpuHasAVX512: false) == .portable)
        #expect(K.selectPath(environment: noAVX512, cpuHasAVX2FMA: true, cpuHasAVX512: true) == .avx2FMA)
        #expect(
            K.selectPath(environment: ["RECRL_PORTABLE_KERNEL": "0"], cpuHasAVX2FMA: true, cpuHasAVX512: true)
                == .avx512)
        #expect(K.availablePaths.contains(.portable))
        #expect(K.availablePaths.contains(K.path))
        #if arch(x86_64)
            // This machine's CPU, as Linux reports it: the kernel's own check must agree.
            if let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
                let flags = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
            {
                let words = Set(flags.split(separator: " "))
                #expect(K.cpuHasAVX2FMA == (words.contains("avx2") && words.contains("fma")))
                #expect(K.cpuHasAVX512 == words.contains("avx512f"))
            }
        #else
            #expect(!K.cpuHasAVX2FMA && !K.cpuHasAVX512)
        #endif
    }

    @Test("m, k, n in 1…13 (n up to 97), whole numbers: each path gives exactly the triple loop, = and +=")
    func everySmallShapeExactly() {
        var rng = RNG(seed: 41)
        for path in MatrixKernel.availablePaths {
            var wrong: [String] = []
            for m in 1...13 {
                for k in 1...13 {
                    for n in Array(1...13) + [16, 24, 31, 32, 33, 47, 63, 64, 65, 71, 97] {
                        let a = Self.wholeNumbers(m * k, rng: &rng), b = Self.wholeNumbers(k * n, rng: &rng)
                        let expected = Self.tripleLoop(a, b, m: m, k: k, n: n)
                        // Overwrite: whatever C held before is replaced.
                        var c = (0..<(m * n)).map { Double($0) + 0.5 }
                        MatrixKernel.product(a, b, m: m, k: k, n: n, into: &c, path: path)
                        if c != expected { wrong.append("overwrite \(m)×\(k)·\(k)×\(n)") }
                        // Accumulate: C + A·B.
                        let old = (0..<(m * n)).map { Double($0) + 0.5 }
                        var d = old
                        MatrixKernel.product(a, b, m: m, k: k, n: n, into: &d, accumulate: true, path: path)
                        if d != zip(old, expected).map({ $0 + $1 }) { wrong.append("accumulate \(m)×\(k)·\(k)×\(n)") }
                    }
                }
            }
            #expect(wrong.isEmpty, "\(path): \(wrong.count) shapes wrong, first: \(wrong.prefix(5))")
        }
    }

    @Test("random normals at the course's shapes: each path within 1e-13 of the triple loop (relative to Σ|aᵢₚbₚⱼ|)")
    func courseShapes() {
        var rng = RNG(seed: 42)
        for path in MatrixKernel.availablePaths {
            for (m, k, n) in [(64, 91, 128), (64, 128, 128), (64, 128, 27), (1, 91, 128), (7, 128, 27), (13, 17, 6)] {
                let a = Self.normals(m * k, rng: &rng), b = Self.normals(k * n, rng: &rng)
                let expected = Self.tripleLoop(a, b, m: m, k: k, n: n)
                let scale = Self.tripleLoop(a.map(Swift.abs), b.map(Swift.abs), m: m, k: k, n: n)
                var c = [Double](repeating: .nan, count: m * n)
                MatrixKernel.product(a, b, m: m, k: k, n: n, into: &c, path: path)
                let worst = (0..<(m * n)).map { Swift.abs(c[$0] - expected[$0]) / scale[$0] }.max()!
                #expect(worst < 1e-13, "\(path) [\(m)×\(k)]·[\(k)×\(n)]: relative difference \(worst)")
            }
        }
    }

    @Test(
        "random normals, k up to 600 (the C kernel cuts k in chunks of 256): each path equals its own loop bit for bit")
    func eachPathItsOwnOrder() {
        var rng = RNG(seed: 47)
        for path in MatrixKernel.availablePaths {
            for (m, k, n) in [(7, 600, 13), (1, 257, 40), (13, 256, 9), (6, 300, 8)] {
                let a = Self.normals(m * k, rng: &rng), b = Self.normals(k * n, rng: &rng)
                let old = Self.normals(m * n, rng: &rng)
                let expected = Self.pathLoop(a, b, m: m, k: k, n: n, old: old, path: path)
                var c = old
                MatrixKernel.product(a, b, m: m, k: k, n: n, into: &c, accumulate: true, path: path)
                #expect(c == expected, "\(path) [\(m)×\(k)]·[\(k)×\(n)] accumulating")
                let zeros = [Double](repeating: 0, count: m * n)
                var d = old
                MatrixKernel.product(a, b, m: m, k: k, n: n, into: &d, path: path)
                #expect(
                    d == Self.pathLoop(a, b, m: m, k: k, n: n, old: zeros, path: path),
                    "\(path) [\(m)×\(k)]·[\(k)×\(n)] overwriting")
                // Aᵀ·B from the stored transpose: the same numbers.
                var e = old
                MatrixKernel.product(
                    Self.storedTransposed(a, rows: m, cols: k), b, m: m, k: k, n: n, transposeA: true, into: &e,
                    accumulate: true, path: path)
                #expect(e == expected, "\(path) [\(m)×\(k)]ᵀ·[\(k)×\(n)] accumulating")
            }
        }
    }

    @Test("transposed operands (matmul's backward): Aᵀ·B and A·Bᵀ from the stored arrays equal the triple loop")
    func transposedOperands() {
        var rng = RNG(seed: 43)
        for path in MatrixKernel.availablePaths {
            for (m, k, n) in [(1, 1, 1), (5, 3, 9), (7, 13, 11), (13, 6, 1), (91, 64, 128), (128, 64, 27), (9, 520, 5)]
            {
                let a = Self.wholeNumbers(m * k, rng: &rng), b = Self.wholeNumbers(k * n, rng: &rng)
                let expected = Self.tripleLoop(a, b, m: m, k: k, n: n)
                let aStored = Self.storedTransposed(a, rows: m, cols: k)  // k×m
                let bStored = Self.storedTransposed(b, rows: k, cols: n)  // n×k
                for (ta, tb) in [(true, false), (false, true), (true, true)] {
                    var c = [Double](repeating: 1, count: m * n)
                    MatrixKernel.product(
                        ta ? aStored : a, tb ? bStored : b, m: m, k: k, n: n, transposeA: ta, transposeB: tb,
                        into: &c, accumulate: true, path: path)
                    #expect(
                        c == expected.map { $0 + 1 },
                        "\(path) [\(m)×\(k)]·[\(k)×\(n)], transposeA \(ta), transposeB \(tb)")
                }
            }
        }
    }

    @Test("the kernel writes only inside C: sentinels just before and just after C stay untouched")
    func writesOnlyInsideC() {
        var rng = RNG(seed: 44)
        let guardCount = 8
        for path in MatrixKernel.availablePaths {
            for (m, k, n) in [
                (1, 5, 1), (1, 3, 3), (2, 4, 5), (7, 2, 7), (6, 3, 10), (13, 5, 13), (1, 9, 35), (1, 3, 65), (2, 3, 71),
                (6, 2, 37), (5, 4, 33), (25, 300, 27),
            ] {
                let a = Self.normals(m * k, rng: &rng), b = Self.normals(k * n, rng: &rng)
                var buffer = [Double](repeating: -7, count: m * n + 2 * guardCount)
                a.withUnsafeBufferPointer { ap in
                    b.withUnsafeBufferPointer { bp in
                        buffer.withUnsafeMutableBufferPointer { cp in
                            MatrixKernel.multiply(
                                ap.baseAddress!, bp.baseAddress!, into: cp.baseAddress! + guardCount, m: m, k: k,
                                n: n, accumulate: true, path: path)
                        }
                    }
                }
                let before = buffer[0..<guardCount], after = buffer[(guardCount + m * n)...]
                #expect(
                    before.allSatisfy { $0 == -7 } && after.allSatisfy { $0 == -7 },
                    "\(path) [\(m)×\(k)]·[\(k)×\(n)] wrote outside C")
            }
        }
    }

    @Test("deterministic: the same product twice is bit-for-bit equal, and a row alone equals that row in a batch")
    func deterministicAndRowIndependent() {
        var rng = RNG(seed: 45)
        let (m, k, n) = (13, 91, 37)
        let a = Self.normals(m * k, rng: &rng), b = Self.normals(k * n, rng: &rng)
        for path in MatrixKernel.availablePaths {
            var first = [Double](repeating: 0, count: m * n), second = first
            MatrixKernel.product(a, b, m: m, k: k, n: n, into: &first, path: path)
            MatrixKernel.product(a, b, m: m, k: k, n: n, into: &second, path: path)
            #expect(first.map(\.bitPattern) == second.map(\.bitPattern), "\(path): two runs differ")
            // One observation through the network gives the same numbers as in a batch.
            for i in 0..<m {
                var row = [Double](repeating: 0, count: n)
                MatrixKernel.product(Array(a[(i * k)..<((i + 1) * k)]), b, m: 1, k: k, n: n, into: &row, path: path)
                #expect(
                    row.map(\.bitPattern) == first[(i * n)..<((i + 1) * n)].map(\.bitPattern),
                    "\(path): row \(i) alone differs from row \(i) of the batch")
            }
        }
    }

    @Test(
        "the two paths agree to 1e-13 relative (they may differ in the last bits: FMA rounds once)",
        .enabled(if: MatrixKernel.cpuHasAVX2FMA, "this CPU runs only the portable kernel"))
    func pathsAgree() {
        var rng = RNG(seed: 46)
        let (m, k, n) = (64, 128, 128)
        let a = Self.normals(m * k, rng: &rng), b = Self.normals(k * n, rng: &rng)
        var fast = [Double](repeating: 0, count: m * n), portable = fast
        MatrixKernel.product(a, b, m: m, k: k, n: n, into: &fast, path: .avx2FMA)
        MatrixKernel.product(a, b, m: m, k: k, n: n, into: &portable, path: .portable)
        let scale = Self.tripleLoop(a.map(Swift.abs), b.map(Swift.abs), m: m, k: k, n: n)
        let worst = (0..<(m * n)).map { Swift.abs(fast[$0] - portable[$0]) / scale[$0] }.max()!
        #expect(worst < 1e-13, "relative difference \(worst)")
    }

    @Test(
        "the AVX-512 and AVX2+FMA kernels give the same numbers bit for bit (odd shapes, transposed A, +=, k > 256)",
        .enabled(if: MatrixKernel.cpuHasAVX512 && MatrixKernel.cpuHasAVX2FMA, "this CPU lacks one of the two"))
    func cKernelsAgreeBitForBit() {
        var rng = RNG(seed: 48)
        var shapes = [(64, 91, 128), (64, 128, 128), (256, 128, 27), (128, 64, 1), (91, 256, 128), (33, 600, 71)]
        for _ in 0..<40 { shapes.append((1 + rng.int(below: 40), 1 + rng.int(below: 300), 1 + rng.int(below: 140))) }
        var wrong: [String] = []
        for (m, k, n) in shapes {
            let a = Self.normals(m * k, rng: &rng), b = Self.normals(k * n, rng: &rng)
            let old = Self.normals(m * n, rng: &rng)
            let aStored = Self.storedTransposed(a, rows: m, cols: k)
            for (transposeA, accumulate) in [(false, false), (false, true), (true, false), (true, true)] {
                var results: [[UInt64]] = []
                for path in [MatrixKernel.Path.avx512, .avx2FMA] {
                    var c = old
                    MatrixKernel.product(
                        transposeA ? aStored : a, b, m: m, k: k, n: n, transposeA: transposeA, into: &c,
                        accumulate: accumulate, path: path, threads: 1)
                    results.append(c.map(\.bitPattern))
                }
                if results[0] != results[1] { wrong.append("\(m)×\(k)·\(k)×\(n) ᵀ\(transposeA) +=\(accumulate)") }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) cases differ, first: \(wrong.prefix(5))")
    }

    @Test("rows in parts: one part below the threshold, else contiguous parts of whole 6-row blocks covering C")
    func rowPartsCoverC() {
        typealias K = MatrixKernel
        #expect(K.rowParts(m: 64, k: 128, n: 128, threads: 2) == [0..<64])  // below 2²⁴ multiply-adds
        #expect(K.rowParts(m: 128, k: 256, n: 128, threads: 2) == [0..<128])  // a minibatch-256 weight gradient
        #expect(K.rowParts(m: 2048, k: 128, n: 128, threads: 2).count == 2)  // chapter 6's batch of 2,048
        #expect(K.rowParts(m: 2048, k: 128, n: 128, threads: 1) == [0..<2048])
        #expect(K.rowParts(m: 11, k: 1000, n: 1000, threads: 2) == [0..<11])  // too few rows to split
        for (m, threads) in [(2048, 2), (2048, 3), (12, 2), (13, 2), (100, 4), (97, 2), (64, 8)] {
            let parts = K.rowParts(m: m, k: 1 << 12, n: 1 << 12, threads: threads)
            #expect(parts.count == min(threads, m / 12), "m \(m), \(threads) threads: \(parts)")
            #expect(parts.first?.lowerBound == 0 && parts.last?.upperBound == m, "m \(m): \(parts)")
            #expect(zip(parts, parts.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound }, "m \(m): \(parts)")
            #expect(parts.allSatisfy { $0.lowerBound % 6 == 0 && !$0.isEmpty }, "m \(m): \(parts)")
        }
        #expect(K.selectThreads(environment: [:], cores: 2) == 2)
        #expect(K.selectThreads(environment: ["RECRL_THREADS": "1"], cores: 2) == 1)
        #expect(K.selectThreads(environment: ["RECRL_THREADS": "0"], cores: 2) == 2)
        #expect(K.selectThreads(environment: ["RECRL_THREADS": "x"], cores: 4) == 4)
    }

    @Test("several cores give the one-core numbers bit for bit: every path, transposed operands, +=, k > 256")
    func threadsBitIdentical() {
        var rng = RNG(seed: 49)
        // All above the threshold: the course's large shapes (a batch of 2,048 and its backward),
        // odd row counts, a long shared dimension cut into chunks.
        let shapes = [
            (2048, 128, 128), (128, 2048, 128), (2048, 128, 91), (301, 397, 151), (97, 600, 301), (61, 1024, 281),
        ]
        for path in MatrixKernel.availablePaths {
            for (m, k, n) in shapes {
                #expect(MatrixKernel.rowParts(m: m, k: k, n: n, threads: 2).count == 2, "[\(m)×\(k)]·[\(k)×\(n)]")
                let a = Self.normals(m * k, rng: &rng), b = Self.normals(k * n, rng: &rng)
                let old = Self.normals(m * n, rng: &rng)
                let aStored = Self.storedTransposed(a, rows: m, cols: k)
                let bStored = Self.storedTransposed(b, rows: k, cols: n)
                for (ta, tb, accumulate) in [
                    (false, false, false), (false, false, true), (true, false, true), (false, true, false),
                ] {
                    var results: [[UInt64]] = []
                    for threads in [1, 2, 3] {
                        var c = old
                        MatrixKernel.product(
                            ta ? aStored : a, tb ? bStored : b, m: m, k: k, n: n, transposeA: ta, transposeB: tb,
                            into: &c, accumulate: accumulate, path: path, threads: threads)
                        results.append(c.map(\.bitPattern))
                    }
                    #expect(
                        results[1] == results[0] && results[2] == results[0],
                        "\(path) [\(m)×\(k)]·[\(k)×\(n)] ᵀA \(ta) ᵀB \(tb) += \(accumulate): threads change the numbers"
                    )
                }
            }
        }
    }

    @Test("the tiled transpose equals the definition on every shape from 1×1 to 19×19 and at 128×128, 91×128")
    func tiledTranspose() {
        var rng = RNG(seed: 52)
        var shapes = [(128, 128), (91, 128), (128, 27)]
        for rows in 1...19 { for cols in 1...19 { shapes.append((rows, cols)) } }
        for (rows, cols) in shapes {
            let x = Self.normals(rows * cols, rng: &rng)
            #expect(
                MatrixKernel.transposed(x, rows: rows, cols: cols) == Self.storedTransposed(x, rows: rows, cols: cols),
                "[\(rows)×\(cols)]")
        }
    }
}
