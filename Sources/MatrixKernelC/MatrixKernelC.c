// The AVX2+FMA matrix product behind RecRL's MatrixKernel (see MatrixKernel.swift for the plain
// Swift kernel, which is the readable reference and the portable path).
//
// Same idea as the Swift kernel — a block of C kept in registers while p runs down the shared
// dimension — with the instructions Swift cannot reach without compiling the whole package for a
// newer CPU: 4-wide Double vectors (AVX2 ymm registers) and fused multiply-add (FMA). Only the
// functions below carry `target("avx2,fma")`; the package itself stays baseline x86-64, and the
// kernel runs only after recrl_kernel_has_avx2_fma() said yes at run time.
//
// Blocking: 6 rows × 8 columns of C (12 ymm accumulators, 2 loads of B and 6 broadcasts of A per
// p). Rows left over (m mod 6, e.g. a single observation) use blocks of 1–5 rows with more columns,
// so there are still ≥ 8 independent sums to keep both FMA units busy; columns left over (n mod the
// block width) go 4 at a time, the last 1–3 with masked loads and stores. No packing, no threads.
//
// Determinism: every C[i][j] is the same chain of operations whatever block it falls in —
// acc = 0; acc = fma(A[i][p], B[p][j], acc) for p = 0, 1, …, k-1; C[i][j] = C[i][j] + acc (or acc)
// — so results are identical run to run, and a row of C does not depend on the other rows of A.
#include "MatrixKernelC.h"

#if defined(__x86_64__)

#include <immintrin.h>

#define AVX2_FMA __attribute__((target("avx2,fma")))
#define ALWAYS_INLINE static inline __attribute__((always_inline))
#define NOINLINE static __attribute__((noinline))

int recrl_kernel_has_avx2_fma(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

/// One block of C: `rows` rows × `vectors` groups of 4 columns, C (+)= A·B over all k.
/// A's element (r, p) is a[r * a_row + p * a_step]. When `masked`, the last group of 4 columns
/// has only the lanes set in `mask` (the others are neither read from B/C nor written).
/// `rows`, `vectors` and `masked` are constants at every call, so the loops over them unroll
/// and `acc` lives in registers.
ALWAYS_INLINE AVX2_FMA void block(
    const double *a, ptrdiff_t a_row, ptrdiff_t a_step, const double *b, double *c, ptrdiff_t k,
    ptrdiff_t n, const int rows, const int vectors, const int masked, __m256i mask, int accumulate) {
    __m256d acc[6][8];
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < vectors; v++) acc[r][v] = _mm256_setzero_pd();
    for (ptrdiff_t p = 0; p < k; p++) {
        const double *bp = b + p * n;
        __m256d bv[8];
        for (int v = 0; v < vectors; v++)
            bv[v] = (masked && v == vectors - 1) ? _mm256_maskload_pd(bp + 4 * v, mask)
                                                 : _mm256_loadu_pd(bp + 4 * v);
        const double *ap = a + p * a_step;
        for (int r = 0; r < rows; r++) {
            __m256d ar = _mm256_broadcast_sd(ap + r * a_row);
            for (int v = 0; v < vectors; v++) acc[r][v] = _mm256_fmadd_pd(ar, bv[v], acc[r][v]);
        }
    }
    for (int r = 0; r < rows; r++) {
        for (int v = 0; v < vectors; v++) {
            double *cp = c + r * n + 4 * v;
            __m256d out = acc[r][v];
            if (masked && v == vectors - 1) {
                if (accumulate) out = _mm256_add_pd(_mm256_maskload_pd(cp, mask), out);
                _mm256_maskstore_pd(cp, mask, out);
            } else {
                if (accumulate) out = _mm256_add_pd(_mm256_loadu_pd(cp), out);
                _mm256_storeu_pd(cp, out);
            }
        }
    }
}

/// `rows` rows of C, all n columns: panels of 4·`wide` columns, then 4 at a time, then 1–3 masked.
ALWAYS_INLINE AVX2_FMA void row_panel(
    const double *a, ptrdiff_t a_row, ptrdiff_t a_step, const double *b, double *c, ptrdiff_t k,
    ptrdiff_t n, const int rows, const int wide, int accumulate) {
    const __m256i none = _mm256_setzero_si256();
    ptrdiff_t j = 0;
    for (; j + 4 * wide <= n; j += 4 * wide)
        block(a, a_row, a_step, b + j, c + j, k, n, rows, wide, 0, none, accumulate);
    for (; j + 4 <= n; j += 4) block(a, a_row, a_step, b + j, c + j, k, n, rows, 1, 0, none, accumulate);
    if (j < n) {
        const __m256i lanes = _mm256_setr_epi64x(0, 1, 2, 3);
        const __m256i mask = _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)(n - j)), lanes);
        block(a, a_row, a_step, b + j, c + j, k, n, rows, 1, 1, mask, accumulate);
    }
}

// One function per row count, each with ≥ 8 accumulators (rows × wide): 6×2, 5×2, 4×3, 3×3,
// 2×4, 1×8 groups of 4 columns.
#define ROWS_FUNCTION(ROWS, WIDE)                                                                  \
    NOINLINE AVX2_FMA void rows_##ROWS(                                                            \
        const double *a, ptrdiff_t a_row, ptrdiff_t a_step, const double *b, double *c,            \
        ptrdiff_t k, ptrdiff_t n, int accumulate) {                                                \
        row_panel(a, a_row, a_step, b, c, k, n, ROWS, WIDE, accumulate);                           \
    }
ROWS_FUNCTION(6, 2)
ROWS_FUNCTION(5, 2)
ROWS_FUNCTION(4, 3)
ROWS_FUNCTION(3, 3)
ROWS_FUNCTION(2, 4)
ROWS_FUNCTION(1, 8)

void recrl_multiply_avx2_fma(
    const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n,
    int transpose_a, int accumulate) {
    // A's element (i, p) is a[i * a_row + p * a_step].
    const ptrdiff_t a_row = transpose_a ? 1 : k;
    const ptrdiff_t a_step = transpose_a ? m : 1;
    ptrdiff_t i = 0;
    for (; i + 6 <= m; i += 6) rows_6(a + i * a_row, a_row, a_step, b, c + i * n, k, n, accumulate);
    const double *ai = a + i * a_row;
    double *ci = c + i * n;
    switch (m - i) {
    case 5: rows_5(ai, a_row, a_step, b, ci, k, n, accumulate); break;
    case 4: rows_4(ai, a_row, a_step, b, ci, k, n, accumulate); break;
    case 3: rows_3(ai, a_row, a_step, b, ci, k, n, accumulate); break;
    case 2: rows_2(ai, a_row, a_step, b, ci, k, n, accumulate); break;
    case 1: rows_1(ai, a_row, a_step, b, ci, k, n, accumulate); break;
    default: break;
    }
}

#else  // not x86-64: no AVX2 here; MatrixKernel uses its portable Swift kernel.

int recrl_kernel_has_avx2_fma(void) { return 0; }

void recrl_multiply_avx2_fma(
    const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n,
    int transpose_a, int accumulate) {
    (void)a, (void)b, (void)c, (void)m, (void)k, (void)n, (void)transpose_a, (void)accumulate;
    __builtin_trap();  // callers check recrl_kernel_has_avx2_fma() first
}

#endif
