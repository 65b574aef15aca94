/*
 * api.c — every exported function of minidl.h, written once for all builds.
 *
 * Each function checks its arguments (a failure returns MDL_ERR_INVALID_ARGUMENT and sets the
 * last-error message to "<function>: <what is wrong, with the offending value>"), returns early
 * for the zero-length cases of minidl.h, then calls the build's kernel entry mdl_impl_<name>
 * (mdl_impl.h): the .c files of native/src/cpu for the CPU build, the .cu files of native/src/cuda for the CUDA build
 * and its CPU emulator (native/tests/cuda_emu). The library never exits, aborts or prints.
 */
#include <string.h>

#include "mdl_impl.h"

/* ---- the profile (mdl_profile, minidl.h) -------------------------------------------
 * Each kernel entry below ends in MDL_TIMED(family, call): when the calling thread has
 * switched its profile on, the call is timed and added to that thread's family counter;
 * when it is off (the default), the only cost is one test of a thread-local flag. */
typedef struct profile_counters {
    int on;
    double seconds[MDL_FAMILY_COUNT];
    int64_t calls[MDL_FAMILY_COUNT];
} profile_counters;

static MDL_THREAD_LOCAL profile_counters g_profile;

/* Ends a timed call that began at t0: waits for the device (the CUDA build queues work, so
 * without the wait a call's time would be its launch's), then adds the time to `family`. */
static mdl_status profile_add(mdl_family family, double t0, mdl_status status)
{
    if (status == MDL_OK) status = mdl_impl_synchronize();
    g_profile.seconds[family] += mdl_clock_seconds() - t0;
    g_profile.calls[family] += 1;
    return status;
}

/* `return call;`, timed under `family` while the thread's profile is on. */
#define MDL_TIMED(family, call)                                                  \
    do {                                                                         \
        if (!g_profile.on) return (call);                                        \
        double t0_ = mdl_clock_seconds();                                            \
        mdl_status status_ = (call);                                             \
        return profile_add((family), t0_, status_);                              \
    } while (0)

mdl_status mdl_profile(int32_t on)
{
    memset(&g_profile, 0, sizeof g_profile);
    g_profile.on = on != 0;
    return MDL_OK;
}

mdl_status mdl_profile_read(int32_t family, double* seconds, int64_t* calls)
{
    if (family < 0 || family >= MDL_FAMILY_COUNT)
        return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "mdl_profile_read: unknown family %d (0..%d)", (int)family, MDL_FAMILY_COUNT - 1);
    if (!seconds || !calls)
        return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "mdl_profile_read: %s is NULL", !seconds ? "seconds" : "calls");
    *seconds = g_profile.seconds[family];
    *calls = g_profile.calls[family];
    return MDL_OK;
}

/* ---- the checks (each returns from the calling function on failure) ---- */

/* dt is a dtype, rows and cols are >= 0 and rows * cols fits in int64_t. */
#define CHECK_MATRIX(fn, dt, rows, cols) \
    do {                                 \
        MDL_CHECK_DTYPE(fn, dt);         \
        MDL_CHECK_SHAPE2(fn, rows, cols); \
    } while (0)

/* dt is a dtype and n >= 0. */
#define CHECK_VECTOR(fn, dt, n)          \
    do {                                 \
        MDL_CHECK_DTYPE(fn, dt);         \
        MDL_CHECK_NONNEG(fn, "n", n);    \
    } while (0)

/* Which arguments of mdl_map_backward an op's derivative f'(x, y; p) reads (minidl.h). */
static int derivative_reads_x(mdl_unary_op op)
{
    switch (op) {
    case MDL_LOG: case MDL_RECIPROCAL: case MDL_SQUARE: case MDL_ABS: case MDL_POW_CONST:
    case MDL_RELU: case MDL_LEAKY_RELU: case MDL_ELU:
        return 1;
    default:
        return 0;
    }
}

static int derivative_reads_y(mdl_unary_op op)
{
    return op == MDL_EXP || op == MDL_SQRT || op == MDL_SIGMOID || op == MDL_TANH || op == MDL_ELU;
}

/* ---- library ---------------------------------------------------------------------- */

int32_t mdl_abi_version(void) { return MDL_ABI_VERSION; }

const char* mdl_last_error(void) { return mdl_error_message(); }

mdl_status mdl_device_info_get(mdl_device_info* out)
{
    if (!out) return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "mdl_device_info_get: out is NULL");
    memset(out, 0, sizeof *out);
    return mdl_impl_device_info_get(out);
}

mdl_status mdl_set_threads(int32_t threads)
{
    MDL_CHECK_NONNEG("mdl_set_threads", "threads", threads);
    return mdl_impl_set_threads(threads);
}

mdl_status mdl_synchronize(void) { return mdl_impl_synchronize(); }

/* ---- memory ----------------------------------------------------------------------- */

mdl_status mdl_alloc(size_t bytes, void** out)
{
    if (!out) return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "mdl_alloc: out is NULL (bytes=%zu)", bytes);
    *out = NULL;
    if (bytes == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_MEMORY, mdl_impl_alloc(bytes, out));
}

mdl_status mdl_free(void* buffer)
{
    if (!buffer) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_MEMORY, mdl_impl_free(buffer));
}

/* A copy of `bytes` bytes needs both pointers unless it copies nothing. */
#define CHECK_COPY(fn, dst_name, dst, src_name, src, bytes)                                                 \
    do {                                                                                                    \
        if ((bytes) == 0) return MDL_OK;                                                                    \
        if (!(dst)) return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "%s: %s is NULL with %zu bytes", fn, dst_name, bytes); \
        if (!(src)) return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "%s: %s is NULL with %zu bytes", fn, src_name, bytes); \
    } while (0)

mdl_status mdl_copy_to_device(void* dst, const void* host_src, size_t bytes)
{
    CHECK_COPY("mdl_copy_to_device", "dst", dst, "host_src", host_src, bytes);
    MDL_TIMED(MDL_FAMILY_MEMORY, mdl_impl_copy_to_device(dst, host_src, bytes));
}

mdl_status mdl_copy_to_host(void* host_dst, const void* src, size_t bytes)
{
    CHECK_COPY("mdl_copy_to_host", "host_dst", host_dst, "src", src, bytes);
    MDL_TIMED(MDL_FAMILY_MEMORY, mdl_impl_copy_to_host(host_dst, src, bytes));
}

mdl_status mdl_copy_device(void* dst, const void* src, size_t bytes)
{
    CHECK_COPY("mdl_copy_device", "dst", dst, "src", src, bytes);
    if (dst == src) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_MEMORY, mdl_impl_copy_device(dst, src, bytes));
}

/* The checks both batch gathers share: the shapes, the pointers, every index a row of the source. */
static mdl_status check_gather(const char* fn, mdl_dtype dt, int64_t rows, int64_t cols, const char* src_name,
                               const void* src, int64_t src_rows, const int32_t* host_rows, void* dst)
{
    CHECK_MATRIX(fn, dt, rows, cols);
    MDL_CHECK_SHAPE2(fn, src_rows, cols);
    MDL_CHECK_PTR(fn, "host_rows", host_rows, rows);
    MDL_CHECK_PTR(fn, "dst", dst, rows * cols);
    MDL_CHECK_PTR(fn, src_name, src, rows * cols);
    for (int64_t r = 0; r < rows; ++r)
        if (host_rows[r] < 0 || host_rows[r] >= src_rows)
            return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "%s: host_rows[%lld]=%d is outside the source's %lld rows", fn,
                            (long long)r, (int)host_rows[r], (long long)src_rows);
    return MDL_OK;
}

mdl_status mdl_copy_rows_to_device(mdl_dtype dt, int64_t rows, int64_t cols, const double* host_src, int64_t src_rows,
                                   const int32_t* host_rows, void* dst)
{
    static const char fn[] = "mdl_copy_rows_to_device";
    mdl_status st = check_gather(fn, dt, rows, cols, "host_src", host_src, src_rows, host_rows, dst);
    if (st != MDL_OK) return st;
    if (rows == 0 || cols == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_MEMORY, mdl_impl_copy_rows_to_device(dt, rows, cols, host_src, host_rows, dst));
}

mdl_status mdl_gather_rows(mdl_dtype dt, int64_t rows, int64_t cols, const void* src, int64_t src_rows,
                           const int32_t* host_rows, void* dst)
{
    static const char fn[] = "mdl_gather_rows";
    mdl_status st = check_gather(fn, dt, rows, cols, "src", src, src_rows, host_rows, dst);
    if (st != MDL_OK) return st;
    if (rows == 0 || cols == 0) return MDL_OK;
    size_t size = dt == MDL_F32 ? sizeof(float) : sizeof(double);
    const char *s = (const char*)src, *d = (const char*)dst;
    size_t src_bytes = (size_t)src_rows * (size_t)cols * size, dst_bytes = (size_t)rows * (size_t)cols * size;
    if (d < s + src_bytes && s < d + dst_bytes)
        return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "%s: dst (%lld x %lld) overlaps src (%lld x %lld)", fn,
                        (long long)rows, (long long)cols, (long long)src_rows, (long long)cols);
    MDL_TIMED(MDL_FAMILY_MEMORY, mdl_impl_gather_rows(dt, rows, cols, src, host_rows, dst));
}

/* ---- element-wise ----------------------------------------------------------------- */

mdl_status mdl_fill(mdl_dtype dt, int64_t n, void* x, double value)
{
    static const char fn[] = "mdl_fill";
    CHECK_VECTOR(fn, dt, n);
    MDL_CHECK_PTR(fn, "x", x, n);
    if (n == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_MEMORY, mdl_impl_fill(dt, n, x, value));
}

mdl_status mdl_scale(mdl_dtype dt, int64_t n, double alpha, void* y)
{
    static const char fn[] = "mdl_scale";
    CHECK_VECTOR(fn, dt, n);
    MDL_CHECK_PTR(fn, "y", y, n);
    if (n == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_ELEMENTWISE, mdl_impl_scale(dt, n, alpha, y));
}

mdl_status mdl_axpy(mdl_dtype dt, int64_t n, double alpha, const void* x, void* y)
{
    static const char fn[] = "mdl_axpy";
    CHECK_VECTOR(fn, dt, n);
    MDL_CHECK_PTR(fn, "x", x, n);
    MDL_CHECK_PTR(fn, "y", y, n);
    if (n == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_ELEMENTWISE, mdl_impl_axpy(dt, n, alpha, x, y));
}

mdl_status mdl_map(mdl_dtype dt, mdl_unary_op op, int64_t n, const void* x, void* y, double p)
{
    static const char fn[] = "mdl_map";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_UNARY(fn, op);
    MDL_CHECK_NONNEG(fn, "n", n);
    MDL_CHECK_PTR(fn, "x", x, n);
    MDL_CHECK_PTR(fn, "y", y, n);
    if (n == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_ELEMENTWISE, mdl_impl_map(dt, op, n, x, y, p));
}

mdl_status mdl_map_backward(mdl_dtype dt, mdl_unary_op op, int64_t n, const void* x, const void* y,
                            const void* dy, void* dx, double p)
{
    static const char fn[] = "mdl_map_backward";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_UNARY(fn, op);
    MDL_CHECK_NONNEG(fn, "n", n);
    if (derivative_reads_x(op)) MDL_CHECK_PTR(fn, "x", x, n);
    if (derivative_reads_y(op)) MDL_CHECK_PTR(fn, "y", y, n);
    MDL_CHECK_PTR(fn, "dy", dy, n);
    MDL_CHECK_PTR(fn, "dx", dx, n);
    if (n == 0) return MDL_OK;
    /* NULL for what the op's derivative does not read, so no kernel touches it. */
    if (!derivative_reads_x(op)) x = NULL;
    if (!derivative_reads_y(op)) y = NULL;
    MDL_TIMED(MDL_FAMILY_ELEMENTWISE, mdl_impl_map_backward(dt, op, n, x, y, dy, dx, p));
}

mdl_status mdl_zip(mdl_dtype dt, mdl_binary_op op, int64_t n, const void* a, const void* b, void* c)
{
    static const char fn[] = "mdl_zip";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_BINARY(fn, op);
    MDL_CHECK_NONNEG(fn, "n", n);
    MDL_CHECK_PTR(fn, "a", a, n);
    MDL_CHECK_PTR(fn, "b", b, n);
    MDL_CHECK_PTR(fn, "c", c, n);
    if (n == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_ELEMENTWISE, mdl_impl_zip(dt, op, n, a, b, c));
}

mdl_status mdl_zip_backward(mdl_dtype dt, mdl_binary_op op, int64_t n, const void* a, const void* b,
                            const void* dc, void* da, void* db)
{
    static const char fn[] = "mdl_zip_backward";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_BINARY(fn, op);
    MDL_CHECK_NONNEG(fn, "n", n);
    MDL_CHECK_PTR(fn, "a", a, n);
    MDL_CHECK_PTR(fn, "b", b, n);
    MDL_CHECK_PTR(fn, "dc", dc, n);
    if (n == 0 || (!da && !db)) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_ELEMENTWISE, mdl_impl_zip_backward(dt, op, n, a, b, dc, da, db));
}

/* The broadcasts: x, the vector and y are checked against rows * cols, as in the builds before
 * api.c (a vector of cols or rows elements is non-NULL exactly when the matrix is non-empty). */
mdl_status mdl_zip_row_broadcast(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols, const void* x,
                       const void* r, void* y)
{
    static const char fn[] = "mdl_zip_row_broadcast";
    CHECK_MATRIX(fn, dt, rows, cols);
    MDL_CHECK_BINARY(fn, op);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "r", r, rows * cols);
    MDL_CHECK_PTR(fn, "y", y, rows * cols);
    if (rows * cols == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_BROADCAST, mdl_impl_zip_row_broadcast(dt, op, rows, cols, x, r, y));
}

mdl_status mdl_zip_row_broadcast_backward(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols, const void* x,
                                const void* r, const void* dy, void* dx, void* dr)
{
    static const char fn[] = "mdl_zip_row_broadcast_backward";
    CHECK_MATRIX(fn, dt, rows, cols);
    MDL_CHECK_BINARY(fn, op);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "r", r, rows * cols);
    MDL_CHECK_PTR(fn, "dy", dy, rows * cols);
    if (rows * cols == 0 || (!dx && !dr)) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_BROADCAST, mdl_impl_zip_row_broadcast_backward(dt, op, rows, cols, x, r, dy, dx, dr));
}

mdl_status mdl_zip_column_broadcast(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols, const void* x,
                       const void* c, void* y)
{
    static const char fn[] = "mdl_zip_column_broadcast";
    CHECK_MATRIX(fn, dt, rows, cols);
    MDL_CHECK_BINARY(fn, op);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "c", c, rows * cols);
    MDL_CHECK_PTR(fn, "y", y, rows * cols);
    if (rows * cols == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_BROADCAST, mdl_impl_zip_column_broadcast(dt, op, rows, cols, x, c, y));
}

mdl_status mdl_zip_column_broadcast_backward(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols, const void* x,
                                const void* c, const void* dy, void* dx, void* dc)
{
    static const char fn[] = "mdl_zip_column_broadcast_backward";
    CHECK_MATRIX(fn, dt, rows, cols);
    MDL_CHECK_BINARY(fn, op);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "c", c, rows * cols);
    MDL_CHECK_PTR(fn, "dy", dy, rows * cols);
    if (rows * cols == 0 || (!dx && !dc)) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_BROADCAST, mdl_impl_zip_column_broadcast_backward(dt, op, rows, cols, x, c, dy, dx, dc));
}

mdl_status mdl_add_bias(mdl_dtype dt, mdl_unary_op act, int64_t rows, int64_t cols, const void* x,
                        const void* b, void* y, double p)
{
    static const char fn[] = "mdl_add_bias";
    CHECK_MATRIX(fn, dt, rows, cols);
    MDL_CHECK_UNARY(fn, act);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "b", b, rows * cols);
    MDL_CHECK_PTR(fn, "y", y, rows * cols);
    if (rows * cols == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_BROADCAST, mdl_impl_add_bias(dt, act, rows, cols, x, b, y, p));
}

/* ---- reductions ------------------------------------------------------------------- */

mdl_status mdl_column_sums(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, double beta, void* y)
{
    static const char fn[] = "mdl_column_sums";
    CHECK_MATRIX(fn, dt, rows, cols);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "y", y, cols);
    if (cols == 0) return MDL_OK; /* rows == 0 still gives y = beta y */
    MDL_TIMED(MDL_FAMILY_REDUCE, mdl_impl_column_sums(dt, rows, cols, x, beta, y));
}

mdl_status mdl_row_sums(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, double beta, void* y)
{
    static const char fn[] = "mdl_row_sums";
    CHECK_MATRIX(fn, dt, rows, cols);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "y", y, rows);
    if (rows == 0) return MDL_OK; /* cols == 0 still gives y = beta y */
    MDL_TIMED(MDL_FAMILY_REDUCE, mdl_impl_row_sums(dt, rows, cols, x, beta, y));
}

mdl_status mdl_sum(mdl_dtype dt, int64_t n, const void* x, double beta, void* out)
{
    static const char fn[] = "mdl_sum";
    CHECK_VECTOR(fn, dt, n);
    MDL_CHECK_PTR(fn, "x", x, n);
    if (!out) return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "mdl_sum: out is NULL (n=%lld)", (long long)n);
    MDL_TIMED(MDL_FAMILY_REDUCE, mdl_impl_sum(dt, n, x, beta, out)); /* n == 0 still gives out = beta out */
}

/* ---- matrix products -------------------------------------------------------------- */

mdl_status mdl_gemm(mdl_dtype dt, int32_t trans_a, int32_t trans_b, int64_t m, int64_t n, int64_t k,
                    double alpha, const void* a, const void* b, double beta, void* c)
{
    static const char fn[] = "mdl_gemm";
    MDL_CHECK_DTYPE(fn, dt);
    if (trans_a != 0 && trans_a != 1)
        return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "mdl_gemm: trans_a=%d must be 0 or 1", (int)trans_a);
    if (trans_b != 0 && trans_b != 1)
        return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "mdl_gemm: trans_b=%d must be 0 or 1", (int)trans_b);
    MDL_CHECK_NONNEG(fn, "m", m);
    MDL_CHECK_NONNEG(fn, "n", n);
    MDL_CHECK_NONNEG(fn, "k", k);
    /* A and B are not read (may be NULL) when k == 0 or alpha == 0. */
    if (m > 0 && n > 0 && k > 0 && alpha != 0) {
        MDL_CHECK_PTR(fn, "a", a, m * k);
        MDL_CHECK_PTR(fn, "b", b, k * n);
    }
    MDL_CHECK_PTR(fn, "c", c, m * n);
    if (m == 0 || n == 0) return MDL_OK; /* k == 0 still gives C = beta C */
    MDL_TIMED(MDL_FAMILY_GEMM, mdl_impl_gemm(dt, trans_a, trans_b, m, n, k, alpha, a, b, beta, c));
}

mdl_status mdl_transpose(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, void* y)
{
    static const char fn[] = "mdl_transpose";
    CHECK_MATRIX(fn, dt, rows, cols);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "y", y, rows * cols);
    if (x == y && rows > 1 && cols > 1)
        return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "mdl_transpose: x and y must not be the same buffer (%lldx%lld)",
                        (long long)rows, (long long)cols);
    if (rows * cols == 0 || x == y) return MDL_OK; /* a 1 x n or n x 1 matrix is its own transpose in memory */
    MDL_TIMED(MDL_FAMILY_GEMM, mdl_impl_transpose(dt, rows, cols, x, y));
}

/* ---- softmax and the fused loss --------------------------------------------------- */

mdl_status mdl_softmax(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, void* y)
{
    static const char fn[] = "mdl_softmax";
    CHECK_MATRIX(fn, dt, rows, cols);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "y", y, rows * cols);
    if (rows * cols == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_SOFTMAX, mdl_impl_softmax(dt, rows, cols, x, y));
}

mdl_status mdl_log_softmax(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, void* y)
{
    static const char fn[] = "mdl_log_softmax";
    CHECK_MATRIX(fn, dt, rows, cols);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "y", y, rows * cols);
    if (rows * cols == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_SOFTMAX, mdl_impl_log_softmax(dt, rows, cols, x, y));
}

mdl_status mdl_softmax_backward(mdl_dtype dt, int64_t rows, int64_t cols, const void* y, const void* dy, void* dx)
{
    static const char fn[] = "mdl_softmax_backward";
    CHECK_MATRIX(fn, dt, rows, cols);
    MDL_CHECK_PTR(fn, "y", y, rows * cols);
    MDL_CHECK_PTR(fn, "dy", dy, rows * cols);
    MDL_CHECK_PTR(fn, "dx", dx, rows * cols);
    if (rows * cols == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_SOFTMAX, mdl_impl_softmax_backward(dt, rows, cols, y, dy, dx));
}

mdl_status mdl_log_softmax_backward(mdl_dtype dt, int64_t rows, int64_t cols, const void* y, const void* dy,
                                    void* dx)
{
    static const char fn[] = "mdl_log_softmax_backward";
    CHECK_MATRIX(fn, dt, rows, cols);
    MDL_CHECK_PTR(fn, "y", y, rows * cols);
    MDL_CHECK_PTR(fn, "dy", dy, rows * cols);
    MDL_CHECK_PTR(fn, "dx", dx, rows * cols);
    if (rows * cols == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_SOFTMAX, mdl_impl_log_softmax_backward(dt, rows, cols, y, dy, dx));
}

mdl_status mdl_softmax_xent(mdl_dtype dt, int64_t rows, int64_t cols, const void* logits, const void* targets,
                            void* probs, void* loss)
{
    static const char fn[] = "mdl_softmax_xent";
    CHECK_MATRIX(fn, dt, rows, cols);
    MDL_CHECK_PTR(fn, "logits", logits, rows * cols);
    MDL_CHECK_PTR(fn, "targets", targets, rows * cols);
    MDL_CHECK_PTR(fn, "loss", loss, rows);
    if (rows == 0) return MDL_OK;
    if (cols == 0) return mdl_fill(dt, rows, loss, 0.0); /* the loss of an empty row is the empty sum 0 */
    MDL_TIMED(MDL_FAMILY_SOFTMAX, mdl_impl_softmax_xent(dt, rows, cols, logits, targets, probs, loss));
}

mdl_status mdl_softmax_xent_backward(mdl_dtype dt, int64_t rows, int64_t cols, const void* probs,
                                     const void* targets, const void* dloss, void* dlogits)
{
    static const char fn[] = "mdl_softmax_xent_backward";
    CHECK_MATRIX(fn, dt, rows, cols);
    MDL_CHECK_PTR(fn, "probs", probs, rows * cols);
    MDL_CHECK_PTR(fn, "targets", targets, rows * cols);
    MDL_CHECK_PTR(fn, "dloss", dloss, rows);
    MDL_CHECK_PTR(fn, "dlogits", dlogits, rows * cols);
    if (rows * cols == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_SOFTMAX, mdl_impl_softmax_xent_backward(dt, rows, cols, probs, targets, dloss, dlogits));
}

/* ---- dropout ---------------------------------------------------------------------- */

mdl_status mdl_dropout_mask(mdl_dtype dt, int64_t n, double p, uint64_t seed, void* mask)
{
    static const char fn[] = "mdl_dropout_mask";
    CHECK_VECTOR(fn, dt, n);
    if (!(p >= 0.0 && p < 1.0)) return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "mdl_dropout_mask: p=%g is outside [0,1)", p);
    MDL_CHECK_PTR(fn, "mask", mask, n);
    if (n == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_ELEMENTWISE, mdl_impl_dropout_mask(dt, n, p, seed, mask));
}

/* ---- optimizer steps -------------------------------------------------------------- */

mdl_status mdl_sgd_step(mdl_dtype dt, int64_t n, double lr, const void* g, void* w)
{
    static const char fn[] = "mdl_sgd_step";
    CHECK_VECTOR(fn, dt, n);
    MDL_CHECK_PTR(fn, "g", g, n);
    MDL_CHECK_PTR(fn, "w", w, n);
    if (n == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_OPTIMIZER, mdl_impl_sgd_step(dt, n, lr, g, w));
}

mdl_status mdl_momentum_step(mdl_dtype dt, int64_t n, double lr, double beta, const void* g, void* v, void* w)
{
    static const char fn[] = "mdl_momentum_step";
    CHECK_VECTOR(fn, dt, n);
    MDL_CHECK_PTR(fn, "g", g, n);
    MDL_CHECK_PTR(fn, "v", v, n);
    MDL_CHECK_PTR(fn, "w", w, n);
    if (n == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_OPTIMIZER, mdl_impl_momentum_step(dt, n, lr, beta, g, v, w));
}

/* The checks mdl_adam_step and mdl_adam_step_multi share: a dtype, t >= 1, and betas that
 * leave the bias corrections 1/(1 - beta^t) finite. */
#define CHECK_ADAM(fn, dt, beta1, beta2, t)                                                                \
    do {                                                                                                   \
        MDL_CHECK_DTYPE(fn, dt);                                                                           \
        if ((t) < 1) return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "%s: t=%lld must be >= 1", fn, (long long)(t)); \
        if ((beta1) == 1.0 || (beta2) == 1.0)                                                              \
            return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "%s: beta1=%g, beta2=%g must differ from 1", fn,     \
                            beta1, beta2);                                                                 \
    } while (0)

mdl_status mdl_adam_step(mdl_dtype dt, int64_t n, double lr, double beta1, double beta2, double eps, int64_t t,
                         const void* g, void* m, void* v, void* w)
{
    static const char fn[] = "mdl_adam_step";
    CHECK_ADAM(fn, dt, beta1, beta2, t);
    MDL_CHECK_NONNEG(fn, "n", n);
    MDL_CHECK_PTR(fn, "g", g, n);
    MDL_CHECK_PTR(fn, "m", m, n);
    MDL_CHECK_PTR(fn, "v", v, n);
    MDL_CHECK_PTR(fn, "w", w, n);
    if (n == 0) return MDL_OK;
    MDL_TIMED(MDL_FAMILY_OPTIMIZER, mdl_impl_adam_step(dt, n, lr, beta1, beta2, eps, t, g, m, v, w));
}

mdl_status mdl_adam_step_multi(mdl_dtype dt, int32_t count, const int64_t* lengths, double lr, double beta1,
                               double beta2, double eps, int64_t t, void* const* g, void* const* m,
                               void* const* v, void* const* w)
{
    static const char fn[] = "mdl_adam_step_multi";
    CHECK_ADAM(fn, dt, beta1, beta2, t);
    MDL_CHECK_NONNEG(fn, "count", count);
    if (count == 0) return MDL_OK;
    if (!lengths || !g || !m || !v || !w)
        return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "mdl_adam_step_multi: lengths/g/m/v/w array is NULL with count=%d",
                        (int)count);
    /* Every entry is checked before anything runs, so a bad entry changes no tensor. */
    for (int32_t k = 0; k < count; ++k) {
        if (lengths[k] < 0)
            return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "mdl_adam_step_multi: lengths[%d]=%lld is negative", (int)k,
                            (long long)lengths[k]);
        if (lengths[k] > 0 && (!g[k] || !m[k] || !v[k] || !w[k]))
            return mdl_fail(MDL_ERR_INVALID_ARGUMENT,
                            "mdl_adam_step_multi: a buffer of tensor %d is NULL with %lld elements", (int)k,
                            (long long)lengths[k]);
    }
    MDL_TIMED(MDL_FAMILY_OPTIMIZER, mdl_impl_adam_step_multi(dt, count, lengths, lr, beta1, beta2, eps, t, g, m, v, w));
}
