/*
 * cpu_gemm_neon.c — arm64 NEON (Advanced SIMD) GEMM micro-kernels (see cpu_gemm.h for the contract).
 *
 *   f32: an 8 x 12 tile of C in 24 q registers (8 rows x 3 registers of 4 floats).
 *   f64: an 8 x 6 tile of C in 24 q registers (8 rows x 3 registers of 2 doubles).
 *
 * The same rank-1-update loop as the AVX2 kernel, acc[i][:] += Ap[p*MR + i] * Bp[p*NR + :], with
 * one difference: NEON's fused multiply-add takes its scalar from a lane of a register
 * (FMLA v.4s, v.4s, v.s[lane]), so the 8 values of A are loaded as 2 (f32) or 4 (f64) whole
 * registers instead of being broadcast one by one. Registers: 24 accumulators + 3 of B + 2
 * (f32) or 4 (f64) of A = 29 or 31 of the 32. NEON is part of every AArch64 CPU; this file is
 * compiled on every target and holds the kernels only on arm64. Its speed has not been
 * measured (the project's machines are x86-64; it is checked for correctness under qemu).
 */
#include "cpu_gemm.h"

#if MDL_HAVE_NEON_KERNELS
#include <arm_neon.h>

enum { MR32 = 8, NR32 = 12, MR64 = 8, NR64 = 6 };

/* acc[i][0..2] += a[lane] * (b0, b1, b2): row i of the tile. `lane` must be a constant. */
#define ROW_F32(i, a, lane)                                  \
    acc[i][0] = vfmaq_laneq_f32(acc[i][0], b0, a, lane);     \
    acc[i][1] = vfmaq_laneq_f32(acc[i][1], b1, a, lane);     \
    acc[i][2] = vfmaq_laneq_f32(acc[i][2], b2, a, lane)
#define ROW_F64(i, a, lane)                                  \
    acc[i][0] = vfmaq_laneq_f64(acc[i][0], b0, a, lane);     \
    acc[i][1] = vfmaq_laneq_f64(acc[i][1], b1, a, lane);     \
    acc[i][2] = vfmaq_laneq_f64(acc[i][2], b2, a, lane)

/* Row i of C = alpha acc[i] + beta C (beta == 0: C is not read). Every index of acc is a constant,
 * written out row by row (EACH_ROW), so that gcc keeps all 24 accumulators in registers; an index
 * that is a loop variable would make it keep the array in memory and store it on every step. */
#define STORE_F32(i, j)                                                               \
    {                                                                                 \
        float32x4_t v = vmulq_n_f32(acc[i][j], alpha);                                \
        if (beta != 0.0f) v = vfmaq_n_f32(v, vld1q_f32(c + (i) * ldc + 4 * (j)), beta); \
        vst1q_f32(c + (i) * ldc + 4 * (j), v);                                        \
    }
#define STORE_F64(i, j)                                                               \
    {                                                                                 \
        float64x2_t v = vmulq_n_f64(acc[i][j], alpha);                                \
        if (beta != 0.0) v = vfmaq_n_f64(v, vld1q_f64(c + (i) * ldc + 2 * (j)), beta); \
        vst1q_f64(c + (i) * ldc + 2 * (j), v);                                        \
    }
#define STORE_ROW_F32(i) STORE_F32(i, 0) STORE_F32(i, 1) STORE_F32(i, 2)
#define STORE_ROW_F64(i) STORE_F64(i, 0) STORE_F64(i, 1) STORE_F64(i, 2)
#define EACH_ROW(M) M(0) M(1) M(2) M(3) M(4) M(5) M(6) M(7)

/* C[8,12] = alpha * Ap[kc,8]^T Bp[kc,12] + beta * C */
static void kernel_neon_f32(int64_t kc, const float* restrict ap, const float* restrict bp, float* restrict c,
                            int64_t ldc, float alpha, float beta)
{
    float32x4_t acc[MR32][3];
    const float32x4_t zero = vdupq_n_f32(0.0f);
#define ZERO_ROW(i) acc[i][0] = acc[i][1] = acc[i][2] = zero;
    EACH_ROW(ZERO_ROW)
#undef ZERO_ROW
    for (int64_t p = 0; p < kc; ++p) {
        float32x4_t b0 = vld1q_f32(bp), b1 = vld1q_f32(bp + 4), b2 = vld1q_f32(bp + 8);
        float32x4_t a0 = vld1q_f32(ap), a1 = vld1q_f32(ap + 4); /* rows 0-3, 4-7 */
        ROW_F32(0, a0, 0); ROW_F32(1, a0, 1); ROW_F32(2, a0, 2); ROW_F32(3, a0, 3);
        ROW_F32(4, a1, 0); ROW_F32(5, a1, 1); ROW_F32(6, a1, 2); ROW_F32(7, a1, 3);
        ap += MR32;
        bp += NR32;
    }
    EACH_ROW(STORE_ROW_F32)
}

/* C[8,6] = alpha * Ap[kc,8]^T Bp[kc,6] + beta * C */
static void kernel_neon_f64(int64_t kc, const double* restrict ap, const double* restrict bp, double* restrict c,
                            int64_t ldc, double alpha, double beta)
{
    float64x2_t acc[MR64][3];
    const float64x2_t zero = vdupq_n_f64(0.0);
#define ZERO_ROW(i) acc[i][0] = acc[i][1] = acc[i][2] = zero;
    EACH_ROW(ZERO_ROW)
#undef ZERO_ROW
    for (int64_t p = 0; p < kc; ++p) {
        float64x2_t b0 = vld1q_f64(bp), b1 = vld1q_f64(bp + 2), b2 = vld1q_f64(bp + 4);
        float64x2_t a0 = vld1q_f64(ap), a1 = vld1q_f64(ap + 2), a2 = vld1q_f64(ap + 4), a3 = vld1q_f64(ap + 6);
        ROW_F64(0, a0, 0); ROW_F64(1, a0, 1); ROW_F64(2, a1, 0); ROW_F64(3, a1, 1);
        ROW_F64(4, a2, 0); ROW_F64(5, a2, 1); ROW_F64(6, a3, 0); ROW_F64(7, a3, 1);
        ap += MR64;
        bp += NR64;
    }
    EACH_ROW(STORE_ROW_F64)
}

/* Cache blocking: a kc x nr panel of B is 12 KiB (f32) in L1, an mc x kc block of A 128 KiB in L2
 * (every arm64 core of a laptop or server has at least 64 KiB L1d and 512 KiB L2 per core or cluster). */
/*                                          name    mr    nr    kc   mc    nc   */
const mdl_gemm_kernel_f32 mdl_gemm_neon_f32 = {"neon", MR32, NR32, 256, 128, 2040, kernel_neon_f32, 0};
const mdl_gemm_kernel_f64 mdl_gemm_neon_f64 = {"neon", MR64, NR64, 256, 64, 1020, kernel_neon_f64, 0};

#else
const mdl_gemm_kernel_f32 mdl_gemm_neon_f32 = {"neon", 1, 1, 1, 1, 1, 0, 0};
const mdl_gemm_kernel_f64 mdl_gemm_neon_f64 = {"neon", 1, 1, 1, 1, 1, 0, 0};
#endif
