/*
 * elementwise.cu — fill, scale, axpy, map, map_backward, zip, zip_backward, dropout_mask.
 *
 * The math (i runs over [0, n)):
 *   fill:          x[i]  = value
 *   scale:         y[i]  = alpha y[i]
 *   axpy:          y[i] += alpha x[i]
 *   map:           y[i]  = f(x[i]; p)                      f from ops.cuh (mdl_unary_op)
 *   map_backward:  dx[i] += dy[i] f'(x[i]; p)              chain rule: dL/dx = dL/dy dy/dx
 *                                                          (f' per op: ops.cuh, derived in reference.c)
 *   zip:           c[i]  = a[i] op b[i]                     (mdl_binary_op)
 *   zip_backward:  da[i] += dc[i] dc/da(a[i], b[i]),  db[i] += dc[i] dc/db(a[i], b[i])
 *                  (dc is dL/dc, the gradient arriving at c; dc/da, dc/db is the op's partial)
 *   dropout_mask:  mask[i] = (u_i >= p) / (1 - p), u_i = SplitMix64(seed, i) in [0, 1)
 *
 * Every function is memory-bound: a kernel reads and writes each element once, and its speed
 * is set by how well it uses DRAM bandwidth. Two versions each (dropout_mask: kernel1 only):
 *   kernel1  one element per thread, grid-stride loop (consecutive threads touch consecutive
 *            elements, so a warp's loads coalesce into 128-byte transactions);
 *   kernel2  the same with 16-byte "packs" (float4 / double2): a quarter of the load/store
 *            instructions. Needs every pointer 16-byte aligned (buffers from mdl_alloc are; a
 *            buffer offset into another may not be). The last n % N elements are done one by one.
 * MINIDL_KERNEL_ELEMENTWISE=1 runs kernel1; 2 (the default) runs kernel2 when the pointers are
 * aligned, kernel1 otherwise. Every array here has n elements.
 */
#include "common.cuh"
#include "ops.cuh"
#include "versions.cuh"

/* The meaning of every kernel below, as a plain float64 loop: native/tests/reference.c (ref_fill,
 * ref_scale, ref_axpy, ref_map, ref_map_backward, ref_zip, ref_zip_backward, ref_dropout_mask);
 * the harness checks this file's kernels against it. */

/* SplitMix64 of (seed, i): the (i+1)-th output of the generator started at `seed`. Each element
 * depends only on (seed, i), so thread i computes it with no shared state, and every build gives
 * bit-identical masks. */
__host__ __device__ __forceinline__ double dropout_uniform(uint64_t seed, uint64_t i)
{
    uint64_t z = seed + (i + 1) * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (double)(z >> 11) * (1.0 / 9007199254740992.0); /* 53 bits * 2^-53: exact, in [0,1) */
}

/* ============================================================================================
 * fill, scale, axpy
 * ============================================================================================ */

template <typename T>
__global__ void fill_kernel1(int64_t n, T* __restrict__ x, T value)
{
    for (int64_t i = global_thread_index(); i < n; i += grid_stride()) x[i] = value;
}

template <typename T>
__global__ void fill_kernel2(int64_t n, T* __restrict__ x, T value)
{
    const int N = Pack<T>::N;
    const int64_t packs = n / N;
    Pack<T> v;
    for (int e = 0; e < N; ++e) v.v[e] = value;
    for (int64_t i = global_thread_index(); i < packs; i += grid_stride()) store_pack(x, i, v);
    for (int64_t i = packs * N + global_thread_index(); i < n; i += grid_stride()) x[i] = value;
}

template <typename T>
__global__ void scale_kernel1(int64_t n, T alpha, T* __restrict__ y)
{
    for (int64_t i = global_thread_index(); i < n; i += grid_stride()) y[i] *= alpha;
}

template <typename T>
__global__ void scale_kernel2(int64_t n, T alpha, T* __restrict__ y)
{
    const int N = Pack<T>::N;
    const int64_t packs = n / N;
    for (int64_t i = global_thread_index(); i < packs; i += grid_stride()) {
        Pack<T> v = load_pack(y, i);
        for (int e = 0; e < N; ++e) v.v[e] *= alpha;
        store_pack(y, i, v);
    }
    for (int64_t i = packs * N + global_thread_index(); i < n; i += grid_stride()) y[i] *= alpha;
}

template <typename T>
__global__ void axpy_kernel1(int64_t n, T alpha, const T* __restrict__ x, T* __restrict__ y)
{
    for (int64_t i = global_thread_index(); i < n; i += grid_stride()) y[i] += alpha * x[i];
}

template <typename T>
__global__ void axpy_kernel2(int64_t n, T alpha, const T* __restrict__ x, T* __restrict__ y)
{
    const int N = Pack<T>::N;
    const int64_t packs = n / N;
    for (int64_t i = global_thread_index(); i < packs; i += grid_stride()) {
        Pack<T> xv = load_pack(x, i), yv = load_pack(y, i);
        for (int e = 0; e < N; ++e) yv.v[e] += alpha * xv.v[e];
        store_pack(y, i, yv);
    }
    for (int64_t i = packs * N + global_thread_index(); i < n; i += grid_stride()) y[i] += alpha * x[i];
}

/* ============================================================================================
 * map: y = f(x; p)   (y may equal x: each element is read before it is written, by one thread)
 * ============================================================================================ */

template <typename T>
__global__ void map_kernel1(int op, int64_t n, const T* x, T* y, T p)
{
    for (int64_t i = global_thread_index(); i < n; i += grid_stride()) y[i] = unary_forward(op, x[i], p);
}

template <typename T>
__global__ void map_kernel2(int op, int64_t n, const T* x, T* y, T p)
{
    const int N = Pack<T>::N;
    const int64_t packs = n / N;
    for (int64_t i = global_thread_index(); i < packs; i += grid_stride()) {
        Pack<T> v = load_pack(x, i);
        for (int e = 0; e < N; ++e) v.v[e] = unary_forward(op, v.v[e], p);
        store_pack(y, i, v);
    }
    for (int64_t i = packs * N + global_thread_index(); i < n; i += grid_stride()) y[i] = unary_forward(op, x[i], p);
}

/* map_backward: dx[i] += dy[i] f'(x[i], y[i]; p). x or y may be NULL when the op's derivative
 * does not read it (then 0 is passed in its place). Not vectorized on x/y: either may be NULL;
 * dy and dx, always present, are streamed in packs. */
template <typename T>
__global__ void map_backward_kernel1(int op, int64_t n, const T* __restrict__ x, const T* __restrict__ y,
                                     const T* __restrict__ dy, T* __restrict__ dx, T p)
{
    for (int64_t i = global_thread_index(); i < n; i += grid_stride())
        dx[i] += dy[i] * unary_derivative(op, x ? x[i] : T(0), y ? y[i] : T(0), p);
}

template <typename T>
__global__ void map_backward_kernel2(int op, int64_t n, const T* __restrict__ x, const T* __restrict__ y,
                                     const T* __restrict__ dy, T* __restrict__ dx, T p)
{
    const int N = Pack<T>::N;
    const int64_t packs = n / N;
    for (int64_t i = global_thread_index(); i < packs; i += grid_stride()) {
        Pack<T> g = load_pack(dy, i), d = load_pack(dx, i);
        Pack<T> xv, yv;
        for (int e = 0; e < N; ++e) xv.v[e] = yv.v[e] = T(0);
        if (x) xv = load_pack(x, i);
        if (y) yv = load_pack(y, i);
        for (int e = 0; e < N; ++e) d.v[e] += g.v[e] * unary_derivative(op, xv.v[e], yv.v[e], p);
        store_pack(dx, i, d);
    }
    for (int64_t i = packs * N + global_thread_index(); i < n; i += grid_stride())
        dx[i] += dy[i] * unary_derivative(op, x ? x[i] : T(0), y ? y[i] : T(0), p);
}

/* ============================================================================================
 * zip: c = a op b   (c may equal a or b)
 * ============================================================================================ */

template <typename T>
__global__ void zip_kernel1(int op, int64_t n, const T* a, const T* b, T* c)
{
    for (int64_t i = global_thread_index(); i < n; i += grid_stride()) c[i] = binary_forward(op, a[i], b[i]);
}

template <typename T>
__global__ void zip_kernel2(int op, int64_t n, const T* a, const T* b, T* c)
{
    const int N = Pack<T>::N;
    const int64_t packs = n / N;
    for (int64_t i = global_thread_index(); i < packs; i += grid_stride()) {
        Pack<T> av = load_pack(a, i), bv = load_pack(b, i);
        for (int e = 0; e < N; ++e) av.v[e] = binary_forward(op, av.v[e], bv.v[e]);
        store_pack(c, i, av);
    }
    for (int64_t i = packs * N + global_thread_index(); i < n; i += grid_stride()) c[i] = binary_forward(op, a[i], b[i]);
}

/* zip_backward: da += dc dc/da, db += dc dc/db; da or db may be NULL, or the same buffer. */
/* No __restrict__ here: da and db may be the same buffer (y = x * x gives a == b and one gradient
 * buffer for both), and then "da[i] += ...; db[i] += ..." must see the first update. With
 * __restrict__ the compiler may load db[i] before da[i] is stored and lose one contribution
 * (the CPU build accumulates both). */
template <typename T>
__global__ void zip_backward_kernel1(int op, int64_t n, const T* a, const T* b, const T* dc, T* da, T* db)
{
    for (int64_t i = global_thread_index(); i < n; i += grid_stride()) {
        const T ai = a[i], bi = b[i], g = dc[i];
        if (da) da[i] += g * binary_grad_a(op, ai, bi);
        if (db) db[i] += g * binary_grad_b(op, ai, bi);
    }
}

template <typename T>
__global__ void zip_backward_kernel2(int op, int64_t n, const T* a, const T* b, const T* dc, T* da, T* db)
{
    const int N = Pack<T>::N;
    const int64_t packs = n / N;
    for (int64_t i = global_thread_index(); i < packs; i += grid_stride()) {
        Pack<T> av = load_pack(a, i), bv = load_pack(b, i), g = load_pack(dc, i);
        if (da) {
            Pack<T> d = load_pack(da, i);
            for (int e = 0; e < N; ++e) d.v[e] += g.v[e] * binary_grad_a(op, av.v[e], bv.v[e]);
            store_pack(da, i, d);
        }
        if (db) {
            Pack<T> d = load_pack(db, i);
            for (int e = 0; e < N; ++e) d.v[e] += g.v[e] * binary_grad_b(op, av.v[e], bv.v[e]);
            store_pack(db, i, d);
        }
    }
    for (int64_t i = packs * N + global_thread_index(); i < n; i += grid_stride()) {
        const T ai = a[i], bi = b[i], g = dc[i];
        if (da) da[i] += g * binary_grad_a(op, ai, bi);
        if (db) db[i] += g * binary_grad_b(op, ai, bi);
    }
}

/* ============================================================================================
 * dropout mask (one element per thread; the hash is a few integer multiplies)
 * ============================================================================================ */

template <typename T>
__global__ void dropout_mask_kernel1(int64_t n, double p, uint64_t seed, T keep, T* __restrict__ mask)
{
    for (int64_t i = global_thread_index(); i < n; i += grid_stride())
        mask[i] = dropout_uniform(seed, (uint64_t)i) >= p ? keep : T(0);
}

/* ============================================================================================
 * launchers
 * ============================================================================================ */

#define EW_THREADS 256

/* The versions of the family, as a table: MINIDL_KERNEL_ELEMENTWISE=N runs row N of map_versions() for
 * mdl_map (adding a row adds a version: the launcher needs no change), and for the other ops
 * kernel1 (N = 1) or the packed kernel2 (N >= 2). */
template <typename T>
struct MapVersion {
    void (*kernel)(int op, int64_t n, const T* x, T* y, T p);
    int per_thread; /* elements per thread per loop step: the grid covers n / per_thread */
    bool aligned;   /* needs 16-byte aligned x and y (version 1 runs otherwise) */
};
template <typename T>
static const MapVersion<T>* map_versions(int* count = 0)
{
    static const MapVersion<T> table[] = {
        {map_kernel1<T>, 1, false},          /* 1: one element per thread, grid-stride */
        {map_kernel2<T>, Pack<T>::N, true},  /* 2: float4 / double2 packs (the default) */
    };
    if (count) *count = (int)(sizeof table / sizeof table[0]);
    return table;
}
static inline int ew_version_count()
{
    int count = 0;
    map_versions<float>(&count);
    return count;
}

/* Pick the vectorized kernel2 when every (non-NULL) pointer is 16-byte aligned. */
static inline bool ew_vec_ok(const void* p0, const void* p1 = 0, const void* p2 = 0, const void* p3 = 0)
{
    return mdl_aligned16(p0) && mdl_aligned16(p1) && mdl_aligned16(p2) && mdl_aligned16(p3);
}

/* Grid for a grid-stride loop: with packs the loop has n / N iterations. */
template <typename T>
static unsigned int ew_grid(int64_t n, bool vec)
{
    return mdl_grid_for(vec ? (n + Pack<T>::N - 1) / Pack<T>::N : n, EW_THREADS);
}

template <typename T>
static mdl_status fill_launch(int64_t n, T* x, T value)
{
    MDL_KERNEL_VERSION(version, ELEMENTWISE, ew_version_count(), "mdl_fill");
    const bool vec = version >= 2 && ew_vec_ok(x);
    if (vec) fill_kernel2<T><<<ew_grid<T>(n, vec), EW_THREADS>>>(n, x, value);
    else     fill_kernel1<T><<<ew_grid<T>(n, vec), EW_THREADS>>>(n, x, value);
    MDL_CUDA_LAUNCHED("mdl_fill", "n=%lld", (long long)n);
    return MDL_OK;
}

template <typename T>
static mdl_status scale_launch(int64_t n, T alpha, T* y)
{
    MDL_KERNEL_VERSION(version, ELEMENTWISE, ew_version_count(), "mdl_scale");
    const bool vec = version >= 2 && ew_vec_ok(y);
    if (vec) scale_kernel2<T><<<ew_grid<T>(n, vec), EW_THREADS>>>(n, alpha, y);
    else     scale_kernel1<T><<<ew_grid<T>(n, vec), EW_THREADS>>>(n, alpha, y);
    MDL_CUDA_LAUNCHED("mdl_scale", "n=%lld", (long long)n);
    return MDL_OK;
}

template <typename T>
static mdl_status axpy_launch(int64_t n, T alpha, const T* x, T* y)
{
    MDL_KERNEL_VERSION(version, ELEMENTWISE, ew_version_count(), "mdl_axpy");
    const bool vec = version >= 2 && ew_vec_ok(x, y);
    if (vec) axpy_kernel2<T><<<ew_grid<T>(n, vec), EW_THREADS>>>(n, alpha, x, y);
    else     axpy_kernel1<T><<<ew_grid<T>(n, vec), EW_THREADS>>>(n, alpha, x, y);
    MDL_CUDA_LAUNCHED("mdl_axpy", "n=%lld", (long long)n);
    return MDL_OK;
}

template <typename T>
static mdl_status map_launch(int op, int64_t n, const T* x, T* y, T p)
{
    MDL_KERNEL_VERSION(version, ELEMENTWISE, ew_version_count(), "mdl_map");
    const MapVersion<T>* v = &map_versions<T>()[version - 1];
    if (v->aligned && !ew_vec_ok(x, y)) v = &map_versions<T>()[0]; /* unaligned: version 1 */
    void (*kernel)(int, int64_t, const T*, T*, T) = v->kernel;
    kernel<<<mdl_grid_for((n + v->per_thread - 1) / v->per_thread, EW_THREADS), EW_THREADS>>>(op, n, x, y, p);
    MDL_CUDA_LAUNCHED("mdl_map", "op=%d n=%lld version=%d", op, (long long)n, version);
    return MDL_OK;
}

template <typename T>
static mdl_status map_backward_launch(int op, int64_t n, const T* x, const T* y, const T* dy, T* dx, T p)
{
    MDL_KERNEL_VERSION(version, ELEMENTWISE, ew_version_count(), "mdl_map_backward");
    const bool vec = version >= 2 && ew_vec_ok(x, y, dy, dx);
    if (vec) map_backward_kernel2<T><<<ew_grid<T>(n, vec), EW_THREADS>>>(op, n, x, y, dy, dx, p);
    else     map_backward_kernel1<T><<<ew_grid<T>(n, vec), EW_THREADS>>>(op, n, x, y, dy, dx, p);
    MDL_CUDA_LAUNCHED("mdl_map_backward", "op=%d n=%lld", op, (long long)n);
    return MDL_OK;
}

template <typename T>
static mdl_status zip_launch(int op, int64_t n, const T* a, const T* b, T* c)
{
    MDL_KERNEL_VERSION(version, ELEMENTWISE, ew_version_count(), "mdl_zip");
    const bool vec = version >= 2 && ew_vec_ok(a, b, c);
    if (vec) zip_kernel2<T><<<ew_grid<T>(n, vec), EW_THREADS>>>(op, n, a, b, c);
    else     zip_kernel1<T><<<ew_grid<T>(n, vec), EW_THREADS>>>(op, n, a, b, c);
    MDL_CUDA_LAUNCHED("mdl_zip", "op=%d n=%lld", op, (long long)n);
    return MDL_OK;
}

template <typename T>
static mdl_status zip_backward_launch(int op, int64_t n, const T* a, const T* b, const T* dc, T* da, T* db)
{
    MDL_KERNEL_VERSION(version, ELEMENTWISE, ew_version_count(), "mdl_zip_backward");
    const bool vec = version >= 2 && ew_vec_ok(a, b, dc) && ew_vec_ok(da, db);
    if (vec) zip_backward_kernel2<T><<<ew_grid<T>(n, vec), EW_THREADS>>>(op, n, a, b, dc, da, db);
    else     zip_backward_kernel1<T><<<ew_grid<T>(n, vec), EW_THREADS>>>(op, n, a, b, dc, da, db);
    MDL_CUDA_LAUNCHED("mdl_zip_backward", "op=%d n=%lld", op, (long long)n);
    return MDL_OK;
}

template <typename T>
static mdl_status dropout_launch(int64_t n, double p, uint64_t seed, T* mask)
{
    const T keep = (T)(1.0 / (1.0 - p)); /* rounded once, exactly as the CPU build does */
    dropout_mask_kernel1<T><<<mdl_grid_for(n, EW_THREADS), EW_THREADS>>>(n, p, seed, keep, mask);
    MDL_CUDA_LAUNCHED("mdl_dropout_mask", "n=%lld p=%g seed=%llu", (long long)n, p, (unsigned long long)seed);
    return MDL_OK;
}

/* ============================================================================================
 * the build's kernel entries (mdl_impl.h; native/src/common/api.c checked the arguments)
 * ============================================================================================ */

extern "C" {

mdl_status mdl_impl_fill(mdl_dtype dt, int64_t n, void* x, double value)
{
    if (dt == MDL_F32) return fill_launch<float>(n, (float*)x, (float)value);
    return fill_launch<double>(n, (double*)x, value);
}

mdl_status mdl_impl_scale(mdl_dtype dt, int64_t n, double alpha, void* y)
{
    if (dt == MDL_F32) return scale_launch<float>(n, (float)alpha, (float*)y);
    return scale_launch<double>(n, alpha, (double*)y);
}

mdl_status mdl_impl_axpy(mdl_dtype dt, int64_t n, double alpha, const void* x, void* y)
{
    if (dt == MDL_F32) return axpy_launch<float>(n, (float)alpha, (const float*)x, (float*)y);
    return axpy_launch<double>(n, alpha, (const double*)x, (double*)y);
}

mdl_status mdl_impl_map(mdl_dtype dt, mdl_unary_op op, int64_t n, const void* x, void* y, double p)
{
    if (dt == MDL_F32) return map_launch<float>((int)op, n, (const float*)x, (float*)y, (float)p);
    return map_launch<double>((int)op, n, (const double*)x, (double*)y, p);
}

/* x or y is NULL when the op's derivative does not read it (api.c), so the kernel never touches it. */
mdl_status mdl_impl_map_backward(mdl_dtype dt, mdl_unary_op op, int64_t n, const void* x, const void* y,
                                 const void* dy, void* dx, double p)
{
    if (dt == MDL_F32)
        return map_backward_launch<float>((int)op, n, (const float*)x, (const float*)y, (const float*)dy,
                                          (float*)dx, (float)p);
    return map_backward_launch<double>((int)op, n, (const double*)x, (const double*)y, (const double*)dy,
                                       (double*)dx, p);
}

mdl_status mdl_impl_zip(mdl_dtype dt, mdl_binary_op op, int64_t n, const void* a, const void* b, void* c)
{
    if (dt == MDL_F32) return zip_launch<float>((int)op, n, (const float*)a, (const float*)b, (float*)c);
    return zip_launch<double>((int)op, n, (const double*)a, (const double*)b, (double*)c);
}

mdl_status mdl_impl_zip_backward(mdl_dtype dt, mdl_binary_op op, int64_t n, const void* a, const void* b,
                                 const void* dc, void* da, void* db)
{
    if (dt == MDL_F32)
        return zip_backward_launch<float>((int)op, n, (const float*)a, (const float*)b, (const float*)dc,
                                          (float*)da, (float*)db);
    return zip_backward_launch<double>((int)op, n, (const double*)a, (const double*)b, (const double*)dc,
                                       (double*)da, (double*)db);
}

mdl_status mdl_impl_dropout_mask(mdl_dtype dt, int64_t n, double p, uint64_t seed, void* mask)
{
    if (dt == MDL_F32) return dropout_launch<float>(n, p, seed, (float*)mask);
    return dropout_launch<double>(n, p, seed, (double*)mask);
}

} /* extern "C" */
