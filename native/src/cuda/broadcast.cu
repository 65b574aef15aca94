/*
 * broadcast.cu — a vector broadcast over a matrix: zip_row_broadcast, zip_column_broadcast (+ backward), add_bias.
 *
 * The math (x, y, dy, dx are rows x cols, row-major; r and b have cols entries, c has rows):
 *   zip_row_broadcast:   y[i,j] = x[i,j] op r[j]
 *   zip_column_broadcast:   y[i,j] = x[i,j] op c[i]
 *   add_bias:  y[i,j] = f(x[i,j] + b[j]; p)          (the add-bias node fused with an activation;
 *                                                     Lesson 7 "Neural Network", "Add Bias Node")
 *
 * Backward of zip_row_broadcast. y[i,j] depends on x[i,j] only through one term, so
 *   dL/dx[i,j] = dL/dy[i,j] * dop/da(x[i,j], r[j])                  (element-wise)
 * but r[j] is used by every row i (it is copied `rows` times), so by the copy rule (Lesson 7
 * "Neural Network", "Copy Node") its gradient
 * is the sum of the gradients of all its uses:
 *   dL/dr[j]   = sum_i dL/dy[i,j] * dop/db(x[i,j], r[j])             (a column reduction)
 * zip_column_broadcast is the same with the roles of i and j swapped:
 *   dL/dc[i]   = sum_j dL/dy[i,j] * dop/db(x[i,j], c[i])             (a row reduction)
 * Both accumulate (+=) into dx, dr, dc; either may be NULL.
 *
 * Kernels: one kernel serves the three forwards — "v" is the broadcast vector, indexed by the
 * column (row mode: zip_row_broadcast, add_bias) or by the row (column mode: zip_column_broadcast):
 *   y[k] = act(x[k] op v[index]),  k = i*cols + j
 *   broadcast_kernel1   one element per thread, grid-stride.
 *   broadcast_kernel2   16-byte packs; needs cols % N == 0 so that a pack never straddles two
 *                       rows (then all N elements share i, and in row mode v[j..j+N) is a pack).
 * The reductions are column_reduce / row_reduce from reduce.cuh.
 */
#include "common.cuh"
#include "versions.cuh"
#include "ops.cuh"
#include "reduce.cuh"

/* The meaning of every kernel below, as a plain float64 loop: native/tests/reference.c
 * (ref_zip_row_broadcast, ref_zip_row_broadcast_backward, ref_zip_column_broadcast, ref_zip_column_broadcast_backward, ref_add_bias); the harness checks this file's kernels against it. */

/* ============================================================================================
 * kernels
 * ============================================================================================ */

/* y[k] = act(x[k] op v[row_mode ? j : i]). y may equal x. */
template <typename T>
__global__ void broadcast_kernel1(int op, int act, int row_mode, int64_t rows, int64_t cols,
                                  const T* x,    /* [rows, cols] */
                                  const T* v,    /* [cols] in row mode, [rows] in column mode */
                                  T* y,          /* [rows, cols] */
                                  T p)
{
    const int64_t n = rows * cols;
    for (int64_t k = global_thread_index(); k < n; k += grid_stride()) {
        const int64_t idx = row_mode ? k % cols : k / cols;
        y[k] = unary_forward(act, binary_forward(op, x[k], v[idx]), p);
    }
}

template <typename T>
__global__ void broadcast_kernel2(int op, int act, int row_mode, int64_t rows, int64_t cols,
                                  const T* x, const T* v, T* y, T p)
{
    const int N = Pack<T>::N;
    const int64_t packs = rows * cols / N; /* cols % N == 0: exact */
    for (int64_t q = global_thread_index(); q < packs; q += grid_stride()) {
        const int64_t k = q * N;
        Pack<T> xv = load_pack(x, q), vv;
        if (row_mode) vv = load_pack(v, (k % cols) / N);
        else for (int e = 0; e < N; ++e) vv.v[e] = v[k / cols];
        for (int e = 0; e < N; ++e) xv.v[e] = unary_forward(act, binary_forward(op, xv.v[e], vv.v[e]), p);
        store_pack(y, q, xv);
    }
}

/* dx[k] += dy[k] * dop/da(x[k], v[idx]) — the element-wise half of both backwards. */
template <typename T>
__global__ void broadcast_backward_x_kernel1(int op, int row_mode, int64_t rows, int64_t cols,
                                             const T* __restrict__ x, const T* __restrict__ v,
                                             const T* __restrict__ dy, T* __restrict__ dx)
{
    const int64_t n = rows * cols;
    for (int64_t k = global_thread_index(); k < n; k += grid_stride()) {
        const int64_t idx = row_mode ? k % cols : k / cols;
        dx[k] += dy[k] * binary_grad_a(op, x[k], v[idx]);
    }
}

template <typename T>
__global__ void broadcast_backward_x_kernel2(int op, int row_mode, int64_t rows, int64_t cols,
                                             const T* __restrict__ x, const T* __restrict__ v,
                                             const T* __restrict__ dy, T* __restrict__ dx)
{
    const int N = Pack<T>::N;
    const int64_t packs = rows * cols / N;
    for (int64_t q = global_thread_index(); q < packs; q += grid_stride()) {
        const int64_t k = q * N;
        Pack<T> xv = load_pack(x, q), g = load_pack(dy, q), d = load_pack(dx, q), vv;
        if (row_mode) vv = load_pack(v, (k % cols) / N);
        else for (int e = 0; e < N; ++e) vv.v[e] = v[k / cols];
        for (int e = 0; e < N; ++e) d.v[e] += g.v[e] * binary_grad_a(op, xv.v[e], vv.v[e]);
        store_pack(dx, q, d);
    }
}

/* The terms summed by the reductions: dy[i,j] * dop/db(x[i,j], v). */
template <typename T>
struct RowVectorGradTerm {                     /* zip_row_broadcast: v = r[j], summed over i */
    int op;
    int64_t cols;
    const T* x;
    const T* r;
    const T* dy;
    __device__ T operator()(int64_t i, int64_t j) const
    {
        const int64_t k = i * cols + j;
        return dy[k] * binary_grad_b(op, x[k], r[j]);
    }
};

template <typename T>
struct ColVectorGradTerm {                     /* zip_column_broadcast: v = c[i], summed over j */
    int op;
    int64_t cols;
    const T* x;
    const T* c;
    const T* dy;
    __device__ T operator()(int64_t i, int64_t j) const
    {
        const int64_t k = i * cols + j;
        return dy[k] * binary_grad_b(op, x[k], c[i]);
    }
};

/* ============================================================================================
 * launchers
 * ============================================================================================ */

#define BC_THREADS 256

template <typename T>
static bool bc_vec_ok(int64_t cols, const void* a, const void* b, const void* c, const void* d, int row_mode)
{
    /* In column mode v is read one element at a time: its alignment does not matter. */
    return cols % Pack<T>::N == 0 && mdl_aligned16(a) && mdl_aligned16(c) && mdl_aligned16(d) &&
           (!row_mode || mdl_aligned16(b));
}

template <typename T>
static mdl_status broadcast_launch(const char* fn, int op, int act, int row_mode, int64_t rows, int64_t cols,
                                   const T* x, const T* v, T* y, T p)
{
    MDL_KERNEL_VERSION(version, BROADCAST, MDL_BROADCAST_VERSIONS, fn);
    const int64_t n = rows * cols;
    if (version >= 2 && bc_vec_ok<T>(cols, x, v, y, 0, row_mode))
        broadcast_kernel2<T><<<mdl_grid_for(n / Pack<T>::N, BC_THREADS), BC_THREADS>>>(op, act, row_mode, rows, cols, x, v, y, p);
    else
        broadcast_kernel1<T><<<mdl_grid_for(n, BC_THREADS), BC_THREADS>>>(op, act, row_mode, rows, cols, x, v, y, p);
    MDL_CUDA_LAUNCHED(fn, "op=%d act=%d rows=%lld cols=%lld", op, act, (long long)rows, (long long)cols);
    return MDL_OK;
}

template <typename T>
static mdl_status broadcast_backward_launch(const char* fn, int op, int row_mode, int64_t rows, int64_t cols,
                                            const T* x, const T* v, const T* dy, T* dx, T* dv)
{
    MDL_KERNEL_VERSION(version, BROADCAST, MDL_BROADCAST_VERSIONS, fn);
    const int64_t n = rows * cols;
    if (dx) {
        if (version >= 2 && bc_vec_ok<T>(cols, x, v, dy, dx, row_mode))
            broadcast_backward_x_kernel2<T><<<mdl_grid_for(n / Pack<T>::N, BC_THREADS), BC_THREADS>>>(
                op, row_mode, rows, cols, x, v, dy, dx);
        else
            broadcast_backward_x_kernel1<T><<<mdl_grid_for(n, BC_THREADS), BC_THREADS>>>(
                op, row_mode, rows, cols, x, v, dy, dx);
        MDL_CUDA_LAUNCHED(fn, "dx: op=%d rows=%lld cols=%lld", op, (long long)rows, (long long)cols);
    }
    if (dv) {
        if (row_mode) {
            RowVectorGradTerm<T> term = {op, cols, x, v, dy};
            return column_reduce<T>(fn, rows, cols, term, T(1), dv); /* dr[j] += ... */
        }
        ColVectorGradTerm<T> term = {op, cols, x, v, dy};
        return row_reduce<T>(fn, rows, cols, term, T(1), dv);         /* dc[i] += ... */
    }
    return MDL_OK;
}

/* ============================================================================================
 * the ABI
 * ============================================================================================ */

extern "C" {

mdl_status mdl_impl_zip_row_broadcast(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols, const void* x,
                            const void* r, void* y)
{
    static const char fn[] = "mdl_zip_row_broadcast";
    if (dt == MDL_F32)
        return broadcast_launch<float>(fn, (int)op, MDL_IDENTITY, 1, rows, cols, (const float*)x, (const float*)r, (float*)y, 0.f);
    return broadcast_launch<double>(fn, (int)op, MDL_IDENTITY, 1, rows, cols, (const double*)x, (const double*)r, (double*)y, 0.0);
}

mdl_status mdl_impl_zip_column_broadcast(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols, const void* x,
                            const void* c, void* y)
{
    static const char fn[] = "mdl_zip_column_broadcast";
    if (dt == MDL_F32)
        return broadcast_launch<float>(fn, (int)op, MDL_IDENTITY, 0, rows, cols, (const float*)x, (const float*)c, (float*)y, 0.f);
    return broadcast_launch<double>(fn, (int)op, MDL_IDENTITY, 0, rows, cols, (const double*)x, (const double*)c, (double*)y, 0.0);
}

mdl_status mdl_impl_add_bias(mdl_dtype dt, mdl_unary_op act, int64_t rows, int64_t cols, const void* x,
                             const void* b, void* y, double p)
{
    static const char fn[] = "mdl_add_bias";
    if (dt == MDL_F32)
        return broadcast_launch<float>(fn, MDL_ADD, (int)act, 1, rows, cols, (const float*)x, (const float*)b, (float*)y, (float)p);
    return broadcast_launch<double>(fn, MDL_ADD, (int)act, 1, rows, cols, (const double*)x, (const double*)b, (double*)y, p);
}

mdl_status mdl_impl_zip_row_broadcast_backward(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols, const void* x,
                                     const void* r, const void* dy, void* dx, void* dr)
{
    static const char fn[] = "mdl_zip_row_broadcast_backward";
    if (dt == MDL_F32)
        return broadcast_backward_launch<float>(fn, (int)op, 1, rows, cols, (const float*)x, (const float*)r,
                                                (const float*)dy, (float*)dx, (float*)dr);
    return broadcast_backward_launch<double>(fn, (int)op, 1, rows, cols, (const double*)x, (const double*)r,
                                             (const double*)dy, (double*)dx, (double*)dr);
}

mdl_status mdl_impl_zip_column_broadcast_backward(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols, const void* x,
                                     const void* c, const void* dy, void* dx, void* dc)
{
    static const char fn[] = "mdl_zip_column_broadcast_backward";
    if (dt == MDL_F32)
        return broadcast_backward_launch<float>(fn, (int)op, 0, rows, cols, (const float*)x, (const float*)c,
                                                (const float*)dy, (float*)dx, (float*)dc);
    return broadcast_backward_launch<double>(fn, (int)op, 0, rows, cols, (const double*)x, (const double*)c,
                                             (const double*)dy, (double*)dx, (double*)dc);
}

} /* extern "C" */
