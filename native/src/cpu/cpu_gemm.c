/*
 * cpu_gemm.c — mdl_gemm on the CPU:  C[m,n] = alpha op(A)[m,k] op(B)[k,n] + beta C.
 *
 * The driver (packing + cache blocking + threads) is in cpu_gemm.inc; the micro-kernels in
 * cpu_gemm_avx512.c, cpu_gemm_avx2.c and (the plain 4 x 4 one) in cpu_gemm.inc. This file
 * picks the best kernel the CPU supports and dispatches on dtype (api.c checks the arguments).
 */
#include <stdlib.h>
#include <string.h>

#include "cpu_gemm.h"
#include "cpu_internal.h"

#define T float
#define SFX f32
#define KT mdl_gemm_kernel_f32
#include "cpu_gemm.inc"
#undef T
#undef SFX
#undef KT

#define T double
#define SFX f64
#define KT mdl_gemm_kernel_f64
#include "cpu_gemm.inc"
#undef T
#undef SFX
#undef KT

/*                                                  name     mr nr  kc   mc   nc  */
static const mdl_gemm_kernel_f32 gemm_scalar_f32 = {"scalar", 4, 4, 256, 64, 1024, kernel_scalar_f32, 0};
static const mdl_gemm_kernel_f64 gemm_scalar_f64 = {"scalar", 4, 4, 256, 64, 1024, kernel_scalar_f64, 0};

/* 2 = avx512, 1 = avx2, 0 = scalar: the best the CPU runs, or MINIDL_CPU_KERNEL's choice. */
static int gemm_kernel_level(void) { return mdl_cpu_isa(); }

static const mdl_gemm_kernel_f32* select_f32(void)
{
    switch (gemm_kernel_level()) {
    case 2: return &mdl_gemm_avx512_f32;
    case 1: return &mdl_gemm_avx2_f32;
    default: return &gemm_scalar_f32;
    }
}

static const mdl_gemm_kernel_f64* select_f64(void)
{
    switch (gemm_kernel_level()) {
    case 2: return &mdl_gemm_avx512_f64;
    case 1: return &mdl_gemm_avx2_f64;
    default: return &gemm_scalar_f64;
    }
}

/* mdl_impl.h: the arguments were checked by api.c (m, n > 0). */
mdl_status mdl_impl_gemm(mdl_dtype dt, int32_t trans_a, int32_t trans_b, int64_t m, int64_t n, int64_t k,
                         double alpha, const void* a, const void* b, double beta, void* c)
{
    if (dt == MDL_F32)
        return gemm_impl_f32(select_f32(), trans_a, trans_b, m, n, k, (float)alpha, (const float*)a, (const float*)b,
                             (float)beta, (float*)c);
    return gemm_impl_f64(select_f64(), trans_a, trans_b, m, n, k, alpha, (const double*)a, (const double*)b, beta,
                         (double*)c);
}
