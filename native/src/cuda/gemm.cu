/*
 * gemm.cu — matrix multiply (mdl_gemm) and transpose (mdl_transpose).
 *
 * The math. op(A) is m x k, op(B) is k x n, C is m x n, all row-major:
 *   C[i,j] = alpha * sum_p op(A)[i,p] * op(B)[p,j] + beta * C[i,j]
 * with op(A) = A (stored m x k: A[i,p] = a[i*k + p])   when trans_a = 0
 *           or A^T (A stored k x m: op(A)[i,p] = a[p*m + i]) when trans_a = 1,
 * and the same for B (stored k x n: b[p*n + j], or n x k: b[j*k + p]).
 * beta == 0 overwrites C without reading it, so NaN/garbage in C never leaks into the result.
 *
 * Why the transposes: the backward of the matmul node Y = X W (X: batch x in, W: in x out;
 * Lesson 7 "Neural Network", "Matmul Node") is
 *   nabla X = nabla Y W^T    (trans_b = 1)        nabla W = X^T nabla Y    (trans_a = 1)
 * (Y[i,j] = sum_p X[i,p] W[p,j], so dY[i,j]/dX[i,p] = W[p,j] and dY[i,j]/dW[p,j] = X[i,p]; summing
 * over the uses: nabla X[i,p] = sum_j nabla Y[i,j] W[p,j], nabla W[p,j] = sum_i X[i,p] nabla Y[i,j]),
 * so the layers never materialize a transposed copy.
 *
 * A GEMM does 2mnk flops on (mk + kn + mn) elements: at 4096^3 that is 137 GFLOP on 200 MB,
 * ~700 flops per byte, far above what DRAM can feed (an H100 does ~60 FP32 TFLOPS on ~3 TB/s,
 * so ~20 flops per byte). GEMM is therefore compute-bound *if* every element fetched from DRAM
 * is reused many times from faster memory. The four kernels are the steps of that reuse:
 *
 *   kernel1  naive: one thread per C[i,j], reading its row of A and column of B straight from
 *            global memory. Each element is fetched k times from L1/L2; ~1-3% of peak.
 *   kernel2  shared-memory tiling: a 32x32 block of threads computes a 32x32 tile of C; the
 *            k dimension is walked in 32-wide slabs staged in shared memory, so each global
 *            element is loaded once per block and reused 32 times from shared memory. ~10-15%.
 *   kernel3  register blocking (2D tiling): 256 threads compute a 128x128 tile, each thread an
 *            8x8 sub-tile held in registers. Per k step a thread loads 8 values of A and 8 of B
 *            (two float4 each from shared memory) and does 64 FMAs: 4 FMAs per shared-memory
 *            load instead of 1. ~60-70% of cuBLAS.
 *   kernel4  kernel3 made fast: double-buffered shared memory (the next k slab is loaded from
 *            global memory into registers while the current one is computed, then stored into
 *            the other buffer: one __syncthreads per slab), float4 global loads when the
 *            layout allows, each thread's 8x8 split into four 4x4 pieces 64 rows/cols apart so
 *            that a warp's shared-memory reads hit distinct banks or broadcast, and vectorized
 *            stores of C. The default. Target: >= 80% of cuBLAS SGEMM (no tensor cores, no
 *            TF32 — plain FP32/FP64 FMAs, like cublasSgemm in its default math mode).
 *
 * Select a version with the environment variable MINIDL_KERNEL_GEMM=1..4 (or MINIDL_GEMM_KERNEL;
 * read at every call; default 4; versions.cuh), e.g. to benchmark them against each other.
 *
 * All kernels handle any m, n, k (including 0, 1, 17 …), both transposes, f32 and f64; the
 * vectorized paths of kernel4 are used only where sizes and alignment allow, with a
 * bounds-checked scalar fallback for edges.
 */
#include <limits.h>
#include <stdlib.h>

#include "common.cuh"
#include "versions.cuh"

/* The meaning of every kernel below, as a plain float64 loop: native/tests/reference.c
 * (ref_gemm, ref_transpose); the harness checks this file's kernels against it. */

/* ============================================================================================
 * helpers
 * ============================================================================================ */

/* op(A)[i,p] and op(B)[p,j] straight from global memory. */
template <typename T>
__device__ __forceinline__ T load_op_a(const T* a, int trans_a, int m, int k, int i, int p)
{
    return trans_a ? a[(int64_t)p * m + i] : a[(int64_t)i * k + p];
}
template <typename T>
__device__ __forceinline__ T load_op_b(const T* b, int trans_b, int n, int k, int p, int j)
{
    return trans_b ? b[(int64_t)j * k + p] : b[(int64_t)p * n + j];
}

/* C[i,j] = alpha acc + beta C[i,j]; beta == 0 never reads C. */
template <typename T>
__device__ __forceinline__ void store_c(T* c, int64_t idx, T alpha, T acc, T beta)
{
    c[idx] = beta == T(0) ? alpha * acc : alpha * acc + beta * c[idx];
}

/* Four consecutive elements in one (float4) or two (double2) 16-byte accesses. The address must
 * be 16-byte aligned. Used for shared memory (lds4/sts4) and global memory (ldg4/stg4). */
__device__ __forceinline__ void ld4(float* d, const float* s)
{
    float4 v = *reinterpret_cast<const float4*>(s);
    d[0] = v.x; d[1] = v.y; d[2] = v.z; d[3] = v.w;
}
__device__ __forceinline__ void ld4(double* d, const double* s)
{
    double2 v0 = reinterpret_cast<const double2*>(s)[0];
    double2 v1 = reinterpret_cast<const double2*>(s)[1];
    d[0] = v0.x; d[1] = v0.y; d[2] = v1.x; d[3] = v1.y;
}
__device__ __forceinline__ void st4(float* d, const float* s)
{
    *reinterpret_cast<float4*>(d) = make_float4(s[0], s[1], s[2], s[3]);
}
__device__ __forceinline__ void st4(double* d, const double* s)
{
    reinterpret_cast<double2*>(d)[0] = make_double2(s[0], s[1]);
    reinterpret_cast<double2*>(d)[1] = make_double2(s[2], s[3]);
}

/* ============================================================================================
 * kernel1: naive — one thread per output element
 * ============================================================================================
 * Every gemm_kernelN takes the arguments of mdl_gemm (the header's shapes):
 *   a  [m, k] (trans_a = 0) or [k, m] (trans_a = 1)
 *   b  [k, n] (trans_b = 0) or [n, k] (trans_b = 1)
 *   c  [m, n]: C = alpha op(A) op(B) + beta C
 * m, n, k are at most GEMM_MAX_DIM (mdl_impl_gemm checks: int indexing); blocks and grids are each kernel's own. */

#define K1_TILE 16

template <typename T>
__global__ void gemm_kernel1(int trans_a, int trans_b, int m, int n, int k, T alpha,
                             const T* __restrict__ a, const T* __restrict__ b, T beta, T* __restrict__ c)
{
    /* threadIdx.x walks the columns: the 16 threads of a half-warp row read consecutive B[p,j]
     * (coalesced when B is not transposed) and all read the same A[i,p] (a broadcast). */
    const int j = blockIdx.x * K1_TILE + threadIdx.x;
    const int i = blockIdx.y * K1_TILE + threadIdx.y;
    if (i >= m || j >= n) return;
    T acc = T(0);
    for (int p = 0; p < k; ++p) acc += load_op_a(a, trans_a, m, k, i, p) * load_op_b(b, trans_b, n, k, p, j);
    store_c(c, (int64_t)i * n + j, alpha, acc, beta);
}

/* ============================================================================================
 * kernel2: shared-memory tiling — 32x32 threads, one 32x32 tile of C per block
 * ============================================================================================ */

#define K2_TILE 32

template <typename T>
__global__ void gemm_kernel2(int trans_a, int trans_b, int m, int n, int k, T alpha,
                             const T* __restrict__ a, const T* __restrict__ b, T beta, T* __restrict__ c)
{
    /* As[r][q] = op(A)[row0 + r, p0 + q],  Bs[q][s] = op(B)[p0 + q, col0 + s].
     * +1 column of padding: the transposed loads below write columns of the tile, and without
     * padding all 32 threads of a warp would hit the same bank. */
    __shared__ T As[K2_TILE][K2_TILE + 1];
    __shared__ T Bs[K2_TILE][K2_TILE + 1];
    const int tx = threadIdx.x, ty = threadIdx.y;
    const int row0 = blockIdx.y * K2_TILE, col0 = blockIdx.x * K2_TILE;
    T acc = T(0);
    for (int p0 = 0; p0 < k; p0 += K2_TILE) {
        /* Load so that consecutive tx read consecutive addresses (coalesced):
         *  A not transposed: a[i*k + p], contiguous in p  -> thread (ty,tx) loads (i=ty, p=tx)
         *  A transposed:     a[p*m + i], contiguous in i  -> thread (ty,tx) loads (i=tx, p=ty) */
        if (!trans_a) {
            const int i = row0 + ty, p = p0 + tx;
            As[ty][tx] = (i < m && p < k) ? a[(int64_t)i * k + p] : T(0);
        } else {
            const int i = row0 + tx, p = p0 + ty;
            As[tx][ty] = (i < m && p < k) ? a[(int64_t)p * m + i] : T(0);
        }
        if (!trans_b) {
            const int p = p0 + ty, j = col0 + tx;
            Bs[ty][tx] = (p < k && j < n) ? b[(int64_t)p * n + j] : T(0);
        } else {
            const int p = p0 + tx, j = col0 + ty;
            Bs[tx][ty] = (p < k && j < n) ? b[(int64_t)j * k + p] : T(0);
        }
        __syncthreads();
        /* As[ty][q]: the same address for the whole warp (broadcast); Bs[q][tx]: 32 banks. */
#pragma unroll 8
        for (int q = 0; q < K2_TILE; ++q) acc += As[ty][q] * Bs[q][tx];
        __syncthreads(); /* before the next slab overwrites the tiles */
    }
    const int i = row0 + ty, j = col0 + tx;
    if (i < m && j < n) store_c(c, (int64_t)i * n + j, alpha, acc, beta);
}

/* ============================================================================================
 * kernel3: register blocking — 128x128 tile per block of 256 threads, 8x8 outputs per thread
 * ============================================================================================ */

#define K3_BM 128
#define K3_BN 128
#define K3_BK 8
#define K3_TM 8
#define K3_TN 8
#define K3_THREADS ((K3_BM / K3_TM) * (K3_BN / K3_TN)) /* 256 */

template <typename T>
__global__ void __launch_bounds__(K3_THREADS)
gemm_kernel3(int trans_a, int trans_b, int m, int n, int k, T alpha,
             const T* __restrict__ a, const T* __restrict__ b, T beta, T* __restrict__ c)
{
    /* A's tile is stored transposed, As[q][r] = op(A)[row0 + r, p0 + q], so that the 8 values
     * of A a thread needs at step q are contiguous (two float4 loads), like B's. */
    __shared__ __align__(16) T As[K3_BK][K3_BM];
    __shared__ __align__(16) T Bs[K3_BK][K3_BN];
    const int tid = threadIdx.x;
    const int tx = tid % (K3_BN / K3_TN); /* 0..15: this thread's columns tx*8 .. tx*8+7 */
    const int ty = tid / (K3_BN / K3_TN); /* 0..15: this thread's rows    ty*8 .. ty*8+7 */
    const int row0 = blockIdx.y * K3_BM, col0 = blockIdx.x * K3_BN;

    T acc[K3_TM][K3_TN];
#pragma unroll
    for (int i = 0; i < K3_TM; ++i)
#pragma unroll
        for (int j = 0; j < K3_TN; ++j) acc[i][j] = T(0);

    for (int p0 = 0; p0 < k; p0 += K3_BK) {
        /* 1024 elements of each tile, 4 per thread. The element -> (row, col) mapping follows
         * the storage order so that consecutive threads read consecutive addresses. */
        for (int e = tid; e < K3_BM * K3_BK; e += K3_THREADS) {
            int r, q;
            if (!trans_a) { r = e / K3_BK; q = e % K3_BK; }
            else          { q = e / K3_BM; r = e % K3_BM; }
            const int i = row0 + r, p = p0 + q;
            As[q][r] = (i < m && p < k) ? load_op_a(a, trans_a, m, k, i, p) : T(0);
        }
        for (int e = tid; e < K3_BK * K3_BN; e += K3_THREADS) {
            int q, s;
            if (!trans_b) { q = e / K3_BN; s = e % K3_BN; }
            else          { s = e / K3_BK; q = e % K3_BK; }
            const int p = p0 + q, j = col0 + s;
            Bs[q][s] = (p < k && j < n) ? load_op_b(b, trans_b, n, k, p, j) : T(0);
        }
        __syncthreads();
#pragma unroll
        for (int q = 0; q < K3_BK; ++q) {
            T fa[K3_TM], fb[K3_TN]; /* a column of A's tile, a row of B's: an outer product */
            ld4(fa, &As[q][ty * K3_TM]);
            ld4(fa + 4, &As[q][ty * K3_TM + 4]);
            ld4(fb, &Bs[q][tx * K3_TN]);
            ld4(fb + 4, &Bs[q][tx * K3_TN + 4]);
#pragma unroll
            for (int i = 0; i < K3_TM; ++i)
#pragma unroll
                for (int j = 0; j < K3_TN; ++j) acc[i][j] += fa[i] * fb[j];
        }
        __syncthreads();
    }
#pragma unroll
    for (int i = 0; i < K3_TM; ++i) {
        const int gi = row0 + ty * K3_TM + i;
        if (gi >= m) continue;
#pragma unroll
        for (int j = 0; j < K3_TN; ++j) {
            const int gj = col0 + tx * K3_TN + j;
            if (gj < n) store_c(c, (int64_t)gi * n + gj, alpha, acc[i][j], beta);
        }
    }
}

/* ============================================================================================
 * kernel4: kernel3 + double buffering, float4 global loads, conflict-free fragment layout
 * ============================================================================================
 *
 * Block tile 128 x 128, k slab 8, 256 threads, 8x8 outputs per thread.
 *
 * Which outputs a thread owns. The 256 threads form a 16 x 16 grid (ty, tx); thread (ty, tx)
 * owns rows {ty*4 .. ty*4+3} and {64+ty*4 .. 64+ty*4+3} and the same for columns with tx: four
 * 4x4 pieces. At each k step it reads As[q][ty*4..+3], As[q][64+ty*4..+3], Bs[q][tx*4..+3],
 * Bs[q][64+tx*4..+3]: four float4 loads. The warp is laid out 4 (ty) x 8 (tx) so that a warp
 * reads 4 distinct float4 of A (broadcast to 8 lanes each) and 8 distinct consecutive float4 of
 * B: no bank conflicts and few shared-memory wavefronts per FMA.
 *
 * Double buffering. Two copies of each tile. While computing slab t from buffer t%2, each thread
 * has already issued the global loads of slab t+1 into registers (ra, rb), whose latency hides
 * behind 512 FMAs; after computing it stores them into buffer (t+1)%2 and one __syncthreads
 * makes them visible. Buffer (t+1)%2 was last read during slab t-1, which every thread finished
 * before the __syncthreads that ended iteration t-1, so the overwrite is safe.
 *
 * Global loads (4 consecutive elements per thread per tile):
 *   A not transposed (a[i*k+p]):  thread -> (r = tid/2, q = (tid%2)*4): a float4 along p,
 *                                 stored transposed into As[q..q+3][r].
 *   A transposed (a[p*m+i]):      thread -> (q = tid/32, r = (tid%32)*4): a float4 along i,
 *                                 stored as a float4 into As[q][r..r+3].
 *   B not transposed (b[p*n+j]):  like A transposed.     B transposed (b[j*k+p]): like A.
 * float4 needs the 4 elements in bounds and 16-byte aligned: the launcher passes vec_a / vec_b
 * (row length a multiple of 4 and the base pointer aligned); otherwise, and at the edges, the
 * 4 elements are loaded one by one with bounds checks (zeros outside the matrix). */

#define K4_BM 128
#define K4_BN 128
#define K4_BK 8
#define K4_THREADS 256

template <typename T>
__device__ __forceinline__ void k4_load_a(int trans_a, const T* __restrict__ a, int m, int k, int row0, int p0,
                                          int tid, int vec_a, T* r)
{
    if (!trans_a) {
        const int i = row0 + tid / 2, p = p0 + (tid % 2) * 4;
        const T* src = a + (int64_t)i * k + p;
        if (vec_a && i < m && p + 3 < k) ld4(r, src);
        else
            for (int e = 0; e < 4; ++e) r[e] = (i < m && p + e < k) ? src[e] : T(0);
    } else {
        const int p = p0 + tid / 32, i = row0 + (tid % 32) * 4;
        const T* src = a + (int64_t)p * m + i;
        if (vec_a && p < k && i + 3 < m) ld4(r, src);
        else
            for (int e = 0; e < 4; ++e) r[e] = (p < k && i + e < m) ? src[e] : T(0);
    }
}

template <typename T>
__device__ __forceinline__ void k4_store_a(int trans_a, T (*As)[K4_BM], int tid, const T* r)
{
    if (!trans_a) {
        const int row = tid / 2, q = (tid % 2) * 4;
        for (int e = 0; e < 4; ++e) As[q + e][row] = r[e];
    } else {
        st4(&As[tid / 32][(tid % 32) * 4], r);
    }
}

template <typename T>
__device__ __forceinline__ void k4_load_b(int trans_b, const T* __restrict__ b, int n, int k, int col0, int p0,
                                          int tid, int vec_b, T* r)
{
    if (!trans_b) {
        const int p = p0 + tid / 32, j = col0 + (tid % 32) * 4;
        const T* src = b + (int64_t)p * n + j;
        if (vec_b && p < k && j + 3 < n) ld4(r, src);
        else
            for (int e = 0; e < 4; ++e) r[e] = (p < k && j + e < n) ? src[e] : T(0);
    } else {
        const int j = col0 + tid / 2, p = p0 + (tid % 2) * 4;
        const T* src = b + (int64_t)j * k + p;
        if (vec_b && j < n && p + 3 < k) ld4(r, src);
        else
            for (int e = 0; e < 4; ++e) r[e] = (j < n && p + e < k) ? src[e] : T(0);
    }
}

template <typename T>
__device__ __forceinline__ void k4_store_b(int trans_b, T (*Bs)[K4_BN], int tid, const T* r)
{
    if (!trans_b) {
        st4(&Bs[tid / 32][(tid % 32) * 4], r);
    } else {
        const int col = tid / 2, q = (tid % 2) * 4;
        for (int e = 0; e < 4; ++e) Bs[q + e][col] = r[e];
    }
}

template <typename T>
__global__ void __launch_bounds__(K4_THREADS)
gemm_kernel4(int trans_a, int trans_b, int m, int n, int k, T alpha,
             const T* __restrict__ a, const T* __restrict__ b, T beta, T* __restrict__ c,
             int vec_a, int vec_b, int vec_c, int rows_on_x)
{
    __shared__ __align__(16) T As[2][K4_BK][K4_BM]; /* As[buf][q][r] = op(A)[row0+r, p0+q] */
    __shared__ __align__(16) T Bs[2][K4_BK][K4_BN]; /* Bs[buf][q][s] = op(B)[p0+q, col0+s] */
    const int tid = threadIdx.x;
    const int warp = tid / 32, lane = tid % 32;
    const int ty = (warp / 2) * 4 + lane / 8; /* 0..15 */
    const int tx = (warp % 2) * 8 + lane % 8; /* 0..15 */
    /* Normally blockIdx.x walks the column tiles and blockIdx.y the row tiles. gridDim.y is at most
     * 65535, so for m > 65535 * 128 the launcher swaps them (rows_on_x) — gridDim.x goes to 2^31-1. */
    const int row_tile = rows_on_x ? blockIdx.x : blockIdx.y, col_tile = rows_on_x ? blockIdx.y : blockIdx.x;
    const int row0 = row_tile * K4_BM, col0 = col_tile * K4_BN;

    T acc[8][8]; /* acc[i][j]: row (i/4)*64 + ty*4 + i%4, column (j/4)*64 + tx*4 + j%4 */
#pragma unroll
    for (int i = 0; i < 8; ++i)
#pragma unroll
        for (int j = 0; j < 8; ++j) acc[i][j] = T(0);

    T ra[4], rb[4]; /* the next slab, in flight from global memory */
    const int slabs = (k + K4_BK - 1) / K4_BK;
    if (slabs > 0) {
        k4_load_a(trans_a, a, m, k, row0, 0, tid, vec_a, ra);
        k4_load_b(trans_b, b, n, k, col0, 0, tid, vec_b, rb);
        k4_store_a(trans_a, As[0], tid, ra);
        k4_store_b(trans_b, Bs[0], tid, rb);
    }
    __syncthreads();

    for (int t = 0; t < slabs; ++t) {
        const int cur = t & 1;
        const bool has_next = t + 1 < slabs;
        if (has_next) { /* issue the loads now; the registers are needed only after the math */
            k4_load_a(trans_a, a, m, k, row0, (t + 1) * K4_BK, tid, vec_a, ra);
            k4_load_b(trans_b, b, n, k, col0, (t + 1) * K4_BK, tid, vec_b, rb);
        }
#pragma unroll
        for (int q = 0; q < K4_BK; ++q) {
            T fa[8], fb[8];
            ld4(fa, &As[cur][q][ty * 4]);
            ld4(fa + 4, &As[cur][q][64 + ty * 4]);
            ld4(fb, &Bs[cur][q][tx * 4]);
            ld4(fb + 4, &Bs[cur][q][64 + tx * 4]);
#pragma unroll
            for (int i = 0; i < 8; ++i)
#pragma unroll
                for (int j = 0; j < 8; ++j) acc[i][j] += fa[i] * fb[j];
        }
        if (has_next) {
            k4_store_a(trans_a, As[cur ^ 1], tid, ra);
            k4_store_b(trans_b, Bs[cur ^ 1], tid, rb);
        }
        __syncthreads();
    }

    /* Epilogue: each row of each 4x4 piece is 4 consecutive elements of C: one float4 store
     * (and load, when beta != 0) where in bounds and aligned, else element by element. */
#pragma unroll
    for (int i = 0; i < 8; ++i) {
        const int gi = row0 + (i / 4) * 64 + ty * 4 + i % 4;
        if (gi >= m) continue;
#pragma unroll
        for (int h = 0; h < 2; ++h) {
            const int gj = col0 + h * 64 + tx * 4;
            T* dst = c + (int64_t)gi * n + gj;
            T v[4];
#pragma unroll
            for (int e = 0; e < 4; ++e) v[e] = alpha * acc[i][h * 4 + e];
            if (vec_c && gj + 3 < n) {
                if (beta != T(0)) {
                    T old[4];
                    ld4(old, dst);
                    for (int e = 0; e < 4; ++e) v[e] += beta * old[e];
                }
                st4(dst, v);
            } else {
                for (int e = 0; e < 4; ++e)
                    if (gj + e < n) dst[e] = beta == T(0) ? v[e] : v[e] + beta * dst[e];
            }
        }
    }
}

/* C = beta C, for k == 0 or alpha == 0 (as the CPU build: A and B are not read, so inf/NaN in them
 * or alpha * (inf * 0) cannot leak into C; beta == 0 writes zeros without reading C). */
template <typename T>
__global__ void gemm_scale_c_kernel(int64_t len, T beta, T* __restrict__ c)
{
    for (int64_t i = global_thread_index(); i < len; i += grid_stride()) c[i] = beta == T(0) ? T(0) : beta * c[i];
}

/* ============================================================================================
 * transpose: y[cols, rows] = x[rows, cols]^T
 * ============================================================================================
 * transpose_kernel1: a 32x32 tile goes through shared memory so that both the read of x (along
 * its rows) and the write of y (along y's rows = x's columns) are coalesced. Blocks of 32 x 8
 * threads, 4 elements per thread. The tile has 33 columns so the column reads of the second
 * phase fall in 32 different banks. The only version: MINIDL_KERNEL_GEMM does not change it. */
#define TR_TILE 32
#define TR_ROWS 8

template <typename T>
__global__ void transpose_kernel1(int64_t rows, int64_t cols, const T* __restrict__ x, T* __restrict__ y)
{
    __shared__ T tile[TR_TILE][TR_TILE + 1];
    const int64_t tiles_r = (rows + TR_TILE - 1) / TR_TILE;
    const int64_t c0 = (int64_t)blockIdx.x * TR_TILE;
    for (int64_t br = blockIdx.y; br < tiles_r; br += gridDim.y) { /* uniform over the block */
        const int64_t r0 = br * TR_TILE;
        for (int dy = threadIdx.y; dy < TR_TILE; dy += TR_ROWS) {
            const int64_t r = r0 + dy, cc = c0 + threadIdx.x;
            if (r < rows && cc < cols) tile[dy][threadIdx.x] = x[r * cols + cc];
        }
        __syncthreads();
        for (int dy = threadIdx.y; dy < TR_TILE; dy += TR_ROWS) {
            const int64_t cc = c0 + dy, r = r0 + threadIdx.x; /* y[cc, r] = x[r, cc] */
            if (cc < cols && r < rows) y[cc * rows + r] = tile[threadIdx.x][dy];
        }
        __syncthreads();
    }
}

/* ============================================================================================
 * launchers
 * ============================================================================================ */

/* MINIDL_KERNEL_GEMM=1..4 (or the older name MINIDL_GEMM_KERNEL) selects a kernel, read at every
 * call; unset gives the default, 4; anything else is an error (versions.cuh). */
static mdl_status gemm_kernel_choice(int* version)
{
    const char* env = getenv("MINIDL_KERNEL_GEMM");
    return mdl_kernel_version(env && *env ? "MINIDL_KERNEL_GEMM" : "MINIDL_GEMM_KERNEL", MDL_GEMM_VERSIONS,
                              MDL_GEMM_DEFAULT, "mdl_gemm", version);
}

template <typename T>
static mdl_status gemm_launch(int version, int ta, int tb, int m, int n, int k, T alpha, const T* a, const T* b,
                              T beta, T* c)
{
    static const char fn[] = "mdl_gemm";
    if (k == 0 || alpha == T(0)) { /* C = beta C without touching A, B (the CPU build's rule) */
        const int64_t len = (int64_t)m * n;
        gemm_scale_c_kernel<T><<<mdl_grid_for(len, 256), 256>>>(len, beta, c);
        MDL_CUDA_LAUNCHED(fn, "scale C by beta: m=%d n=%d k=%d alpha=%g", m, n, k, (double)alpha);
        return MDL_OK;
    }
    const int tile = version == 1 ? K1_TILE : version == 2 ? K2_TILE : K4_BM; /* BM = BN in all */
    const int64_t grid_x = ((int64_t)n + tile - 1) / tile, grid_y = ((int64_t)m + tile - 1) / tile;
    int rows_on_x = 0; /* kernel4 only: row tiles on gridDim.x (up to 2^31-1) when m is huge */
    if (grid_y > 65535) {
        if (version != 4) return gemm_launch<T>(4, ta, tb, m, n, k, alpha, a, b, beta, c);
        if (grid_x > 65535)
            return mdl_fail(MDL_ERR_UNSUPPORTED, "mdl_gemm: m=%d and n=%d are both too large (one must be at most %d)",
                            m, n, 65535 * K4_BM);
        rows_on_x = 1;
    }
    const dim3 grid(rows_on_x ? (unsigned int)grid_y : (unsigned int)grid_x,
                    rows_on_x ? (unsigned int)grid_x : (unsigned int)grid_y);
    switch (version) {
    case 1:
        gemm_kernel1<T><<<grid, dim3(K1_TILE, K1_TILE)>>>(ta, tb, m, n, k, alpha, a, b, beta, c);
        break;
    case 2:
        gemm_kernel2<T><<<grid, dim3(K2_TILE, K2_TILE)>>>(ta, tb, m, n, k, alpha, a, b, beta, c);
        break;
    case 3:
        gemm_kernel3<T><<<grid, K3_THREADS>>>(ta, tb, m, n, k, alpha, a, b, beta, c);
        break;
    default: {
        /* float4 loads of A need its rows (length k, or m when transposed) to be a multiple of 4
         * elements and the buffer 16-byte aligned; the same for B and C. */
        const int vec_a = (ta ? m % 4 == 0 : k % 4 == 0) && mdl_aligned16(a);
        const int vec_b = (tb ? k % 4 == 0 : n % 4 == 0) && mdl_aligned16(b);
        const int vec_c = n % 4 == 0 && mdl_aligned16(c);
        gemm_kernel4<T><<<grid, K4_THREADS>>>(ta, tb, m, n, k, alpha, a, b, beta, c, vec_a, vec_b, vec_c,
                                              rows_on_x);
        break;
    }
    }
    MDL_CUDA_LAUNCHED(fn, "kernel%d trans_a=%d trans_b=%d m=%d n=%d k=%d", version, ta, tb, m, n, k);
    return MDL_OK;
}

template <typename T>
static mdl_status transpose_launch(int64_t rows, int64_t cols, const T* x, T* y)
{
    const int64_t tiles_c = (cols + TR_TILE - 1) / TR_TILE, tiles_r = (rows + TR_TILE - 1) / TR_TILE;
    if (tiles_c > INT_MAX)
        return mdl_fail(MDL_ERR_UNSUPPORTED, "mdl_transpose: cols=%lld is too large", (long long)cols);
    /* blocks loop over row tiles beyond grid.y: mdl_grid_cap(), and never past the limit 65535 */
    const int64_t cap_y = mdl_grid_cap() < 65535 ? mdl_grid_cap() : 65535;
    const dim3 grid((unsigned int)tiles_c, (unsigned int)(tiles_r < cap_y ? tiles_r : cap_y));
    transpose_kernel1<T><<<grid, dim3(TR_TILE, TR_ROWS)>>>(rows, cols, x, y);
    MDL_CUDA_LAUNCHED("mdl_transpose", "rows=%lld cols=%lld", (long long)rows, (long long)cols);
    return MDL_OK;
}

/* ============================================================================================
 * the ABI
 * ============================================================================================ */

#define GEMM_MAX_DIM (INT_MAX - 1024)

extern "C" {

mdl_status mdl_impl_gemm(mdl_dtype dt, int32_t trans_a, int32_t trans_b, int64_t m, int64_t n, int64_t k,
                         double alpha, const void* a, const void* b, double beta, void* c)
{
    /* The kernels index with int: row0 + 127, p0 + 31, (k + 7) / 8 … must not overflow, hence the
     * margin below INT_MAX. */
    if (m > GEMM_MAX_DIM || n > GEMM_MAX_DIM || k > GEMM_MAX_DIM)
        return mdl_fail(MDL_ERR_UNSUPPORTED, "mdl_gemm: m=%lld n=%lld k=%lld: each must be at most %d",
                        (long long)m, (long long)n, (long long)k, GEMM_MAX_DIM);
    int version = 0;
    const mdl_status vs = gemm_kernel_choice(&version);
    if (vs != MDL_OK) return vs;
    if (dt == MDL_F32)
        return gemm_launch<float>(version, trans_a, trans_b, (int)m, (int)n, (int)k, (float)alpha, (const float*)a,
                                  (const float*)b, (float)beta, (float*)c);
    return gemm_launch<double>(version, trans_a, trans_b, (int)m, (int)n, (int)k, alpha, (const double*)a,
                               (const double*)b, beta, (double*)c);
}

mdl_status mdl_impl_transpose(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, void* y)
{
    if (dt == MDL_F32) return transpose_launch<float>(rows, cols, (const float*)x, (float*)y);
    return transpose_launch<double>(rows, cols, (const double*)x, (double*)y);
}

} /* extern "C" */
