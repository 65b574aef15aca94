/*
 * cpu_gemm_avx512.c — AVX-512 GEMM micro-kernels (see cpu_gemm.h for the contract).
 *
 *   f32: a 14 x 32 tile of C lives in 28 zmm registers (14 rows x 2 registers of 16 floats).
 *   f64: a 14 x 16 tile of C lives in 28 zmm registers (14 rows x 2 registers of 8 doubles).
 *
 * One step p of the k loop is a rank-1 update of the tile:
 *     acc[i][0:NR] += Ap[p*MR + i] * Bp[p*NR + 0:NR]     for i = 0 .. MR-1
 * i.e. 2 vector loads of B, MR broadcasts of A and 2*MR fused multiply-adds. With 28
 * independent accumulators there are enough FMAs in flight to hide the FMA latency
 * (4 cycles x 2 FMA pipes = 8 needed at least), and 28 + 2 (B) + 1 (A) <= 32 registers.
 *
 * This file is compiled for plain x86-64; only these functions carry
 * __attribute__((target("avx512f..."))), and cpu_gemm.c calls them only after
 * __builtin_cpu_supports("avx512f") said yes.
 */
#include "cpu_gemm.h"

#if MDL_HAVE_X86_KERNELS
#include <immintrin.h>

#define MDL_TARGET_AVX512 __attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma")))

enum { MR32 = 14, NR32 = 32, MR64 = 14, NR64 = 16 };

/* C[14,32] (row stride ldc) = alpha * Ap[kc,14]^T Bp[kc,32] + beta * C */
MDL_TARGET_AVX512
static void kernel_avx512_f32(int64_t kc, const float* restrict ap, const float* restrict bp, float* restrict c,
                              int64_t ldc, float alpha, float beta)
{
    __m512 acc0[MR32], acc1[MR32];
#pragma GCC unroll 14
    for (int i = 0; i < MR32; ++i) { acc0[i] = _mm512_setzero_ps(); acc1[i] = _mm512_setzero_ps(); }
#pragma GCC unroll 14
    for (int i = 0; i < MR32; ++i) _mm_prefetch((const char*)(c + i * ldc), _MM_HINT_T0);

    for (int64_t p = 0; p < kc; ++p) {
        __m512 b0 = _mm512_load_ps(bp);
        __m512 b1 = _mm512_load_ps(bp + 16);
        _mm_prefetch((const char*)(ap + 8 * MR32), _MM_HINT_T0);
#pragma GCC unroll 14
        for (int i = 0; i < MR32; ++i) {
            __m512 a = _mm512_set1_ps(ap[i]);
            acc0[i] = _mm512_fmadd_ps(a, b0, acc0[i]);
            acc1[i] = _mm512_fmadd_ps(a, b1, acc1[i]);
        }
        ap += MR32;
        bp += NR32;
    }

    __m512 va = _mm512_set1_ps(alpha);
    if (beta == 0.0f) {
#pragma GCC unroll 14
        for (int i = 0; i < MR32; ++i) {
            _mm512_storeu_ps(c + i * ldc, _mm512_mul_ps(va, acc0[i]));
            _mm512_storeu_ps(c + i * ldc + 16, _mm512_mul_ps(va, acc1[i]));
        }
    } else {
        __m512 vb = _mm512_set1_ps(beta);
#pragma GCC unroll 14
        for (int i = 0; i < MR32; ++i) {
            float* ci = c + i * ldc;
            _mm512_storeu_ps(ci, _mm512_fmadd_ps(vb, _mm512_loadu_ps(ci), _mm512_mul_ps(va, acc0[i])));
            _mm512_storeu_ps(ci + 16, _mm512_fmadd_ps(vb, _mm512_loadu_ps(ci + 16), _mm512_mul_ps(va, acc1[i])));
        }
    }
}

/* C[14,16] (row stride ldc) = alpha * Ap[kc,14]^T Bp[kc,16] + beta * C */
MDL_TARGET_AVX512
static void kernel_avx512_f64(int64_t kc, const double* restrict ap, const double* restrict bp, double* restrict c,
                              int64_t ldc, double alpha, double beta)
{
    __m512d acc0[MR64], acc1[MR64];
#pragma GCC unroll 14
    for (int i = 0; i < MR64; ++i) { acc0[i] = _mm512_setzero_pd(); acc1[i] = _mm512_setzero_pd(); }
#pragma GCC unroll 14
    for (int i = 0; i < MR64; ++i) _mm_prefetch((const char*)(c + i * ldc), _MM_HINT_T0);

    for (int64_t p = 0; p < kc; ++p) {
        __m512d b0 = _mm512_load_pd(bp);
        __m512d b1 = _mm512_load_pd(bp + 8);
        _mm_prefetch((const char*)(ap + 8 * MR64), _MM_HINT_T0);
#pragma GCC unroll 14
        for (int i = 0; i < MR64; ++i) {
            __m512d a = _mm512_set1_pd(ap[i]);
            acc0[i] = _mm512_fmadd_pd(a, b0, acc0[i]);
            acc1[i] = _mm512_fmadd_pd(a, b1, acc1[i]);
        }
        ap += MR64;
        bp += NR64;
    }

    __m512d va = _mm512_set1_pd(alpha);
    if (beta == 0.0) {
#pragma GCC unroll 14
        for (int i = 0; i < MR64; ++i) {
            _mm512_storeu_pd(c + i * ldc, _mm512_mul_pd(va, acc0[i]));
            _mm512_storeu_pd(c + i * ldc + 8, _mm512_mul_pd(va, acc1[i]));
        }
    } else {
        __m512d vb = _mm512_set1_pd(beta);
#pragma GCC unroll 14
        for (int i = 0; i < MR64; ++i) {
            double* ci = c + i * ldc;
            _mm512_storeu_pd(ci, _mm512_fmadd_pd(vb, _mm512_loadu_pd(ci), _mm512_mul_pd(va, acc0[i])));
            _mm512_storeu_pd(ci + 8, _mm512_fmadd_pd(vb, _mm512_loadu_pd(ci + 8), _mm512_mul_pd(va, acc1[i])));
        }
    }
}

/*                                            name      mr    nr    kc   mc    nc   */
const mdl_gemm_kernel_f32 mdl_gemm_avx512_f32 = {"avx512", MR32, NR32, 256, 336, 2048, kernel_avx512_f32};
const mdl_gemm_kernel_f64 mdl_gemm_avx512_f64 = {"avx512", MR64, NR64, 256, 168, 1024, kernel_avx512_f64};

#else /* not x86: the kernel does not exist, the driver falls back to scalar */
const mdl_gemm_kernel_f32 mdl_gemm_avx512_f32 = {"avx512", 1, 1, 1, 1, 1, 0};
const mdl_gemm_kernel_f64 mdl_gemm_avx512_f64 = {"avx512", 1, 1, 1, 1, 1, 0};
#endif
