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

#if defined(MDL_AVX512_EMU) /* tools/avx512-emu.sh: the intrinsics emulated over AVX2 (cpu_avx512_push.inc) */
#define MDL_TARGET_AVX512 __attribute__((target("avx2,fma")))
#else
#define MDL_TARGET_AVX512 __attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma")))
#endif

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

/* ------------------------------------------------------------------------------------------
 * "Direct" kernels for thin products: n <= 16 (e.g. an MLP's 10-class output layer,
 * C[128,10] = H[128,256] W2[256,10]) or m <= 16. The packed path above would pad a 10-wide
 * C to its 32-wide tile (2/3 of the work wasted) and pay for packing both operands; here:
 *
 *   for each tile of R rows x 16 columns of C:           (R <= 16 f32, <= 12 f64)
 *     acc[r] = 0                                         one zmm (f64: two) per row of C
 *     for p < k:                                         k streamed, nothing packed
 *       bv = B[p, j0 : j0+16]                            one masked vector load
 *       acc[r] += A[i0+r, p] * bv     for r < R          R broadcasts + R FMAs
 *     C[i0+r, j0:j0+16] = alpha acc[r] (+ beta C)        masked store (beta == 0: C not read)
 *
 * i.e. exactly the plain loop  for i, p: for j: C[i,j] += A[i,p] B[p,j]  with the j loop
 * as one 16-lane vector and R rows of C kept in registers, so each B vector is loaded once
 * for R FMAs. A "mask" register switches off the lanes j >= n: masked loads do not touch
 * memory in the off lanes (no read past the end of B) and masked stores leave C alone there.
 * op(A)[i,p] = a[i*rsa + p*csa] (either layout); B must have unit column stride (row stride
 * ldb): the driver packs a transposed B first.
 * R is a compile-time constant in each copy of the tile function (the switch below makes
 * one copy per R), so the R accumulators are plain registers and the r loop is unrolled.
 * ---------------------------------------------------------------------------------------- */
#define MDL_INLINE static inline __attribute__((always_inline))

MDL_TARGET_AVX512 MDL_INLINE void direct_tile_f32(const int R, const int AT, int64_t k, const float* a, int64_t rsa,
                                                  int64_t csa, const float* b, int64_t ldb, __mmask16 mask, float* c,
                                                  int64_t ldc, float alpha, float beta)
{
    if (AT) rsa = 1; /* a compile-time 1: the R broadcasts come from R consecutive floats */
    __m512 acc[16];
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r) acc[r] = _mm512_setzero_ps();
    for (int64_t p = 0; p < k; ++p) {
        __m512 bv = _mm512_maskz_loadu_ps(mask, b + p * ldb);
        const float* ap = a + p * csa;
#pragma GCC unroll 16
        for (int r = 0; r < R; ++r) acc[r] = _mm512_fmadd_ps(_mm512_set1_ps(ap[r * rsa]), bv, acc[r]);
    }
    __m512 va = _mm512_set1_ps(alpha), vb = _mm512_set1_ps(beta);
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r) {
        float* cr = c + r * ldc;
        __m512 v = _mm512_mul_ps(va, acc[r]);
        if (beta != 0.0f) v = _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(mask, cr), v);
        _mm512_mask_storeu_ps(cr, mask, v);
    }
}

/* f64: a 16-column tile is two zmm of 8 doubles per row (NV = 2), or one when at most 8
 * columns are left (NV = 1: no FMAs on lanes that are all masked off). */
MDL_TARGET_AVX512 MDL_INLINE void direct_tile_f64(const int R, const int NV, const int AT, int64_t k, const double* a,
                                                  int64_t rsa, int64_t csa, const double* b, int64_t ldb, __mmask8 m0,
                                                  __mmask8 m1, double* c, int64_t ldc, double alpha, double beta)
{
    if (AT) rsa = 1;
    __m512d acc0[12], acc1[12];
#pragma GCC unroll 12
    for (int r = 0; r < R; ++r) { acc0[r] = _mm512_setzero_pd(); acc1[r] = _mm512_setzero_pd(); }
    for (int64_t p = 0; p < k; ++p) {
        __m512d b0 = _mm512_maskz_loadu_pd(m0, b + p * ldb);
        __m512d b1 = NV == 2 ? _mm512_maskz_loadu_pd(m1, b + p * ldb + 8) : b0;
        const double* ap = a + p * csa;
#pragma GCC unroll 12
        for (int r = 0; r < R; ++r) {
            __m512d av = _mm512_set1_pd(ap[r * rsa]);
            acc0[r] = _mm512_fmadd_pd(av, b0, acc0[r]);
            if (NV == 2) acc1[r] = _mm512_fmadd_pd(av, b1, acc1[r]);
        }
    }
    __m512d va = _mm512_set1_pd(alpha), vb = _mm512_set1_pd(beta);
#pragma GCC unroll 12
    for (int r = 0; r < R; ++r) {
        double* cr = c + r * ldc;
        __m512d v0 = _mm512_mul_pd(va, acc0[r]);
        if (beta != 0.0) v0 = _mm512_fmadd_pd(vb, _mm512_maskz_loadu_pd(m0, cr), v0);
        _mm512_mask_storeu_pd(cr, m0, v0);
        if (NV == 2) {
            __m512d v1 = _mm512_mul_pd(va, acc1[r]);
            if (beta != 0.0) v1 = _mm512_fmadd_pd(vb, _mm512_maskz_loadu_pd(m1, cr + 8), v1);
            _mm512_mask_storeu_pd(cr + 8, m1, v1);
        }
    }
}

/* One copy of the tile function per row count R and per layout of A (AT = 1: A transposed,
 * rsa == 1, known at compile time, so the R broadcasts use fixed offsets instead of R row
 * pointers). Row blocks are RMAX rows, and the last m % RMAX rows go in blocks of 8, 4, 2, 1
 * (so only 5 copies of each, not RMAX): mdl_direct_rows (cpu_gemm.h). */
#define DIRECT_SWITCH(R, RMAX, CALL) \
    switch (R) { case RMAX: CALL(RMAX); break; case 8: CALL(8); break; \
                 case 4: CALL(4); break; case 2: CALL(2); break; default: CALL(1); break; }

MDL_TARGET_AVX512
static void direct_f32(int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t rsa, int64_t csa,
                       const float* b, int64_t ldb, float beta, float* c, int64_t ldc)
{
    /* rows outer: a block of A rows stays in L1 while it meets every column tile of B */
    for (int64_t i0 = 0; i0 < m;) {
        int R = mdl_direct_rows(m - i0, 16);
        const float* ai = a + i0 * rsa;
        for (int64_t j0 = 0; j0 < n; j0 += 16) {
            int64_t cols = n - j0 < 16 ? n - j0 : 16;
            __mmask16 mask = (__mmask16)((1u << cols) - 1); /* lanes 0 .. cols-1 on */
            float* ci = c + i0 * ldc + j0;
#define TILE_T(r) direct_tile_f32(r, 1, k, ai, rsa, csa, b + j0, ldb, mask, ci, ldc, alpha, beta)
#define TILE_N(r) direct_tile_f32(r, 0, k, ai, rsa, csa, b + j0, ldb, mask, ci, ldc, alpha, beta)
            if (rsa == 1) { DIRECT_SWITCH(R, 16, TILE_T) }
            else          { DIRECT_SWITCH(R, 16, TILE_N) }
#undef TILE_T
#undef TILE_N
        }
        i0 += R;
    }
}

MDL_TARGET_AVX512
static void direct_f64(int64_t m, int64_t n, int64_t k, double alpha, const double* a, int64_t rsa, int64_t csa,
                       const double* b, int64_t ldb, double beta, double* c, int64_t ldc)
{
    for (int64_t i0 = 0; i0 < m;) {
        int R = mdl_direct_rows(m - i0, 12);
        const double* ai = a + i0 * rsa;
        for (int64_t j0 = 0; j0 < n; j0 += 16) {
            int64_t cols = n - j0 < 16 ? n - j0 : 16;
            unsigned bits = (1u << cols) - 1;
            __mmask8 m0 = (__mmask8)(bits & 0xFF), m1 = (__mmask8)(bits >> 8);
            double* ci = c + i0 * ldc + j0;
            /* NV = 2 vectors per row when more than 8 columns are left, else 1 */
#define TILE(r, nv, at) direct_tile_f64(r, nv, at, k, ai, rsa, csa, b + j0, ldb, m0, m1, ci, ldc, alpha, beta)
#define TILE_2T(r) TILE(r, 2, 1)
#define TILE_2N(r) TILE(r, 2, 0)
#define TILE_1T(r) TILE(r, 1, 1)
#define TILE_1N(r) TILE(r, 1, 0)
            if (cols > 8) {
                if (rsa == 1) { DIRECT_SWITCH(R, 12, TILE_2T) }
                else          { DIRECT_SWITCH(R, 12, TILE_2N) }
            } else {
                if (rsa == 1) { DIRECT_SWITCH(R, 12, TILE_1T) }
                else          { DIRECT_SWITCH(R, 12, TILE_1N) }
            }
#undef TILE
#undef TILE_2T
#undef TILE_2N
#undef TILE_1T
#undef TILE_1N
        }
        i0 += R;
    }
}

/*                                            name      mr    nr    kc   mc    nc   */
const mdl_gemm_kernel_f32 mdl_gemm_avx512_f32 = {"avx512", MR32, NR32, 256, 336, 2048, kernel_avx512_f32, direct_f32};
const mdl_gemm_kernel_f64 mdl_gemm_avx512_f64 = {"avx512", MR64, NR64, 256, 168, 1024, kernel_avx512_f64, direct_f64};

#else /* not x86: the kernel does not exist, the driver falls back to scalar */
const mdl_gemm_kernel_f32 mdl_gemm_avx512_f32 = {"avx512", 1, 1, 1, 1, 1, 0, 0};
const mdl_gemm_kernel_f64 mdl_gemm_avx512_f64 = {"avx512", 1, 1, 1, 1, 1, 0, 0};
#endif
