/*
 * cpu_gemm_avx2.c — AVX2 + FMA GEMM micro-kernels (see cpu_gemm.h for the contract).
 *
 *   f32: a 6 x 16 tile of C in 12 ymm registers (6 rows x 2 registers of 8 floats).
 *   f64: a 6 x 8 tile of C in 12 ymm registers (6 rows x 2 registers of 4 doubles).
 *
 * Same rank-1-update loop as the AVX-512 kernel: acc[i][:] += Ap[p*MR + i] * Bp[p*NR + :].
 * 12 accumulators + 2 B registers + 1 broadcast = 15 of the 16 ymm registers.
 * Runs on any x86-64 CPU with AVX2 and FMA (Haswell and later, Zen 1 and later).
 */
#include "cpu_gemm.h"

#if MDL_HAVE_X86_KERNELS
#include <immintrin.h>

#define MDL_TARGET_AVX2 __attribute__((target("avx2,fma")))

enum { MR32 = 6, NR32 = 16, MR64 = 6, NR64 = 8 };

/* C[6,16] = alpha * Ap[kc,6]^T Bp[kc,16] + beta * C */
MDL_TARGET_AVX2
static void kernel_avx2_f32(int64_t kc, const float* restrict ap, const float* restrict bp, float* restrict c,
                            int64_t ldc, float alpha, float beta)
{
    __m256 acc0[MR32], acc1[MR32];
#pragma GCC unroll 6
    for (int i = 0; i < MR32; ++i) { acc0[i] = _mm256_setzero_ps(); acc1[i] = _mm256_setzero_ps(); }
    for (int64_t p = 0; p < kc; ++p) {
        __m256 b0 = _mm256_load_ps(bp);
        __m256 b1 = _mm256_load_ps(bp + 8);
#pragma GCC unroll 6
        for (int i = 0; i < MR32; ++i) {
            __m256 a = _mm256_broadcast_ss(ap + i);
            acc0[i] = _mm256_fmadd_ps(a, b0, acc0[i]);
            acc1[i] = _mm256_fmadd_ps(a, b1, acc1[i]);
        }
        ap += MR32;
        bp += NR32;
    }
    __m256 va = _mm256_set1_ps(alpha);
    if (beta == 0.0f) {
#pragma GCC unroll 6
        for (int i = 0; i < MR32; ++i) {
            _mm256_storeu_ps(c + i * ldc, _mm256_mul_ps(va, acc0[i]));
            _mm256_storeu_ps(c + i * ldc + 8, _mm256_mul_ps(va, acc1[i]));
        }
    } else {
        __m256 vb = _mm256_set1_ps(beta);
#pragma GCC unroll 6
        for (int i = 0; i < MR32; ++i) {
            float* ci = c + i * ldc;
            _mm256_storeu_ps(ci, _mm256_fmadd_ps(vb, _mm256_loadu_ps(ci), _mm256_mul_ps(va, acc0[i])));
            _mm256_storeu_ps(ci + 8, _mm256_fmadd_ps(vb, _mm256_loadu_ps(ci + 8), _mm256_mul_ps(va, acc1[i])));
        }
    }
}

/* C[6,8] = alpha * Ap[kc,6]^T Bp[kc,8] + beta * C */
MDL_TARGET_AVX2
static void kernel_avx2_f64(int64_t kc, const double* restrict ap, const double* restrict bp, double* restrict c,
                            int64_t ldc, double alpha, double beta)
{
    __m256d acc0[MR64], acc1[MR64];
#pragma GCC unroll 6
    for (int i = 0; i < MR64; ++i) { acc0[i] = _mm256_setzero_pd(); acc1[i] = _mm256_setzero_pd(); }
    for (int64_t p = 0; p < kc; ++p) {
        __m256d b0 = _mm256_load_pd(bp);
        __m256d b1 = _mm256_load_pd(bp + 4);
#pragma GCC unroll 6
        for (int i = 0; i < MR64; ++i) {
            __m256d a = _mm256_broadcast_sd(ap + i);
            acc0[i] = _mm256_fmadd_pd(a, b0, acc0[i]);
            acc1[i] = _mm256_fmadd_pd(a, b1, acc1[i]);
        }
        ap += MR64;
        bp += NR64;
    }
    __m256d va = _mm256_set1_pd(alpha);
    if (beta == 0.0) {
#pragma GCC unroll 6
        for (int i = 0; i < MR64; ++i) {
            _mm256_storeu_pd(c + i * ldc, _mm256_mul_pd(va, acc0[i]));
            _mm256_storeu_pd(c + i * ldc + 4, _mm256_mul_pd(va, acc1[i]));
        }
    } else {
        __m256d vb = _mm256_set1_pd(beta);
#pragma GCC unroll 6
        for (int i = 0; i < MR64; ++i) {
            double* ci = c + i * ldc;
            _mm256_storeu_pd(ci, _mm256_fmadd_pd(vb, _mm256_loadu_pd(ci), _mm256_mul_pd(va, acc0[i])));
            _mm256_storeu_pd(ci + 4, _mm256_fmadd_pd(vb, _mm256_loadu_pd(ci + 4), _mm256_mul_pd(va, acc1[i])));
        }
    }
}

/*                                          name    mr    nr    kc   mc   nc   */
const mdl_gemm_kernel_f32 mdl_gemm_avx2_f32 = {"avx2", MR32, NR32, 256, 144, 2048, kernel_avx2_f32, 0};
const mdl_gemm_kernel_f64 mdl_gemm_avx2_f64 = {"avx2", MR64, NR64, 256, 72, 1024, kernel_avx2_f64, 0};

#else
const mdl_gemm_kernel_f32 mdl_gemm_avx2_f32 = {"avx2", 1, 1, 1, 1, 1, 0, 0};
const mdl_gemm_kernel_f64 mdl_gemm_avx2_f64 = {"avx2", 1, 1, 1, 1, 1, 0, 0};
#endif
