// The AVX2+FMA and AVX-512 matrix products behind RecRL's MatrixKernel (see MatrixKernel.swift for
// the plain Swift kernel, which is the readable reference and the portable path). The AVX2 kernel
// is described here; the AVX-512 one (further down) is the same with 8-wide vectors.
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
// block width) go 4 at a time, the last 1–3 with masked loads and stores. A long shared dimension
// (k > 256, e.g. Aᵀ·dC over a batch of 2048 in matmul's backward) is cut into chunks whose part of
// B stays in the L2 cache; a transposed A is read in place, 6 rows copied side by side per chunk.
// No threads here: recrl_multiply_rows computes a range of C's rows, and MatrixKernel.swift runs
// ranges on several cores.
//
// Determinism: every C[i][j] is the same chain of operations whatever block it falls in —
// acc = 0; acc = fma(A[i][p], B[p][j], acc) for p = 0, 1, …, k-1; C[i][j] = C[i][j] + acc (or acc)
// — so results are identical run to run, and a row of C does not depend on the other rows of A
// (between chunks of k the partial sum waits in memory, exactly).
#include "MatrixKernelC.h"

#if defined(__x86_64__)

#include <immintrin.h>
#include <stdlib.h>

#define AVX2_FMA __attribute__((target("avx2,fma")))
#define ALWAYS_INLINE static inline __attribute__((always_inline))
#define NOINLINE static __attribute__((noinline))

int recrl_kernel_has_avx2_fma(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

/// One block of C: `rows` rows × `vectors` groups of 4 columns, summed over k rows of B.
/// A's element (r, p) is a[r * a_row + p * a_step]. The sums start from 0, or from the partial
/// sums in `load` when it is not NULL (the previous chunk of the shared dimension); they end in
/// `dst`, stored, or added to what `dst` holds when `add`. All of `load`, `dst`, `b` have rows n
/// apart. When `masked`, the last group of 4 columns has only the lanes set in `mask` (the others
/// are neither read nor written). `rows`, `vectors` and `masked` are constants at every call, so
/// the loops over them unroll and `acc` lives in registers.
ALWAYS_INLINE AVX2_FMA void block(
    const double *a, ptrdiff_t a_row, ptrdiff_t a_step, const double *b, const double *load, double *dst,
    int add, ptrdiff_t k, ptrdiff_t n, const int rows, const int vectors, const int masked, __m256i mask) {
    __m256d acc[6][8];
    for (int r = 0; r < rows; r++) {
        for (int v = 0; v < vectors; v++) {
            if (!load) acc[r][v] = _mm256_setzero_pd();
            else if (masked && v == vectors - 1) acc[r][v] = _mm256_maskload_pd(load + r * n + 4 * v, mask);
            else acc[r][v] = _mm256_loadu_pd(load + r * n + 4 * v);
        }
    }
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
            double *cp = dst + r * n + 4 * v;
            __m256d out = acc[r][v];
            if (masked && v == vectors - 1) {
                if (add) out = _mm256_add_pd(_mm256_maskload_pd(cp, mask), out);
                _mm256_maskstore_pd(cp, mask, out);
            } else {
                if (add) out = _mm256_add_pd(_mm256_loadu_pd(cp), out);
                _mm256_storeu_pd(cp, out);
            }
        }
    }
}

/// `rows` rows of C, all n columns: panels of 4·`wide` columns, then 4 at a time, then 1–3 masked.
ALWAYS_INLINE AVX2_FMA void row_panel(
    const double *a, ptrdiff_t a_row, ptrdiff_t a_step, const double *b, const double *load, double *dst,
    int add, ptrdiff_t k, ptrdiff_t n, const int rows, const int wide) {
    const __m256i none = _mm256_setzero_si256();
    ptrdiff_t j = 0;
    for (; j + 4 * wide <= n; j += 4 * wide)
        block(a, a_row, a_step, b + j, load ? load + j : 0, dst + j, add, k, n, rows, wide, 0, none);
    for (; j + 4 <= n; j += 4)
        block(a, a_row, a_step, b + j, load ? load + j : 0, dst + j, add, k, n, rows, 1, 0, none);
    if (j < n) {
        const __m256i lanes = _mm256_setr_epi64x(0, 1, 2, 3);
        const __m256i mask = _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)(n - j)), lanes);
        block(a, a_row, a_step, b + j, load ? load + j : 0, dst + j, add, k, n, rows, 1, 1, mask);
    }
}

// One function per row count, each with ≥ 8 accumulators (rows × wide): 6×2, 5×2, 4×3, 3×3,
// 2×4, 1×8 groups of 4 columns.
#define ROWS_FUNCTION(ROWS, WIDE)                                                                  \
    NOINLINE AVX2_FMA void rows_##ROWS(                                                            \
        const double *a, ptrdiff_t a_row, ptrdiff_t a_step, const double *b, const double *load,   \
        double *dst, int add, ptrdiff_t k, ptrdiff_t n) {                                          \
        row_panel(a, a_row, a_step, b, load, dst, add, k, n, ROWS, WIDE);                          \
    }
ROWS_FUNCTION(6, 2)
ROWS_FUNCTION(5, 2)
ROWS_FUNCTION(4, 3)
ROWS_FUNCTION(3, 3)
ROWS_FUNCTION(2, 4)
ROWS_FUNCTION(1, 8)

/// 1–6 rows of C, all n columns, over kc rows of B (one kernel's rows_1 … rows_6).
typedef void (*rows_function)(
    const double *a, ptrdiff_t a_row, ptrdiff_t a_step, const double *b, const double *load, double *dst,
    int add, ptrdiff_t k, ptrdiff_t n);

/// The AVX2+FMA kernel's row functions, indexed by the row count (entry 0 unused).
static const rows_function avx2_rows[7] = {0, rows_1, rows_2, rows_3, rows_4, rows_5, rows_6};

// ---------------------------------------------------------------------------------------------
// The AVX-512 kernel: the same blocks with 8-wide Double vectors (zmm registers, 32 of them).
//
// On this course's machine (AMD Zen 5, whose cores execute 512-bit FMAs at full width) an
// instruction does twice the work of an AVX2 one. The main block is 6 rows × 4 vectors = 6 × 32
// columns of C (24 accumulators, 4 loads of B and 6 broadcasts of A per p); rows left over use
// 5×4, 4×4, 3×4, 2×8, 1×8. Columns left over (n mod 8·wide) go in one last block of as many
// vectors as they need, its last vector masked (an AVX-512 mask register: lanes outside C are
// neither read nor written). Every C[i][j] is still the one chain of FMAs from 0 in the order
// p = 0, 1, …, k-1, then stored or added to C: bit for bit the AVX2 kernel's numbers.
// ---------------------------------------------------------------------------------------------

#define AVX512 __attribute__((target("avx512f")))

/// One block of C: `rows` rows × `vectors` groups of 8 columns; as `block` above, but the last
/// vector always goes through `mask` (all lanes when the block ends on a multiple of 8).
ALWAYS_INLINE AVX512 void block512(
    const double *a, ptrdiff_t a_row, ptrdiff_t a_step, const double *b, const double *load, double *dst,
    int add, ptrdiff_t k, ptrdiff_t n, const int rows, const int vectors, __mmask8 mask) {
    __m512d acc[6][8];
    const int last = vectors - 1;
    for (int r = 0; r < rows; r++) {
        for (int v = 0; v < vectors; v++) {
            if (!load) acc[r][v] = _mm512_setzero_pd();
            else if (v == last) acc[r][v] = _mm512_maskz_loadu_pd(mask, load + r * n + 8 * v);
            else acc[r][v] = _mm512_loadu_pd(load + r * n + 8 * v);
        }
    }
    for (ptrdiff_t p = 0; p < k; p++) {
        const double *bp = b + p * n;
        __m512d bv[8];
        for (int v = 0; v < vectors; v++)
            bv[v] = v == last ? _mm512_maskz_loadu_pd(mask, bp + 8 * v) : _mm512_loadu_pd(bp + 8 * v);
        const double *ap = a + p * a_step;
        for (int r = 0; r < rows; r++) {
            __m512d ar = _mm512_set1_pd(ap[r * a_row]);
            for (int v = 0; v < vectors; v++) acc[r][v] = _mm512_fmadd_pd(ar, bv[v], acc[r][v]);
        }
    }
    for (int r = 0; r < rows; r++) {
        for (int v = 0; v < vectors; v++) {
            double *cp = dst + r * n + 8 * v;
            __m512d out = acc[r][v];
            if (v == last) {
                if (add) out = _mm512_add_pd(_mm512_maskz_loadu_pd(mask, cp), out);
                _mm512_mask_storeu_pd(cp, mask, out);
            } else {
                if (add) out = _mm512_add_pd(_mm512_loadu_pd(cp), out);
                _mm512_storeu_pd(cp, out);
            }
        }
    }
}

/// `rows` rows of C, all n columns: panels of 8·`wide` columns, then one block of the 1 … wide
/// vectors the last columns need (the vector count must be a constant, hence the switch).
ALWAYS_INLINE AVX512 void row_panel512(
    const double *a, ptrdiff_t a_row, ptrdiff_t a_step, const double *b, const double *load, double *dst,
    int add, ptrdiff_t k, ptrdiff_t n, const int rows, const int wide) {
    ptrdiff_t j = 0;
    for (; j + 8 * wide <= n; j += 8 * wide)
        block512(a, a_row, a_step, b + j, load ? load + j : 0, dst + j, add, k, n, rows, wide, 0xFF);
    if (j == n) return;
    const ptrdiff_t left = n - j;
    const __mmask8 mask = (__mmask8)(left % 8 ? (1u << (left % 8)) - 1 : 0xFFu);
    const double *lj = load ? load + j : 0;
#define TAIL(V)                                                                                        \
    case V:                                                                                            \
        if (V <= wide) block512(a, a_row, a_step, b + j, lj, dst + j, add, k, n, rows, V <= wide ? V : 1, mask); \
        break;
    switch ((left + 7) / 8) {
        TAIL(1) TAIL(2) TAIL(3) TAIL(4) TAIL(5) TAIL(6) TAIL(7) TAIL(8)
    }
#undef TAIL
}

// 6×4, 5×4, 4×4, 3×4, 2×8, 1×8 vectors of 8 columns (≥ 12 accumulators each).
#define ROWS_FUNCTION512(ROWS, WIDE)                                                               \
    NOINLINE AVX512 void rows512_##ROWS(                                                           \
        const double *a, ptrdiff_t a_row, ptrdiff_t a_step, const double *b, const double *load,   \
        double *dst, int add, ptrdiff_t k, ptrdiff_t n) {                                          \
        row_panel512(a, a_row, a_step, b, load, dst, add, k, n, ROWS, WIDE);                       \
    }
ROWS_FUNCTION512(6, 4)
ROWS_FUNCTION512(5, 4)
ROWS_FUNCTION512(4, 4)
ROWS_FUNCTION512(3, 4)
ROWS_FUNCTION512(2, 8)
ROWS_FUNCTION512(1, 8)

static const rows_function avx512_rows[7] = {0, rows512_1, rows512_2, rows512_3, rows512_4, rows512_5, rows512_6};

int recrl_kernel_has_avx512(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f");
}

// ---------------------------------------------------------------------------------------------
// The driver, shared by both kernels.
// ---------------------------------------------------------------------------------------------

/// The shared dimension is cut into chunks of at most KC rows of B, so that the chunk of B
/// (KC × n) stays in the L2 cache while all the rows of A pass over it.
enum { KC = 256 };

/// All m rows of C over one chunk of kc rows of B: 6 rows at a time, then the 1–5 left over.
/// A transposed A is first copied, 6 rows at a time, into `packed` (p-major: packed[p·6 + r]),
/// so each p reads one short contiguous run instead of touching a new cache line.
static void chunk(
    const rows_function *kernel, const double *a, ptrdiff_t a_row, ptrdiff_t a_step, const double *b,
    const double *load, double *dst, int add, int pack_a, ptrdiff_t m, ptrdiff_t kc, ptrdiff_t n) {
    double packed[6 * KC];
    for (ptrdiff_t i = 0; i < m; i += 6) {
        const ptrdiff_t rows = m - i < 6 ? m - i : 6;
        const double *ai = a + i * a_row;
        ptrdiff_t row = a_row, step = a_step;
        if (pack_a) {
            for (ptrdiff_t p = 0; p < kc; p++)
                for (ptrdiff_t r = 0; r < rows; r++) packed[p * 6 + r] = ai[p * a_step + r];
            ai = packed, row = 1, step = 6;
        }
        kernel[rows](ai, row, step, b, load ? load + i * n : 0, dst + i * n, add, kc, n);
    }
}

/// C (+)= A·B with A's element (i, p) at a[i * a_row + p * a_step] (a_row = 1 when A is read
/// transposed, and then it is packed), B k×n and C m×n row-major.
static void multiply(
    const rows_function *kernel, const double *a, ptrdiff_t a_row, ptrdiff_t a_step, const double *b,
    double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n, int transpose_a, int accumulate) {
    if (m <= 0 || n <= 0) return;
    if (k <= KC) {
        chunk(kernel, a, a_row, a_step, b, 0, c, accumulate, transpose_a, m, k, n);
        return;
    }
    // Several chunks: the partial sums go through memory between chunks (exactly: a stored Double
    // is the register's value), so every C[i][j] is the same chain of FMAs as without chunks.
    // Overwriting, they wait in C itself; accumulating, in a scratch matrix (C's old values are
    // added only at the end).
    double *partial = c;
    if (accumulate) {
        partial = malloc((size_t)(m * n) * sizeof(double));
        if (!partial) {  // no memory for the scratch: one chunk of all k (slower, same numbers)
            chunk(kernel, a, a_row, a_step, b, 0, c, 1, transpose_a, m, k, n);
            return;
        }
    }
    for (ptrdiff_t p0 = 0; p0 < k; p0 += KC) {
        const ptrdiff_t kc = k - p0 < KC ? k - p0 : KC;
        const int last = p0 + kc == k;
        chunk(
            kernel, a + p0 * a_step, a_row, a_step, b + p0 * n, p0 == 0 ? 0 : partial, last ? c : partial,
            last && accumulate, transpose_a, m, kc, n);
    }
    if (partial != c) free(partial);
}

void recrl_multiply_rows(
    int kernel, const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n,
    int transpose_a, int accumulate, ptrdiff_t row_begin, ptrdiff_t row_end) {
    if (row_begin < 0) row_begin = 0;
    if (row_end > m) row_end = m;
    if (row_end <= row_begin) return;
    const rows_function *rows = kernel == RECRL_KERNEL_AVX512 ? avx512_rows : avx2_rows;
    // A's element (i, p) is a[i * a_row + p * a_step]; rows row_begin… start row_begin rows in.
    const ptrdiff_t a_row = transpose_a ? 1 : k;
    const ptrdiff_t a_step = transpose_a ? m : 1;
    multiply(
        rows, a + row_begin * a_row, a_row, a_step, b, c + row_begin * n, row_end - row_begin, k, n, transpose_a,
        accumulate);
}

void recrl_multiply_avx2_fma(
    const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n,
    int transpose_a, int accumulate) {
    recrl_multiply_rows(RECRL_KERNEL_AVX2_FMA, a, b, c, m, k, n, transpose_a, accumulate, 0, m);
}

void recrl_multiply_avx512(
    const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n,
    int transpose_a, int accumulate) {
    recrl_multiply_rows(RECRL_KERNEL_AVX512, a, b, c, m, k, n, transpose_a, accumulate, 0, m);
}

#else  // not x86-64: no AVX2 or AVX-512 here; MatrixKernel uses its portable Swift kernel.

int recrl_kernel_has_avx2_fma(void) { return 0; }
int recrl_kernel_has_avx512(void) { return 0; }

void recrl_multiply_avx512(
    const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n,
    int transpose_a, int accumulate) {
    (void)a, (void)b, (void)c, (void)m, (void)k, (void)n, (void)transpose_a, (void)accumulate;
    __builtin_trap();  // callers check recrl_kernel_has_avx512() first
}

void recrl_multiply_rows(
    int kernel, const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n,
    int transpose_a, int accumulate, ptrdiff_t row_begin, ptrdiff_t row_end) {
    (void)kernel, (void)a, (void)b, (void)c, (void)m, (void)k, (void)n, (void)transpose_a, (void)accumulate;
    (void)row_begin, (void)row_end;
    __builtin_trap();  // callers check recrl_kernel_has_avx2_fma() or recrl_kernel_has_avx512() first
}

void recrl_multiply_avx2_fma(
    const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n,
    int transpose_a, int accumulate) {
    (void)a, (void)b, (void)c, (void)m, (void)k, (void)n, (void)transpose_a, (void)accumulate;
    __builtin_trap();  // callers check recrl_kernel_has_avx2_fma() first
}

#endif
