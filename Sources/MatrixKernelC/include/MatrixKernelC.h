// The AVX2+FMA and AVX-512 matrix products used by RecRL's MatrixKernel, and the AVX-512 exp,
// tanh and Adam loops (AVX-512 and AVX2+FMA) used by its VectorMath, on x86-64 machines that have them.
//
// Only the x86-64 build contains the kernels (compiled for AVX2+FMA or AVX-512F with per-function
// target attributes, so the rest of the package stays baseline x86-64); elsewhere the functions
// are stubs and recrl_kernel_has_avx2_fma() and recrl_kernel_has_avx512() return 0. Swift calls a
// kernel only when its check returns 1.
#ifndef RECRL_MATRIX_KERNEL_C_H
#define RECRL_MATRIX_KERNEL_C_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when this CPU (and its operating system) can run AVX2 and FMA instructions, else 0.
int recrl_kernel_has_avx2_fma(void);

/// C[m×n] = A·B (or C += A·B when accumulate != 0), all row-major Doubles, B is k×n.
/// A is m×k, or, when transpose_a != 0, A is stored k×m and its transpose is used.
/// Each C[i][j] is sum_p A[i][p]·B[p][j] computed as one chain of fused multiply-adds from 0 in
/// the order p = 0, 1, …, k-1, then added to the old C[i][j] (or stored): the same operations
/// whatever m, n and the blocking, so the result of a row does not depend on the other rows.
/// Must only be called when recrl_kernel_has_avx2_fma() returns 1.
void recrl_multiply_avx2_fma(
    const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n,
    int transpose_a, int accumulate);

/// 1 when this CPU (and its operating system) can run AVX-512F instructions, else 0.
int recrl_kernel_has_avx512(void);

/// The same product with 8-wide AVX-512 vectors: every C[i][j] the same chain of operations as
/// recrl_multiply_avx2_fma, so the two give the same numbers bit for bit.
/// Must only be called when recrl_kernel_has_avx512() returns 1.
void recrl_multiply_avx512(
    const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n,
    int transpose_a, int accumulate);

/// The kernels recrl_multiply_rows can run.
enum { RECRL_KERNEL_AVX2_FMA = 1, RECRL_KERNEL_AVX512 = 2 };

/// Rows row_begin ..< row_end of the product above (the other rows of C are not touched), with the
/// kernel `kernel`. A row of C depends only on its row of A, so computing the rows in parts — on
/// several threads — gives the same numbers bit for bit as one call.
void recrl_multiply_rows(
    int kernel, const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n,
    int transpose_a, int accumulate, ptrdiff_t row_begin, ptrdiff_t row_end);

// Elementwise kernels (VectorMath.c): AVX-512 loops that give the same numbers bit for bit as the
// Swift references they stand in for. Must only be called when recrl_kernel_has_avx512() returns 1.

/// y[i] = e^x[i] for i < n, the C library's exp by its own method, eight at a time.
void recrl_exp_avx512(const double *x, double *y, ptrdiff_t n);

/// y[i] = tanh x[i] for i < n by the library's formula (Tensor.tanh in Ops+Elementwise.swift).
void recrl_tanh_avx512(const double *x, double *y, ptrdiff_t n);

/// One Adam step on n parameters, as Adam.step in Adam.swift: m and v updated in place, then θ.
void recrl_adam_avx512(
    double *theta, double *m, double *v, const double *g, ptrdiff_t n, double beta1, double beta2,
    double step_size, double bias_correction2_sqrt, double epsilon);

/// The same three with 4-wide AVX2 vectors and FMA: the same numbers bit for bit. Must only be
/// called when recrl_kernel_has_avx2_fma() returns 1.
void recrl_exp_avx2(const double *x, double *y, ptrdiff_t n);
void recrl_tanh_avx2(const double *x, double *y, ptrdiff_t n);
void recrl_adam_avx2(
    double *theta, double *m, double *v, const double *g, ptrdiff_t n, double beta1, double beta2,
    double step_size, double bias_correction2_sqrt, double epsilon);

#ifdef __cplusplus
}
#endif

#endif
