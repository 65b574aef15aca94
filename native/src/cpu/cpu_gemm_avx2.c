/*
 * cpu_gemm_avx2.c — AVX2 + FMA GEMM micro-kernels (see cpu_gemm.h for the contract).
 *
 *   f32: a 6 x 16 tile of C in 12 ymm registers (6 rows x 2 registers of 8 floats).
 *   f64: a 6 x 8 tile of C in 12 ymm registers (6 rows x 2 registers of 4 doubles).
 *
 * Same rank-1-update loop as the AVX-512 kernel: acc[i][:] += Ap[p*MR + i] * Bp[p*NR + :].
 * 12 accumulators + 2 B registers + 1 broadcast = 15 of the 16 ymm registers.
 * Thin products (n, m or k <= 16) take the unpacked "direct" kernels at the end of the file.
 * Runs on any x86-64 CPU with AVX2 and FMA (Haswell and later, Zen 1 and later).
 */
#include "cpu_gemm.h"

#if MDL_HAVE_X86_KERNELS
#include <immintrin.h>

#define MDL_TARGET_AVX2 __attribute__((target("avx2,fma")))

enum { MR32 = 6, NR32 = 16, MR64 = 6, NR64 = 8 };

/* Both kernels first ask for the tile's rows of C (prefetchw: a row of 16 floats / 8 doubles
 * is one or two cache lines), then run the k loop. Why: C is only touched after the loop, and
 * in a large product its lines are in L3 or memory; loaded only then, the kernel stalls
 * ~100 ns at its end, while requested first they arrive during the ~250 ns of the loop (BLIS's
 * kernels, and cpu_gemm_avx512.c's, do the same). Measured (bench/NOTES.md): SGEMM / DGEMM at
 * 512-2048, paired against the kernels without it, ~5-10% faster. */

/* C[6,16] = alpha * Ap[kc,6]^T Bp[kc,16] + beta * C */
MDL_TARGET_AVX2
static void kernel_avx2_f32(int64_t kc, const float* restrict ap, const float* restrict bp, float* restrict c,
                            int64_t ldc, float alpha, float beta)
{
    __m256 acc0[MR32], acc1[MR32];
#pragma GCC unroll 6
    for (int i = 0; i < MR32; ++i) {
        __builtin_prefetch(c + i * ldc, 1, 3);
        __builtin_prefetch(c + i * ldc + 15, 1, 3);
    }
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
    for (int i = 0; i < MR64; ++i) {
        __builtin_prefetch(c + i * ldc, 1, 3);
        __builtin_prefetch(c + i * ldc + 7, 1, 3);
    }
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

/* ------------------------------------------------------------------------------------------
 * "Direct" kernels for thin products (n, m or k <= 16: an MLP's 10-class layer, e.g.
 * C[128,10] = H[128,256] W2[256,10] and its gradient W2' = H^T dY), as in cpu_gemm_avx512.c:
 * the plain loop  for i, p: for j: C[i,j] += A[i,p] B[p,j]  with R rows of C in registers and
 * the j loop as NV vectors, nothing packed. The packed path would pad a 10-wide C to 16 and
 * pack both operands, about as much work as the product itself at these sizes.
 *
 *   for each tile of R rows x W columns of C:      W = 8 NV floats / 4 NV doubles, NV = 1 or 2
 *     acc[r][v] = 0
 *     for p < k:
 *       bv[v] = B[p, j0 + v*L : +L]               NV vector loads (L = 8 floats / 4 doubles)
 *       acc[r][v] += A[i0+r, p] * bv[v]           R broadcasts, R*NV FMAs
 *     C[i0+r, j0 : j0+W] = alpha acc[r] (+ beta C) NV stores per row (beta == 0: C not read)
 *
 * Registers (16 ymm): R*NV accumulators + NV of B + 1 broadcast, so R <= 6 with NV = 2 and
 * R <= 12 with NV = 1 (when the product has at most one vector's width of columns). Only the
 * edge tile (fewer than W columns left) masks its loads and stores: AVX2 masks are integer
 * vectors (vmaskmov; lanes off neither load nor store), and masked stores are slow on AMD Zen
 * (masking every tile took 128 x 256 x 10 from 53 to 20 GFLOP/s). R, NV and the layout of A
 * (AT = 1: transposed, the R broadcasts are consecutive) are compile-time constants in each
 * copy of the tile function.
 * ---------------------------------------------------------------------------------------- */
#define MDL_INLINE static inline __attribute__((always_inline))

/* lanes 0 .. cols-1 of a vector of 8 dwords (f32) / 4 qwords (f64) on, for cols < 0 none */
MDL_TARGET_AVX2 MDL_INLINE __m256i lanes_f32(int64_t cols)
{
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(cols < 8 ? cols : 8)), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
MDL_TARGET_AVX2 MDL_INLINE __m256i lanes_f64(int64_t cols)
{
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x(cols < 4 ? cols : 4), _mm256_setr_epi64x(0, 1, 2, 3));
}

/* One row's vector of B or C: plain when the tile is whole (FULL), else masked; the store
 * applies alpha (already in v) and beta (beta == 0: C not read). */
#define DIRECT_IO_AVX2(T, SFX, V, X)                                                                         \
    MDL_TARGET_AVX2 MDL_INLINE V ld_##SFX(const T* p, __m256i m, int full)                                  \
    {                                                                                                       \
        return full ? _mm256_loadu_##X(p) : _mm256_maskload_##X(p, m);                                     \
    }                                                                                                       \
    MDL_TARGET_AVX2 MDL_INLINE void st_##SFX(T* p, V v, __m256i m, int full, T beta, V vb)                  \
    {                                                                                                       \
        if (beta != 0) v = _mm256_fmadd_##X(vb, ld_##SFX(p, m, full), v);                                   \
        if (full) _mm256_storeu_##X(p, v);                                                                  \
        else _mm256_maskstore_##X(p, m, v);                                                                 \
    }
DIRECT_IO_AVX2(float, f32, __m256, ps)
DIRECT_IO_AVX2(double, f64, __m256d, pd)
#undef DIRECT_IO_AVX2

/* The tile: R rows x NV vectors of L lanes of C (T = float / double, V its vector type, X the
 * intrinsics' suffix, BC the broadcast). AT = 1: A transposed (rsa == 1 at compile time). */
#define DIRECT_TILE_AVX2(T, SFX, V, X, BC, L)                                                                 \
    MDL_TARGET_AVX2 MDL_INLINE void direct_tile_avx2_##SFX(const int R, const int NV, const int AT, const int FULL, \
                                                           int64_t k, const T* a, int64_t rsa, int64_t csa,    \
                                                           const T* b, int64_t ldb, __m256i m0, __m256i m1,    \
                                                           T* c, int64_t ldc, T alpha, T beta)                 \
    {                                                                                                         \
        if (AT) rsa = 1; /* a compile-time 1 */                                                               \
        V acc0[12], acc1[12];                                                                                 \
        _Pragma("GCC unroll 12")                                                                              \
        for (int r = 0; r < R; ++r) { acc0[r] = _mm256_setzero_##X(); acc1[r] = _mm256_setzero_##X(); }      \
        for (int64_t p = 0; p < k; ++p) {                                                                     \
            V b0 = ld_##SFX(b + p * ldb, m0, FULL);                                                           \
            V b1 = NV < 2 ? b0 : ld_##SFX(b + p * ldb + (L), m1, FULL);                                       \
            const T* ap = a + p * csa;                                                                        \
            _Pragma("GCC unroll 12")                                                                          \
            for (int r = 0; r < R; ++r) {                                                                     \
                V av = BC(ap + r * rsa);                                                                      \
                acc0[r] = _mm256_fmadd_##X(av, b0, acc0[r]);                                                  \
                if (NV == 2) acc1[r] = _mm256_fmadd_##X(av, b1, acc1[r]);                                     \
            }                                                                                                 \
        }                                                                                                     \
        V va = _mm256_set1_##X(alpha), vb = _mm256_set1_##X(beta);                                           \
        _Pragma("GCC unroll 12")                                                                              \
        for (int r = 0; r < R; ++r) {                                                                         \
            st_##SFX(c + r * ldc, _mm256_mul_##X(va, acc0[r]), m0, FULL, beta, vb);                           \
            if (NV == 2) st_##SFX(c + r * ldc + (L), _mm256_mul_##X(va, acc1[r]), m1, FULL, beta, vb);        \
        }                                                                                                     \
    }
DIRECT_TILE_AVX2(float, f32, __m256, ps, _mm256_broadcast_ss, 8)
DIRECT_TILE_AVX2(double, f64, __m256d, pd, _mm256_broadcast_sd, 4)
#undef DIRECT_TILE_AVX2

/* Rows per block (mdl_direct_rows, cpu_gemm.h): RMAX (6 with two vectors a row, 12 with one), and
 * the last rows in blocks of 8 (one vector only), 4, 2, 1. */
#define DIRECT_SWITCH_AVX2(R, CALL)                                         \
    switch (R) {                                                            \
    case 12: CALL(12); break; case 8: CALL(8); break; case 6: CALL(6); break; \
    case 4: CALL(4); break; case 2: CALL(2); break; default: CALL(1); break;  \
    }

/* T = float / double, L = lanes a vector; W = 2L columns a tile */
#define DIRECT_AVX2(T, SFX, L)                                                                                    \
    MDL_TARGET_AVX2 static void direct_avx2_##SFX(int64_t m, int64_t n, int64_t k, T alpha, const T* a, int64_t rsa, \
                                                  int64_t csa, const T* b, int64_t ldb, T beta, T* c, int64_t ldc) \
    {                                                                                                             \
        const int rmax = n > (L) ? 6 : 12; /* two vectors a row, or one */                                       \
        for (int64_t i0 = 0; i0 < m;) { /* rows outer: R rows of A stay in L1 across the column tiles */         \
            int R = mdl_direct_rows(m - i0, rmax);                                                                \
            const T* ai = a + i0 * rsa;                                                                           \
            for (int64_t j0 = 0; j0 < n; j0 += 2 * (L)) {                                                         \
                int64_t cols = n - j0 < 2 * (L) ? n - j0 : 2 * (L);                                               \
                __m256i m0 = lanes_##SFX(cols), m1 = lanes_##SFX(cols - (L));                                     \
                T* ci = c + i0 * ldc + j0;                                                                        \
                if (cols == 2 * (L)) { /* a whole tile: plain loads and stores */                                 \
                    if (rsa == 1) { DIRECT_SWITCH_AVX2(R, TILE_FT) }                                              \
                    else          { DIRECT_SWITCH_AVX2(R, TILE_FN) }                                              \
                } else if (cols > (L)) {                                                                          \
                    if (rsa == 1) { DIRECT_SWITCH_AVX2(R, TILE_2T) }                                              \
                    else          { DIRECT_SWITCH_AVX2(R, TILE_2N) }                                              \
                } else {                                                                                          \
                    if (rsa == 1) { DIRECT_SWITCH_AVX2(R, TILE_1T) }                                              \
                    else          { DIRECT_SWITCH_AVX2(R, TILE_1N) }                                              \
                }                                                                                                 \
            }                                                                                                     \
            i0 += R;                                                                                              \
        }                                                                                                         \
    }

/* (R > 6 with two vectors never happens, rmax is 6 then: those copies are made R = 6, not 12 x 2 spilled) */
#define TILE(r, nv, at, full) direct_tile_avx2_f32((r) > 6 && (nv) == 2 ? 6 : (r), nv, at, full, k, ai, rsa, csa, b + j0, ldb, \
                                             m0, m1, ci, ldc, alpha, beta)
#define TILE_FT(r) TILE(r, 2, 1, 1)
#define TILE_FN(r) TILE(r, 2, 0, 1)
#define TILE_2T(r) TILE(r, 2, 1, 0)
#define TILE_2N(r) TILE(r, 2, 0, 0)
#define TILE_1T(r) TILE(r, 1, 1, 0)
#define TILE_1N(r) TILE(r, 1, 0, 0)
DIRECT_AVX2(float, f32, 8)
#undef TILE
#define TILE(r, nv, at, full) direct_tile_avx2_f64((r) > 6 && (nv) == 2 ? 6 : (r), nv, at, full, k, ai, rsa, csa, b + j0, ldb, \
                                             m0, m1, ci, ldc, alpha, beta)
DIRECT_AVX2(double, f64, 4)
#undef TILE
#undef TILE_FT
#undef TILE_FN
#undef TILE_2T
#undef TILE_2N
#undef TILE_1T
#undef TILE_1N

/*                                          name    mr    nr    kc   mc   nc                        */
const mdl_gemm_kernel_f32 mdl_gemm_avx2_f32 = {"avx2", MR32, NR32, 256, 144, 2048, kernel_avx2_f32, direct_avx2_f32};
const mdl_gemm_kernel_f64 mdl_gemm_avx2_f64 = {"avx2", MR64, NR64, 256, 72, 1024, kernel_avx2_f64, direct_avx2_f64};

#else
const mdl_gemm_kernel_f32 mdl_gemm_avx2_f32 = {"avx2", 1, 1, 1, 1, 1, 0, 0};
const mdl_gemm_kernel_f64 mdl_gemm_avx2_f64 = {"avx2", 1, 1, 1, 1, 1, 0, 0};
#endif
