/*
 * softmax.cu — row-wise softmax, log-softmax, their backwards, and the fused softmax
 * cross-entropy loss. All tensors are rows x cols, row-major (loss and dloss: rows); each row is
 * independent.
 *
 * Forward (m_i = max_j x[i,j] is subtracted first so that e^{...} <= 1 never overflows;
 * the result is unchanged because e^{-m} cancels between numerator and denominator):
 *   s_i         = sum_k e^{x[i,k] - m_i}
 *   softmax     y[i,j] = e^{x[i,j] - m_i} / s_i
 *   log_softmax y[i,j] = (x[i,j] - m_i) - log s_i
 * in that order: x - (m + log s) would round m + log s at the magnitude of x (in float at
 * |x| = 1e4, 5e-4 off every output), while x - m is exact next to the max and log s is small.
 *
 * Softmax backward (one row; dL/dy is the dy argument, dL/dx what dx accumulates).
 * y_j = e^{x_j} / S with S = sum_k e^{x_k}, dS/dx_l = e^{x_l}; the quotient rule gives
 *   dy_j/dx_l = ([j = l] e^{x_j} S - e^{x_j} e^{x_l}) / S^2 = y_j ([j = l] - y_l), so
 *   dL/dx_l = sum_j dL/dy_j * y_j ([j = l] - y_l) = y_l (dL/dy_l - sum_j dL/dy_j y_j).
 * Log-softmax backward. y_j = x_j - log S, d(log S)/dx_l = e^{x_l} / S = softmax_l, so
 *   dy_j/dx_l = [j = l] - softmax_l, and
 *   dL/dx_l = sum_j dL/dy_j ([j = l] - softmax_l) = dL/dy_l - softmax_l sum_j dL/dy_j,
 * with softmax_l = e^{y_l} (the forward output, so x is not needed).
 *
 * Fused cross-entropy with targets t (one-hot or soft), lse_i = m_i + log s_i (NLP lesson 3
 * "PyTorch & deep learning models", "Softmax Cross-Entropy Loss"):
 *   loss[i] = -sum_j t[i,j] log softmax(z)[i,j] = -sum_j t[i,j] (z[i,j] - lse_i)
 * (never the log of a probability that underflowed to 0), probs[i,j] = e^{z[i,j] - lse_i};
 * z - lse_i is computed as (z - m_i) - log s_i, as for log_softmax.
 * Its backward (one row i): loss = -sum_j t_j z_j + (sum_j t_j) lse, d lse/dz_l = softmax_l, so
 *   dloss_i/dz_l = -t_l + softmax_l sum_j t_j, and by the chain rule with g_i = dloss[i]:
 *   dlogits[i,l] += g_i (probs[i,l] sum_j t[i,j] - t[i,l])   (one-hot, sum_j t = 1: g_i (p - t)).
 *
 * Kernels: a row is handled by a group of threads that read it with a stride of the group size
 * (coalesced), then combine their partial max / sum. The group is a template argument:
 *   PER_BLOCK = true    one 256-thread block per row, warp shuffles then shared memory
 *   PER_BLOCK = false   one warp per row, warp-shuffle reductions only, 8 rows per block
 * Versions (MINIDL_KERNEL_SOFTMAX=N, versions.cuh; the launchers' sm_per_block):
 *   1            a block per row for every shape (on rows of 10 class scores, 246 of the 256
 *                threads have nothing to do)
 *   2 (default)  a warp per row up to 1024 columns (class scores: 10 … 1000), a block above
 * A row is read 2-3 times (max, sum, write); the re-reads come from L1/L2.
 */
#include "common.cuh"
#include "versions.cuh"
#include "reduce.cuh"

/* The meaning of every kernel below, as a plain float64 loop: native/tests/reference.c
 * (ref_softmax, ref_log_softmax, ref_softmax_backward, ref_log_softmax_backward, ref_softmax_xent, ref_softmax_xent_backward); the harness checks this file's kernels against it. */

/* ============================================================================================
 * the row group: a warp (PER_BLOCK = false) or the whole block (PER_BLOCK = true)
 * ============================================================================================ */

#define SM_THREADS 256

template <typename T, bool PER_BLOCK>
struct RowGroup {
    /* this thread's position in its group, and the group size */
    __device__ static int rank() { return PER_BLOCK ? (int)threadIdx.x : (int)(threadIdx.x % 32); }
    __device__ static int size() { return PER_BLOCK ? (int)blockDim.x : 32; }
    /* the first row of this group and the distance to its next row (grid-stride over rows) */
    __device__ static int64_t first_row()
    {
        return PER_BLOCK ? (int64_t)blockIdx.x : (int64_t)blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
    }
    __device__ static int64_t row_stride()
    {
        return PER_BLOCK ? (int64_t)gridDim.x : (int64_t)gridDim.x * (blockDim.x / 32);
    }
    __device__ static T sum(T v, T* smem) { return PER_BLOCK ? block_sum(v, smem) : warp_sum(v); }
    __device__ static T max(T v, T* smem) { return PER_BLOCK ? block_max(v, smem) : warp_max(v); }
};

/* max_j row[j] over the group. */
template <typename T, bool PER_BLOCK>
__device__ __forceinline__ T row_max(const T* row, int64_t cols, T* smem)
{
    typedef RowGroup<T, PER_BLOCK> G;
    T m = minus_infinity<T>();
    for (int64_t j = G::rank(); j < cols; j += G::size()) m = mmax(m, row[j]);
    return G::max(m, smem);
}

/* ============================================================================================
 * kernels
 * ============================================================================================ */

/* y = softmax(x) or log_softmax(x), row by row. y may equal x (each element is read by the
 * thread that writes it, and only after the row's max and sum are known). */
template <typename T, bool PER_BLOCK>
__global__ void softmax_forward_kernel(int64_t rows, int64_t cols, const T* x, T* y, int log_mode)
{
    typedef RowGroup<T, PER_BLOCK> G;
    __shared__ T smem[32];
    for (int64_t i = G::first_row(); i < rows; i += G::row_stride()) {
        const T* xi = x + i * cols;
        T* yi = y + i * cols;
        const T m = row_max<T, PER_BLOCK>(xi, cols, smem);
        T s = T(0);
        for (int64_t j = G::rank(); j < cols; j += G::size()) s += mexp(xi[j] - m);
        s = G::sum(s, smem);
        if (log_mode) {
            const T ls = mlog(s);
            for (int64_t j = G::rank(); j < cols; j += G::size()) yi[j] = (xi[j] - m) - ls;
        } else {
            for (int64_t j = G::rank(); j < cols; j += G::size()) yi[j] = mexp(xi[j] - m) / s;
        }
    }
}

/* softmax:     dx += y (dy - sum_k dy_k y_k)
 * log_softmax: dx += dy - e^y sum_k dy_k */
template <typename T, bool PER_BLOCK>
__global__ void softmax_backward_kernel(int64_t rows, int64_t cols, const T* __restrict__ y,
                                        const T* __restrict__ dy, T* __restrict__ dx, int log_mode)
{
    typedef RowGroup<T, PER_BLOCK> G;
    __shared__ T smem[32];
    for (int64_t i = G::first_row(); i < rows; i += G::row_stride()) {
        const T* yi = y + i * cols;
        const T* dyi = dy + i * cols;
        T* dxi = dx + i * cols;
        T s = T(0);
        for (int64_t j = G::rank(); j < cols; j += G::size()) s += log_mode ? dyi[j] : dyi[j] * yi[j];
        s = G::sum(s, smem);
        for (int64_t j = G::rank(); j < cols; j += G::size())
            dxi[j] += log_mode ? dyi[j] - mexp(yi[j]) * s : yi[j] * (dyi[j] - s);
    }
}

/* loss[i] = -sum_j t[i,j] (z[i,j] - lse_i);  probs[i,j] = e^{z[i,j] - lse_i} if probs. */
template <typename T, bool PER_BLOCK>
__global__ void softmax_xent_kernel(int64_t rows, int64_t cols, const T* __restrict__ z, const T* __restrict__ t,
                                    T* __restrict__ probs, T* __restrict__ loss)
{
    typedef RowGroup<T, PER_BLOCK> G;
    __shared__ T smem[32];
    for (int64_t i = G::first_row(); i < rows; i += G::row_stride()) {
        const T* zi = z + i * cols;
        const T* ti = t + i * cols;
        const T m = row_max<T, PER_BLOCK>(zi, cols, smem);
        T s = T(0);
        for (int64_t j = G::rank(); j < cols; j += G::size()) s += mexp(zi[j] - m);
        s = G::sum(s, smem);
        const T ls = mlog(s); /* z - lse = (z - m) - ls: see the header */
        T l = T(0);
        for (int64_t j = G::rank(); j < cols; j += G::size()) {
            const T lp = (zi[j] - m) - ls; /* log softmax(z)[i,j] */
            l -= ti[j] * lp;
            if (probs) probs[i * cols + j] = mexp(lp);
        }
        l = G::sum(l, smem);
        if (G::rank() == 0) loss[i] = l;
    }
}

/* dz[i,j] += g_i (p[i,j] sum_k t[i,k] - t[i,j]) */
template <typename T, bool PER_BLOCK>
__global__ void softmax_xent_backward_kernel(int64_t rows, int64_t cols, const T* __restrict__ p,
                                             const T* __restrict__ t, const T* __restrict__ dloss,
                                             T* __restrict__ dz)
{
    typedef RowGroup<T, PER_BLOCK> G;
    __shared__ T smem[32];
    for (int64_t i = G::first_row(); i < rows; i += G::row_stride()) {
        const T* pi = p + i * cols;
        const T* ti = t + i * cols;
        T* dzi = dz + i * cols;
        T st = T(0);
        for (int64_t j = G::rank(); j < cols; j += G::size()) st += ti[j];
        st = G::sum(st, smem);
        const T g = dloss[i];
        for (int64_t j = G::rank(); j < cols; j += G::size()) dzi[j] += g * (pi[j] * st - ti[j]);
    }
}

/* ============================================================================================
 * launchers
 * ============================================================================================ */

/* Version 2 (the default): a warp per row up to 1024 columns, a block per row above. Version 1: a
 * block per row always (MINIDL_KERNEL_SOFTMAX=1, versions.cuh). */
static inline bool sm_per_block(int64_t cols, int version) { return version == 1 || cols > 1024; }

static inline unsigned int sm_blocks(int64_t rows, bool per_block)
{
    int64_t blocks = per_block ? rows : (rows + SM_THREADS / 32 - 1) / (SM_THREADS / 32);
    const int64_t cap = mdl_grid_cap(); /* the kernels loop over rows beyond this */
    if (blocks > cap) blocks = cap;
    return (unsigned int)(blocks < 1 ? 1 : blocks);
}

template <typename T>
static mdl_status softmax_forward_launch(const char* fn, int64_t rows, int64_t cols, const T* x, T* y, int log_mode)
{
    MDL_KERNEL_VERSION(version, SOFTMAX, MDL_SOFTMAX_VERSIONS, fn);
    const bool pb = sm_per_block(cols, version);
    if (pb) softmax_forward_kernel<T, true><<<sm_blocks(rows, pb), SM_THREADS>>>(rows, cols, x, y, log_mode);
    else    softmax_forward_kernel<T, false><<<sm_blocks(rows, pb), SM_THREADS>>>(rows, cols, x, y, log_mode);
    MDL_CUDA_LAUNCHED(fn, "rows=%lld cols=%lld", (long long)rows, (long long)cols);
    return MDL_OK;
}

template <typename T>
static mdl_status softmax_backward_launch(const char* fn, int64_t rows, int64_t cols, const T* y, const T* dy, T* dx,
                                          int log_mode)
{
    MDL_KERNEL_VERSION(version, SOFTMAX, MDL_SOFTMAX_VERSIONS, fn);
    const bool pb = sm_per_block(cols, version);
    if (pb) softmax_backward_kernel<T, true><<<sm_blocks(rows, pb), SM_THREADS>>>(rows, cols, y, dy, dx, log_mode);
    else    softmax_backward_kernel<T, false><<<sm_blocks(rows, pb), SM_THREADS>>>(rows, cols, y, dy, dx, log_mode);
    MDL_CUDA_LAUNCHED(fn, "rows=%lld cols=%lld", (long long)rows, (long long)cols);
    return MDL_OK;
}

template <typename T>
static mdl_status xent_launch(int64_t rows, int64_t cols, const T* z, const T* t, T* probs, T* loss)
{
    MDL_KERNEL_VERSION(version, SOFTMAX, MDL_SOFTMAX_VERSIONS, "mdl_softmax_xent");
    const bool pb = sm_per_block(cols, version);
    if (pb) softmax_xent_kernel<T, true><<<sm_blocks(rows, pb), SM_THREADS>>>(rows, cols, z, t, probs, loss);
    else    softmax_xent_kernel<T, false><<<sm_blocks(rows, pb), SM_THREADS>>>(rows, cols, z, t, probs, loss);
    MDL_CUDA_LAUNCHED("mdl_softmax_xent", "rows=%lld cols=%lld", (long long)rows, (long long)cols);
    return MDL_OK;
}

template <typename T>
static mdl_status xent_backward_launch(int64_t rows, int64_t cols, const T* p, const T* t, const T* dloss, T* dz)
{
    MDL_KERNEL_VERSION(version, SOFTMAX, MDL_SOFTMAX_VERSIONS, "mdl_softmax_xent_backward");
    const bool pb = sm_per_block(cols, version);
    if (pb) softmax_xent_backward_kernel<T, true><<<sm_blocks(rows, pb), SM_THREADS>>>(rows, cols, p, t, dloss, dz);
    else    softmax_xent_backward_kernel<T, false><<<sm_blocks(rows, pb), SM_THREADS>>>(rows, cols, p, t, dloss, dz);
    MDL_CUDA_LAUNCHED("mdl_softmax_xent_backward", "rows=%lld cols=%lld", (long long)rows, (long long)cols);
    return MDL_OK;
}

/* ============================================================================================
 * the ABI
 * ============================================================================================ */

extern "C" {

mdl_status mdl_impl_softmax(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, void* y)
{
    static const char fn[] = "mdl_softmax";
    if (dt == MDL_F32) return softmax_forward_launch<float>(fn, rows, cols, (const float*)x, (float*)y, 0);
    return softmax_forward_launch<double>(fn, rows, cols, (const double*)x, (double*)y, 0);
}

mdl_status mdl_impl_log_softmax(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, void* y)
{
    static const char fn[] = "mdl_log_softmax";
    if (dt == MDL_F32) return softmax_forward_launch<float>(fn, rows, cols, (const float*)x, (float*)y, 1);
    return softmax_forward_launch<double>(fn, rows, cols, (const double*)x, (double*)y, 1);
}

mdl_status mdl_impl_softmax_backward(mdl_dtype dt, int64_t rows, int64_t cols, const void* y, const void* dy,
                                     void* dx)
{
    static const char fn[] = "mdl_softmax_backward";
    if (dt == MDL_F32)
        return softmax_backward_launch<float>(fn, rows, cols, (const float*)y, (const float*)dy, (float*)dx, 0);
    return softmax_backward_launch<double>(fn, rows, cols, (const double*)y, (const double*)dy, (double*)dx, 0);
}

mdl_status mdl_impl_log_softmax_backward(mdl_dtype dt, int64_t rows, int64_t cols, const void* y,
                                         const void* dy, void* dx)
{
    static const char fn[] = "mdl_log_softmax_backward";
    if (dt == MDL_F32)
        return softmax_backward_launch<float>(fn, rows, cols, (const float*)y, (const float*)dy, (float*)dx, 1);
    return softmax_backward_launch<double>(fn, rows, cols, (const double*)y, (const double*)dy, (double*)dx, 1);
}

mdl_status mdl_impl_softmax_xent(mdl_dtype dt, int64_t rows, int64_t cols, const void* logits,
                                 const void* targets, void* probs, void* loss)
{
    if (dt == MDL_F32)
        return xent_launch<float>(rows, cols, (const float*)logits, (const float*)targets, (float*)probs, (float*)loss);
    return xent_launch<double>(rows, cols, (const double*)logits, (const double*)targets, (double*)probs,
                               (double*)loss);
}

mdl_status mdl_impl_softmax_xent_backward(mdl_dtype dt, int64_t rows, int64_t cols, const void* probs,
                                          const void* targets, const void* dloss, void* dlogits)
{
    if (dt == MDL_F32)
        return xent_backward_launch<float>(rows, cols, (const float*)probs, (const float*)targets,
                                           (const float*)dloss, (float*)dlogits);
    return xent_backward_launch<double>(rows, cols, (const double*)probs, (const double*)targets,
                                        (const double*)dloss, (double*)dlogits);
}

} /* extern "C" */
