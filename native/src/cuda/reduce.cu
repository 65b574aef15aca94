/*
 * reduce.cu — mdl_column_sums, mdl_row_sums, mdl_sum.
 *
 * The math (x is rows x cols, row-major):
 *   column_sums:  y[j]   = beta y[j] + sum_i x[i,j]     column sums: the bias gradient nabla B of the
 *                                                    add-bias node (Lesson 7 "Neural Network", "Add Bias
 *                                                    Node"), because b[j] is added to every row i
 *   row_sums:  y[i]   = beta y[i] + sum_j x[i,j]     row sums
 *   sum:       out[0] = beta out[0] + sum_i x[i]     e.g. the mean loss
 * beta == 0 overwrites the output without reading it.
 *
 * Kernels (the machinery is in reduce.cuh):
 *   column_sums -> column_reduce: 32 x 8 thread blocks over 32-column strips; when rows is large
 *               the rows are cut into chunks (more blocks in flight) and a second pass adds the
 *               chunk sums in order.
 *   row_sums -> row_reduce: one warp per row (cols <= 1024) or one block per row.
 *   sum      -> versions (MINIDL_KERNEL_REDUCE=N, the rows of sum_versions()):
 *     1  sum_kernel1: ONE block of 1024 threads. Each thread sums a strided slice, then the
 *        textbook shared-memory tree: at each step the lower half adds the upper half, with a
 *        __syncthreads() between steps (outside the `if`: every thread must reach it). Simple,
 *        but uses one SM of the GPU.
 *     2  sum_kernel2 (the default): two passes. Pass 1: a fixed number of blocks, each reducing
 *        a grid-stride slice (warp shuffles, then across warps in shared memory) to one partial
 *        per block. Pass 2: one block reduces the partials and applies beta.
 *   Both add in a fixed order, no atomics: the same input always gives the same bits on a GPU.
 */
#include "common.cuh"
#include "reduce.cuh"
#include "versions.cuh"

/* The meaning of every kernel below, as a plain float64 loop: native/tests/reference.c
 * (ref_column_sums, ref_row_sums, ref_sum); the harness checks this file's kernels against it. */

/* ============================================================================================
 * kernels
 * ============================================================================================ */

/* The term of the plain sums: x[i, j]. */
template <typename T>
struct MatrixTerm {
    int64_t cols;
    const T* x;
    __device__ T operator()(int64_t i, int64_t j) const { return x[i * cols + j]; }
};

#define SUM_THREADS 256
#define SUM_MAX_BLOCKS 1024

/* Version 1: one block; out[0] = beta out[0] + sum of x[n], summed in double. blockDim.x must be
 * SUM1_THREADS (a power of two). */
#define SUM1_THREADS 1024
template <typename T>
__global__ void sum_kernel1(int64_t n, const T* __restrict__ x, T beta, T* __restrict__ out)
{
    __shared__ double partial[SUM1_THREADS];
    const int tid = threadIdx.x;
    double s = 0.0;
    for (int64_t i = tid; i < n; i += blockDim.x) s += (double)x[i];
    partial[tid] = s;
    __syncthreads();
    for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
        if (tid < stride) partial[tid] += partial[tid + stride];
        __syncthreads(); /* every thread, also those with tid >= stride */
    }
    if (tid == 0) store_beta(out, beta, (T)partial[0]);
}

/* Pass 1: partial[blockIdx.x] = sum of this block's grid-stride slice of x[n]. The sum is
 * accumulated in double also for f32 (as the CPU build does): a loss summed over millions of
 * elements keeps its digits. One double add per element costs nothing in a memory-bound loop. */
template <typename T>
__global__ void sum_kernel2_pass1(int64_t n, const T* __restrict__ x, double* __restrict__ partial)
{
    __shared__ double smem[32];
    double s = 0.0;
    for (int64_t i = global_thread_index(); i < n; i += grid_stride()) s += (double)x[i];
    s = block_sum(s, smem);
    if (threadIdx.x == 0) partial[blockIdx.x] = s;
}

/* Pass 2 (one block): out[0] = beta out[0] + sum of partial[count]. */
template <typename T>
__global__ void sum_kernel2_pass2(int count, const double* __restrict__ partial, T beta, T* __restrict__ out)
{
    __shared__ double smem[32];
    double s = 0.0;
    for (int i = threadIdx.x; i < count; i += blockDim.x) s += partial[i];
    s = block_sum(s, smem);
    if (threadIdx.x == 0) store_beta(out, beta, (T)s);
}

/* ============================================================================================
 * launchers
 * ============================================================================================ */

template <typename T>
static mdl_status sum_launch1(int64_t n, const T* x, T beta, T* out)
{
    sum_kernel1<T><<<1, SUM1_THREADS>>>(n, x, beta, out);
    MDL_CUDA_LAUNCHED("mdl_sum", "version 1: n=%lld", (long long)n);
    return MDL_OK;
}

template <typename T>
static mdl_status sum_launch2(int64_t n, const T* x, T beta, T* out)
{
    static const char fn[] = "mdl_sum";
    /* >= 4 elements per thread. Clamped in int64 before the narrowing to int (n / 1024 does not fit
     * an int for n >= 2^41). */
    int64_t blocks64 = (n + SUM_THREADS * 4 - 1) / (SUM_THREADS * 4);
    if (blocks64 > SUM_MAX_BLOCKS) blocks64 = SUM_MAX_BLOCKS;
    if (blocks64 < 1) blocks64 = 1;
    const int blocks = (int)blocks64;
    MdlScratch scratch;
    void* partial = 0;
    mdl_status st = scratch.get((size_t)blocks * sizeof(double), &partial, fn);
    if (st != MDL_OK) return st;
    sum_kernel2_pass1<T><<<blocks, SUM_THREADS>>>(n, x, (double*)partial);
    MDL_CUDA_LAUNCHED(fn, "pass 1: n=%lld blocks=%d", (long long)n, blocks);
    sum_kernel2_pass2<T><<<1, 1024>>>(blocks, (const double*)partial, beta, out);
    MDL_CUDA_LAUNCHED(fn, "pass 2: n=%lld blocks=%d", (long long)n, blocks);
    return MDL_OK;
}

/* The versions of mdl_sum, one launch function per row: MINIDL_KERNEL_REDUCE=N runs row N.
 * Adding a row adds a version (sum_launch below needs no change). */
template <typename T>
using SumLaunch = mdl_status (*)(int64_t n, const T* x, T beta, T* out);

template <typename T>
static const SumLaunch<T>* sum_versions(int* count)
{
    static const SumLaunch<T> table[] = {
        sum_launch1<T>, /* 1: one block, shared-memory tree */
        sum_launch2<T>, /* 2: two passes (the default) */
    };
    *count = (int)(sizeof table / sizeof table[0]);
    return table;
}

template <typename T>
static mdl_status sum_launch(int64_t n, const T* x, T beta, T* out)
{
    int count = 0;
    const SumLaunch<T>* table = sum_versions<T>(&count);
    MDL_KERNEL_VERSION(version, REDUCE, count, "mdl_sum");
    return table[version - 1](n, x, beta, out);
}

/* ============================================================================================
 * the ABI
 * ============================================================================================ */

extern "C" {

mdl_status mdl_impl_column_sums(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, double beta, void* y)
{
    static const char fn[] = "mdl_column_sums";
    /* rows == 0 still scales y by beta (an empty sum is 0). */
    if (dt == MDL_F32) {
        MatrixTerm<float> term = {cols, (const float*)x};
        return column_reduce<float>(fn, rows, cols, term, (float)beta, (float*)y);
    }
    MatrixTerm<double> term = {cols, (const double*)x};
    return column_reduce<double>(fn, rows, cols, term, beta, (double*)y);
}

mdl_status mdl_impl_row_sums(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, double beta, void* y)
{
    static const char fn[] = "mdl_row_sums";
    if (dt == MDL_F32) {
        MatrixTerm<float> term = {cols, (const float*)x};
        return row_reduce<float>(fn, rows, cols, term, (float)beta, (float*)y);
    }
    MatrixTerm<double> term = {cols, (const double*)x};
    return row_reduce<double>(fn, rows, cols, term, beta, (double*)y);
}

mdl_status mdl_impl_sum(mdl_dtype dt, int64_t n, const void* x, double beta, void* out)
{
    /* n == 0 still sets out[0] = beta out[0] (the sum of nothing is 0), as the CPU build does. */
    if (dt == MDL_F32) return sum_launch<float>(n, (const float*)x, (float)beta, (float*)out);
    return sum_launch<double>(n, (const double*)x, beta, (double*)out);
}

} /* extern "C" */
