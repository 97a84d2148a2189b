// The AVX2+FMA matrix product used by RecRL's MatrixKernel on x86-64 machines that have it.
//
// Only the x86-64 build contains the kernel (compiled for AVX2+FMA with a per-function target
// attribute, so the rest of the package stays baseline x86-64); elsewhere the functions are stubs
// and recrl_kernel_has_avx2_fma() returns 0. Swift calls the kernel only when that returns 1.
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

#ifdef __cplusplus
}
#endif

#endif
