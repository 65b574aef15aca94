/*
 * optimizer.cu — parameter updates, in place on the parameter buffers (i runs over [0, n)):
 *
 *   SGD:       w[i] -= lr g[i]
 *   momentum:  v[i] = beta v[i] + lr g[i];   w[i] -= v[i]   (Day 01, "Gradient Descent with Momentum")
 *   Adam (Day 01, "Adam (Adaptive Moment Estimation)"); g, m, v, w [n]:
 *              m[i] = b1 m[i] + (1 - b1) g[i]                 running mean of the gradient
 *              v[i] = b2 v[i] + (1 - b2) g[i]^2               running mean of its square
 *              w[i] -= lr (m[i] c1) / (sqrt(v[i] c2) + eps)    (the lecture's m^ = m c1, v^ = v c2)
 *              with the bias corrections c1 = 1 / (1 - b1^t), c2 = 1 / (1 - b2^t): m and v start
 *              at 0, so after t steps they are (1 - b^t) times too small; c1, c2 undo that.
 *              c1 and c2 are computed once per call on the host, in double.
 *
 * Kernels: element-wise, one or two loads and stores per array per element, memory-bound.
 *   *_kernel1   one element per thread, grid-stride.
 *   *_kernel2   16-byte packs (float4 / double2) when every buffer is 16-byte aligned.
 *   MINIDL_KERNEL_OPTIMIZER=1 runs kernel1 (and adam_multi as one adam_launch per tensor);
 *   2 (the default) kernel2 where aligned, kernel1 otherwise, and adam_multi_kernel1 below.
 *   adam_multi_kernel1: Adam over up to ADAM_MULTI_MAX tensors in ONE launch. A training step
 *   of a model with 20 parameter tensors would otherwise pay 20 launch overheads (~3-5 us each,
 *   more than the update itself for small tensors). The tensors are cut into chunks of
 *   ADAM_CHUNK elements; the kernel argument carries a table of the tensors' pointers, lengths
 *   and first chunk (block) index; block b finds its tensor with a scan of that table (the same
 *   answer for the whole block) and updates its chunk. More tensors than ADAM_MULTI_MAX take
 *   several launches.
 */
#include <math.h>

#include "common.cuh"
#include "versions.cuh"

/* The meaning of every kernel below, as a plain float64 loop: native/tests/reference.c
 * (ref_sgd_step, ref_momentum_step, ref_adam_step; adam_multi: ref_adam_step per tensor); the harness checks this file's kernels against it. */

/* ============================================================================================
 * kernels
 * ============================================================================================ */

template <typename T>
__global__ void sgd_kernel1(int64_t n, T lr, const T* __restrict__ g, T* __restrict__ w)
{
    for (int64_t i = global_thread_index(); i < n; i += grid_stride()) w[i] -= lr * g[i];
}

template <typename T>
__global__ void sgd_kernel2(int64_t n, T lr, const T* __restrict__ g, T* __restrict__ w)
{
    const int N = Pack<T>::N;
    const int64_t packs = n / N;
    for (int64_t q = global_thread_index(); q < packs; q += grid_stride()) {
        Pack<T> gv = load_pack(g, q), wv = load_pack(w, q);
        for (int e = 0; e < N; ++e) wv.v[e] -= lr * gv.v[e];
        store_pack(w, q, wv);
    }
    for (int64_t i = packs * N + global_thread_index(); i < n; i += grid_stride()) w[i] -= lr * g[i];
}

template <typename T>
__device__ __forceinline__ void momentum_one(T lr, T beta, T g, T& v, T& w)
{
    v = beta * v + lr * g;
    w -= v;
}

template <typename T>
__global__ void momentum_kernel1(int64_t n, T lr, T beta, const T* __restrict__ g, T* __restrict__ v,
                                 T* __restrict__ w)
{
    for (int64_t i = global_thread_index(); i < n; i += grid_stride()) momentum_one(lr, beta, g[i], v[i], w[i]);
}

template <typename T>
__global__ void momentum_kernel2(int64_t n, T lr, T beta, const T* __restrict__ g, T* __restrict__ v,
                                 T* __restrict__ w)
{
    const int N = Pack<T>::N;
    const int64_t packs = n / N;
    for (int64_t q = global_thread_index(); q < packs; q += grid_stride()) {
        Pack<T> gv = load_pack(g, q), vv = load_pack(v, q), wv = load_pack(w, q);
        for (int e = 0; e < N; ++e) momentum_one(lr, beta, gv.v[e], vv.v[e], wv.v[e]);
        store_pack(v, q, vv);
        store_pack(w, q, wv);
    }
    for (int64_t i = packs * N + global_thread_index(); i < n; i += grid_stride())
        momentum_one(lr, beta, g[i], v[i], w[i]);
}

/* The scalars of one Adam step, as T (c1, c2 rounded from double once). */
template <typename T>
struct AdamParams {
    T lr, b1, om1, b2, om2, eps, c1, c2; /* om1 = 1 - b1, om2 = 1 - b2, derived in double */
};

template <typename T>
__device__ __forceinline__ void adam_one(const AdamParams<T>& a, T g, T& m, T& v, T& w)
{
    m = a.b1 * m + a.om1 * g;
    v = a.b2 * v + a.om2 * g * g;
    w -= a.lr * (m * a.c1) / (msqrt(v * a.c2) + a.eps);
}

template <typename T>
__global__ void adam_kernel1(int64_t n, AdamParams<T> a, const T* __restrict__ g, T* __restrict__ m,
                             T* __restrict__ v, T* __restrict__ w)
{
    for (int64_t i = global_thread_index(); i < n; i += grid_stride()) adam_one(a, g[i], m[i], v[i], w[i]);
}

template <typename T>
__global__ void adam_kernel2(int64_t n, AdamParams<T> a, const T* __restrict__ g, T* __restrict__ m,
                             T* __restrict__ v, T* __restrict__ w)
{
    const int N = Pack<T>::N;
    const int64_t packs = n / N;
    for (int64_t q = global_thread_index(); q < packs; q += grid_stride()) {
        Pack<T> gv = load_pack(g, q), mv = load_pack(m, q), vv = load_pack(v, q), wv = load_pack(w, q);
        for (int e = 0; e < N; ++e) adam_one(a, gv.v[e], mv.v[e], vv.v[e], wv.v[e]);
        store_pack(m, q, mv);
        store_pack(v, q, vv);
        store_pack(w, q, wv);
    }
    for (int64_t i = packs * N + global_thread_index(); i < n; i += grid_stride()) adam_one(a, g[i], m[i], v[i], w[i]);
}

/* ---- multi-tensor Adam ---- */

#define ADAM_MULTI_MAX 64      /* tensors per launch: the table must fit the 4 KB kernel argument */
#define ADAM_CHUNK 2048        /* elements per block (256 threads x 8) */
#define ADAM_MULTI_THREADS 256

template <typename T>
struct AdamMultiTable {
    const T* g[ADAM_MULTI_MAX];
    T* m[ADAM_MULTI_MAX];
    T* v[ADAM_MULTI_MAX];
    T* w[ADAM_MULTI_MAX];
    int64_t n[ADAM_MULTI_MAX];
    int64_t first_block[ADAM_MULTI_MAX + 1]; /* tensor k owns blocks [first_block[k], first_block[k+1]) */
    int count;
};

template <typename T>
__global__ void __launch_bounds__(ADAM_MULTI_THREADS)
adam_multi_kernel1(const AdamMultiTable<T> table, AdamParams<T> a)
{
    const int64_t b = blockIdx.x;
    int k = 0;
    while (k + 1 < table.count && table.first_block[k + 1] <= b) ++k; /* this block's tensor */
    const int64_t start = (b - table.first_block[k]) * ADAM_CHUNK;
    int64_t end = start + ADAM_CHUNK;
    if (end > table.n[k]) end = table.n[k];
    const T* g = table.g[k];
    T* m = table.m[k];
    T* v = table.v[k];
    T* w = table.w[k];
    for (int64_t i = start + threadIdx.x; i < end; i += blockDim.x) adam_one(a, g[i], m[i], v[i], w[i]);
}

/* ============================================================================================
 * launchers
 * ============================================================================================ */

#define OPT_THREADS 256

template <typename T>
static unsigned int opt_grid(int64_t n, bool vec)
{
    return mdl_grid_for(vec ? (n + Pack<T>::N - 1) / Pack<T>::N : n, OPT_THREADS);
}

template <typename T>
static mdl_status sgd_launch(int64_t n, T lr, const T* g, T* w)
{
    MDL_KERNEL_VERSION(version, OPTIMIZER, MDL_OPTIMIZER_VERSIONS, "mdl_sgd_step");
    const bool vec = version >= 2 && mdl_aligned16(g) && mdl_aligned16(w);
    if (vec) sgd_kernel2<T><<<opt_grid<T>(n, vec), OPT_THREADS>>>(n, lr, g, w);
    else     sgd_kernel1<T><<<opt_grid<T>(n, vec), OPT_THREADS>>>(n, lr, g, w);
    MDL_CUDA_LAUNCHED("mdl_sgd_step", "n=%lld", (long long)n);
    return MDL_OK;
}

template <typename T>
static mdl_status momentum_launch(int64_t n, T lr, T beta, const T* g, T* v, T* w)
{
    MDL_KERNEL_VERSION(version, OPTIMIZER, MDL_OPTIMIZER_VERSIONS, "mdl_momentum_step");
    const bool vec = version >= 2 && mdl_aligned16(g) && mdl_aligned16(v) && mdl_aligned16(w);
    if (vec) momentum_kernel2<T><<<opt_grid<T>(n, vec), OPT_THREADS>>>(n, lr, beta, g, v, w);
    else     momentum_kernel1<T><<<opt_grid<T>(n, vec), OPT_THREADS>>>(n, lr, beta, g, v, w);
    MDL_CUDA_LAUNCHED("mdl_momentum_step", "n=%lld", (long long)n);
    return MDL_OK;
}

template <typename T>
static AdamParams<T> adam_params(double lr, double b1, double b2, double eps, int64_t t)
{
    AdamParams<T> a;
    a.lr = (T)lr;
    a.b1 = (T)b1;
    a.b2 = (T)b2;
    /* 1 - b in double, then rounded: in float, 1 - 0.999f = 9.9998713e-4 is 1.3e-5 off 1e-3, an
     * error the bias correction c2 (computed from the exact b2) does not cancel. */
    a.om1 = (T)(1.0 - b1);
    a.om2 = (T)(1.0 - b2);
    a.eps = (T)eps;
    a.c1 = (T)(1.0 / (1.0 - pow(b1, (double)t)));
    a.c2 = (T)(1.0 / (1.0 - pow(b2, (double)t)));
    return a;
}

template <typename T>
static mdl_status adam_launch(int64_t n, AdamParams<T> a, const T* g, T* m, T* v, T* w)
{
    MDL_KERNEL_VERSION(version, OPTIMIZER, MDL_OPTIMIZER_VERSIONS, "mdl_adam_step");
    const bool vec = version >= 2 && mdl_aligned16(g) && mdl_aligned16(m) && mdl_aligned16(v) && mdl_aligned16(w);
    if (vec) adam_kernel2<T><<<opt_grid<T>(n, vec), OPT_THREADS>>>(n, a, g, m, v, w);
    else     adam_kernel1<T><<<opt_grid<T>(n, vec), OPT_THREADS>>>(n, a, g, m, v, w);
    MDL_CUDA_LAUNCHED("mdl_adam_step", "n=%lld", (long long)n);
    return MDL_OK;
}

template <typename T>
static mdl_status adam_multi_launch(int32_t count, const int64_t* lengths, AdamParams<T> a, void* const* g,
                                    void* const* m, void* const* v, void* const* w)
{
    MDL_KERNEL_VERSION(version, OPTIMIZER, MDL_OPTIMIZER_VERSIONS, "mdl_adam_step_multi");
    if (version == 1) { /* version 1: one adam_launch per tensor */
        for (int32_t i = 0; i < count; ++i) {
            if (lengths[i] == 0) continue;
            mdl_status st = adam_launch<T>(lengths[i], a, (const T*)g[i], (T*)m[i], (T*)v[i], (T*)w[i]);
            if (st != MDL_OK) return st;
        }
        return MDL_OK;
    }
    AdamMultiTable<T> table;
    int32_t k = 0;
    while (k < count) {
        /* Fill one table with up to ADAM_MULTI_MAX non-empty tensors, then launch it. */
        table.count = 0;
        int64_t blocks = 0;
        for (; k < count && table.count < ADAM_MULTI_MAX; ++k) {
            if (lengths[k] == 0) continue;
            const int64_t tensor_blocks = (lengths[k] + ADAM_CHUNK - 1) / ADAM_CHUNK;
            if (table.count > 0 && blocks + tensor_blocks > 2147483647LL) break; /* next launch */
            const int j = table.count++;
            table.g[j] = (const T*)g[k];
            table.m[j] = (T*)m[k];
            table.v[j] = (T*)v[k];
            table.w[j] = (T*)w[k];
            table.n[j] = lengths[k];
            table.first_block[j] = blocks;
            blocks += tensor_blocks;
        }
        if (table.count == 0) break;
        table.first_block[table.count] = blocks;
        if (blocks > 2147483647LL)
            return mdl_fail(MDL_ERR_UNSUPPORTED, "mdl_adam_step_multi: a tensor of %lld elements is too large",
                            (long long)table.n[0]);
        adam_multi_kernel1<T><<<(unsigned int)blocks, ADAM_MULTI_THREADS>>>(table, a);
        MDL_CUDA_LAUNCHED("mdl_adam_step_multi", "count=%d tensors in this launch=%d blocks=%lld", (int)count,
                          table.count, (long long)blocks);
    }
    return MDL_OK;
}

/* ============================================================================================
 * the ABI
 * ============================================================================================ */

extern "C" {

mdl_status mdl_impl_sgd_step(mdl_dtype dt, int64_t n, double lr, const void* g, void* w)
{
    if (dt == MDL_F32) return sgd_launch<float>(n, (float)lr, (const float*)g, (float*)w);
    return sgd_launch<double>(n, lr, (const double*)g, (double*)w);
}

mdl_status mdl_impl_momentum_step(mdl_dtype dt, int64_t n, double lr, double beta, const void* g, void* v,
                                  void* w)
{
    if (dt == MDL_F32) return momentum_launch<float>(n, (float)lr, (float)beta, (const float*)g, (float*)v, (float*)w);
    return momentum_launch<double>(n, lr, beta, (const double*)g, (double*)v, (double*)w);
}

mdl_status mdl_impl_adam_step(mdl_dtype dt, int64_t n, double lr, double beta1, double beta2, double eps,
                              int64_t t, const void* g, void* m, void* v, void* w)
{
    if (dt == MDL_F32)
        return adam_launch<float>(n, adam_params<float>(lr, beta1, beta2, eps, t), (const float*)g, (float*)m,
                                  (float*)v, (float*)w);
    return adam_launch<double>(n, adam_params<double>(lr, beta1, beta2, eps, t), (const double*)g, (double*)m,
                               (double*)v, (double*)w);
}

mdl_status mdl_impl_adam_step_multi(mdl_dtype dt, int32_t count, const int64_t* lengths, double lr,
                                    double beta1, double beta2, double eps, int64_t t, void* const* g,
                                    void* const* m, void* const* v, void* const* w)
{
    if (dt == MDL_F32)
        return adam_multi_launch<float>(count, lengths, adam_params<float>(lr, beta1, beta2, eps, t), g, m, v, w);
    return adam_multi_launch<double>(count, lengths, adam_params<double>(lr, beta1, beta2, eps, t), g, m, v, w);
}

} /* extern "C" */
