/*
 * cpu_gemm.h — the micro-kernel interface of the CPU GEMM (not part of the ABI).
 *
 * The GEMM driver (cpu_gemm.c) packs blocks of op(A) and op(B) into contiguous "panels"
 * and calls a micro-kernel on each MR x NR tile of C. A micro-kernel computes
 *
 *     C[0:MR, 0:NR] = alpha * sum_{p < kc} Ap[p*MR + i] * Bp[p*NR + j]  +  beta * C[i, j]
 *
 * where Ap is an MR-row panel of A stored column by column (kc x MR) and Bp an NR-column
 * panel of B stored row by row (kc x NR); C has row stride ldc. beta == 0 must not read C.
 * Kernels (selected once, at run time, from what the CPU supports):
 *   avx512  14 x 32 (f32) / 14 x 16 (f64)   cpu_gemm_avx512.c   + direct kernels for thin products
 *   avx2     6 x 16 (f32) /  6 x  8 (f64)   cpu_gemm_avx2.c     + direct kernels for thin products
 *   neon     8 x 12 (f32) /  8 x  6 (f64)   cpu_gemm_neon.c (arm64) + direct kernels for thin products
 *   scalar   4 x  4                         cpu_gemm.c (the readable reference kernel)
 * The environment variable MINIDL_CPU_KERNEL=avx2|scalar forces a lower one (for tests).
 */
#ifndef MDL_CPU_GEMM_H
#define MDL_CPU_GEMM_H

#include <stdint.h>

#include "mdl_common.h"

typedef void (*mdl_ukernel_f32)(int64_t kc, const float* ap, const float* bp, float* c, int64_t ldc,
                                float alpha, float beta);
typedef void (*mdl_ukernel_f64)(int64_t kc, const double* ap, const double* bp, double* c, int64_t ldc,
                                double alpha, double beta);

/* Optional "direct" kernel for thin products (n, m or k <= 16; cpu_gemm_avx512.c, cpu_gemm_avx2.c,
 * cpu_gemm_neon.inc):
 * C[m,n] (row stride ldc) = alpha op(A) B + beta C with op(A)[i,p] = a[i*rsa + p*csa] and
 * B[p,j] = b[p*ldb + j] (unit column stride), no packing. beta == 0 does not read C. */
typedef void (*mdl_direct_f32)(int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t rsa,
                               int64_t csa, const float* b, int64_t ldb, float beta, float* c, int64_t ldc);
typedef void (*mdl_direct_f64)(int64_t m, int64_t n, int64_t k, double alpha, const double* a, int64_t rsa,
                               int64_t csa, const double* b, int64_t ldb, double beta, double* c, int64_t ldc);

/* A micro-kernel and the cache blocking that suits it:
 *   mr x nr   the register tile;
 *   kc        depth of a packed panel (a kc x nr panel of B should stay in L1);
 *   mc        rows of the packed A block (mc x kc should stay in L2);
 *   nc        columns of the packed B block (kc x nc should stay in L3). */
typedef struct mdl_gemm_kernel_f32 {
    const char* name;
    int mr, nr, kc, mc, nc;
    mdl_ukernel_f32 kernel;
    mdl_direct_f32 direct; /* NULL: thin products take the packed path too */
} mdl_gemm_kernel_f32;

typedef struct mdl_gemm_kernel_f64 {
    const char* name;
    int mr, nr, kc, mc, nc;
    mdl_ukernel_f64 kernel;
    mdl_direct_f64 direct; /* NULL: thin products take the packed path too */
} mdl_gemm_kernel_f64;

/* Defined in cpu_gemm_avx512.c / cpu_gemm_avx2.c (compiled with target attributes, so they
 * exist on every x86-64 build but only run when the CPU has the instructions). */
MDL_HIDDEN extern const mdl_gemm_kernel_f32 mdl_gemm_avx512_f32;
MDL_HIDDEN extern const mdl_gemm_kernel_f64 mdl_gemm_avx512_f64;
MDL_HIDDEN extern const mdl_gemm_kernel_f32 mdl_gemm_avx2_f32;
MDL_HIDDEN extern const mdl_gemm_kernel_f64 mdl_gemm_avx2_f64;
/* Defined in cpu_gemm_neon.c (a real kernel on arm64 only). */
MDL_HIDDEN extern const mdl_gemm_kernel_f32 mdl_gemm_neon_f32;
MDL_HIDDEN extern const mdl_gemm_kernel_f64 mdl_gemm_neon_f64;

#ifndef MDL_HAVE_X86_KERNELS
#  if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__))
#    define MDL_HAVE_X86_KERNELS 1
#  else
#    define MDL_HAVE_X86_KERNELS 0
#  endif
#endif
#ifndef MDL_HAVE_NEON_KERNELS /* as in cpu_internal.h */
#  if (defined(__GNUC__) || defined(__clang__)) && (defined(__aarch64__) || defined(_M_ARM64)) && \
      defined(__ARM_NEON)
#    define MDL_HAVE_NEON_KERNELS 1
#  else
#    define MDL_HAVE_NEON_KERNELS 0
#  endif
#endif

/* Rows per block of a direct kernel (cpu_gemm_avx512.c, cpu_gemm_avx2.c, cpu_gemm_neon.inc): rmax while
 * at least rmax rows are left, then the last rows in blocks of 8 (only when rmax > 8), 4, 2, 1. Each
 * block size is one compile-time copy of the kernel's tile function, so a few copies, not rmax. */
static inline int mdl_direct_rows(int64_t left, int rmax)
{
    return left >= rmax ? rmax : (rmax > 8 && left >= 8) ? 8 : left >= 4 ? 4 : left >= 2 ? 2 : 1;
}

#endif /* MDL_CPU_GEMM_H */
