/*
 * reduce.cuh — reduction building blocks shared by reduce.cu, broadcast.cu and softmax.cu.
 *
 *  warp_sum / warp_max      32 lanes combine their values with __shfl_xor_sync in 5 steps
 *                           (butterfly: after the step with offset o every lane holds the sum of
 *                           a group of 2o lanes; after o = 16 every lane holds the total).
 *  block_sum / block_max    every warp reduces, lane 0 of each warp writes to shared memory,
 *                           warp 0 reduces those partials; the result is returned to all threads.
 *
 *  Generic 2-D reductions of a "term" t(i, j) over a rows x cols index space:
 *    column_reduce: out[j] = beta * out[j] + sum_i t(i, j)   (mdl_column_sums, dr of zip_row_broadcast_backward)
 *    row_reduce:    out[i] = beta * out[i] + sum_j t(i, j)   (mdl_row_sums, dc of zip_column_broadcast_backward)
 *  A term is a small struct with `__device__ T operator()(int64_t i, int64_t j) const`.
 *  beta == 0 never reads out (so NaN/garbage there does not leak, as in mdl_gemm).
 *
 * Every reduction here sums in a fixed order for a given launch shape, so the result is
 * deterministic run to run on the same GPU (no atomics).
 */
#pragma once

#include "common.cuh"

template <typename T>
__device__ __forceinline__ T warp_sum(T v)
{
    for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_xor_sync(0xffffffffu, v, offset);
    return v;
}

template <typename T>
__device__ __forceinline__ T warp_max(T v)
{
    for (int offset = 16; offset > 0; offset >>= 1) v = mmax(v, __shfl_xor_sync(0xffffffffu, v, offset));
    return v;
}

/* Sum over the whole block (blockDim.x a multiple of 32, at most 1024). `smem` is 32 elements of
 * shared memory; it may be reused by the next call (the leading __syncthreads protects it). Every
 * thread of the block must call it. */
template <typename T>
__device__ __forceinline__ T block_sum(T v, T* smem)
{
    const int lane = threadIdx.x % 32, warp = threadIdx.x / 32, warps = blockDim.x / 32;
    v = warp_sum(v);
    __syncthreads();                 /* smem may still be read by a previous block_sum */
    if (lane == 0) smem[warp] = v;
    __syncthreads();
    v = lane < warps ? smem[lane] : T(0);
    return warp_sum(v);              /* every warp reduces the partials: all threads get the total */
}

template <typename T>
__device__ __forceinline__ T block_max(T v, T* smem)
{
    const int lane = threadIdx.x % 32, warp = threadIdx.x / 32, warps = blockDim.x / 32;
    v = warp_max(v);
    __syncthreads();
    if (lane == 0) smem[warp] = v;
    __syncthreads();
    v = lane < warps ? smem[lane] : minus_infinity<T>();
    return warp_max(v);
}

/* out = beta * out + s, without reading out when beta == 0. */
template <typename T>
__device__ __forceinline__ void store_beta(T* out, T beta, T s)
{
    *out = beta == T(0) ? s : beta * *out + s;
}

/* ---- column reduction: out[j] = beta out[j] + sum_i t(i,j) ----------------------------------
 * Block = 32 x 8 threads covering 32 adjacent columns (a warp reads 32 consecutive elements of a
 * row: coalesced). threadIdx.y walks the rows of this block's chunk with stride 8; the 8 partial
 * sums per column meet in shared memory. With gridDim.y == 1 the block writes out[] directly;
 * otherwise each chunk of rows writes partial[chunk][j] and column_reduce_finish adds the chunks
 * in order (two passes, deterministic). */
#define COLUMN_REDUCE_TX 32
#define COLUMN_REDUCE_TY 8

template <typename T, typename Term>
__global__ void column_reduce_kernel(int64_t rows,      /* i in [0, rows) */
                                     int64_t cols,      /* j in [0, cols) */
                                     int64_t rows_per_chunk,
                                     Term term,
                                     T beta,
                                     T* out,            /* [cols], used when gridDim.y == 1 */
                                     T* partial)        /* [gridDim.y, cols], otherwise */
{
    __shared__ T sums[COLUMN_REDUCE_TY][COLUMN_REDUCE_TX + 1];
    const int64_t j = (int64_t)blockIdx.x * COLUMN_REDUCE_TX + threadIdx.x;
    const int64_t i0 = (int64_t)blockIdx.y * rows_per_chunk;
    int64_t i1 = i0 + rows_per_chunk;
    if (i1 > rows) i1 = rows;
    T s = T(0);
    if (j < cols)
        for (int64_t i = i0 + threadIdx.y; i < i1; i += COLUMN_REDUCE_TY) s += term(i, j);
    sums[threadIdx.y][threadIdx.x] = s;
    __syncthreads();
    if (threadIdx.y == 0 && j < cols) {
        for (int r = 1; r < COLUMN_REDUCE_TY; ++r) s += sums[r][threadIdx.x];
        if (gridDim.y == 1) store_beta(out + j, beta, s);
        else partial[(int64_t)blockIdx.y * cols + j] = s;
    }
}

template <typename T>
__global__ void column_reduce_finish(int64_t cols, int64_t chunks,
                                     const T* partial,  /* [chunks, cols] */
                                     T beta, T* out)    /* [cols] */
{
    for (int64_t j = global_thread_index(); j < cols; j += grid_stride()) {
        T s = T(0);
        for (int64_t c = 0; c < chunks; ++c) s += partial[c * cols + j];
        store_beta(out + j, beta, s);
    }
}

/* Launch a column reduction (host side). */
template <typename T, typename Term>
mdl_status column_reduce(const char* fn, int64_t rows, int64_t cols, Term term, T beta, T* out)
{
    if (cols == 0) return MDL_OK;
    const int64_t col_blocks = (cols + COLUMN_REDUCE_TX - 1) / COLUMN_REDUCE_TX;
    /* Enough chunks of rows to give every SM ~4 blocks, each chunk at least 64 rows. */
    int64_t chunks = (int64_t)mdl_sm_count() * 4 / col_blocks;
    if (chunks > rows / 64) chunks = rows / 64;
    if (chunks > 1024) chunks = 1024;
    if (chunks < 1) chunks = 1;
    if (col_blocks > 2147483647LL)
        return mdl_fail(MDL_ERR_UNSUPPORTED, "%s: cols=%lld is too large", fn, (long long)cols);
    const int64_t rows_per_chunk = rows == 0 ? 1 : (rows + chunks - 1) / chunks;
    chunks = rows == 0 ? 1 : (rows + rows_per_chunk - 1) / rows_per_chunk;
    dim3 block(COLUMN_REDUCE_TX, COLUMN_REDUCE_TY);
    dim3 grid((unsigned int)col_blocks, (unsigned int)chunks);
    if (chunks == 1) {
        column_reduce_kernel<T, Term><<<grid, block>>>(rows, cols, rows_per_chunk, term, beta, out, (T*)0);
        MDL_CUDA_LAUNCHED(fn, "column_reduce rows=%lld cols=%lld", (long long)rows, (long long)cols);
        return MDL_OK;
    }
    MdlScratch scratch;
    void* partial = 0;
    mdl_status st = scratch.get((size_t)chunks * (size_t)cols * sizeof(T), &partial, fn);
    if (st != MDL_OK) return st;
    column_reduce_kernel<T, Term><<<grid, block>>>(rows, cols, rows_per_chunk, term, beta, out, (T*)partial);
    MDL_CUDA_LAUNCHED(fn, "column_reduce rows=%lld cols=%lld chunks=%lld", (long long)rows,
                      (long long)cols, (long long)chunks);
    column_reduce_finish<T><<<mdl_grid_for(cols, 256), 256>>>(cols, chunks, (const T*)partial, beta, out);
    MDL_CUDA_LAUNCHED(fn, "column_reduce_finish cols=%lld chunks=%lld", (long long)cols, (long long)chunks);
    return MDL_OK;
}

/* ---- row reduction: out[i] = beta out[i] + sum_j t(i,j) -------------------------------------
 * kernel1: one warp per row (8 rows per 256-thread block), for cols <= 1024.
 * kernel2: one 256-thread block per row, for longer rows.
 * Lanes stride along the row (coalesced), then warp_sum / block_sum. */
template <typename T, typename Term>
__global__ void row_reduce_kernel1(int64_t rows, int64_t cols, Term term, T beta, T* out)
{
    const int lane = threadIdx.x % 32;
    const int64_t warps_per_grid = (int64_t)gridDim.x * (blockDim.x / 32);
    for (int64_t i = (int64_t)blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32; i < rows; i += warps_per_grid) {
        T s = T(0);
        for (int64_t j = lane; j < cols; j += 32) s += term(i, j);
        s = warp_sum(s);
        if (lane == 0) store_beta(out + i, beta, s);
    }
}

template <typename T, typename Term>
__global__ void row_reduce_kernel2(int64_t rows, int64_t cols, Term term, T beta, T* out)
{
    __shared__ T smem[32];
    for (int64_t i = blockIdx.x; i < rows; i += gridDim.x) {  /* uniform per block */
        T s = T(0);
        for (int64_t j = threadIdx.x; j < cols; j += blockDim.x) s += term(i, j);
        s = block_sum(s, smem);
        if (threadIdx.x == 0) store_beta(out + i, beta, s);
    }
}

template <typename T, typename Term>
mdl_status row_reduce(const char* fn, int64_t rows, int64_t cols, Term term, T beta, T* out)
{
    if (rows == 0) return MDL_OK;
    if (cols <= 1024) {
        int64_t blocks = (rows + 7) / 8;
        if (blocks > 65535LL * 16) blocks = 65535LL * 16;
        row_reduce_kernel1<T, Term><<<(unsigned int)blocks, 256>>>(rows, cols, term, beta, out);
    } else {
        int64_t blocks = rows;
        if (blocks > 65535LL * 16) blocks = 65535LL * 16;
        row_reduce_kernel2<T, Term><<<(unsigned int)blocks, 256>>>(rows, cols, term, beta, out);
    }
    MDL_CUDA_LAUNCHED(fn, "row_reduce rows=%lld cols=%lld", (long long)rows, (long long)cols);
    return MDL_OK;
}
