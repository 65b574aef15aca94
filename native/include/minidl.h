/*
 * minidl.h — the one C ABI of MiniDL's native kernels.
 *
 * Two builds implement this same header:
 *   libminidl_cpu  (native/src/cpu/)  — every machine; cache-blocked, vectorized, threaded.
 *   libminidl_cuda (native/src/cuda/) — NVIDIA GPUs.
 * C# binds it from managed/MiniDL/Native/. The readable truth both builds are checked against:
 * the float64 loops of native/tests/reference.c (ref_<name> for mdl_<name>; the C harness) and
 * the managed ReferenceBackend (the C# tests).
 *
 * Rules of the ABI (a student porting MiniDL to another language can rely on them):
 *  - Every function returns an mdl_status; 0 (MDL_OK) means success. On failure,
 *    mdl_last_error() returns a thread-local message that names the function, the
 *    offending shapes or values, and the CUDA error if any. The library never exits,
 *    aborts or prints. Every argument is checked before any work (native/src/common/api.c):
 *    a null buffer, a negative length, an unknown enum or a value out of its range (each
 *    function's comment) gives MDL_ERR_INVALID_ARGUMENT and writes nothing. The other codes
 *    come from the build: MDL_ERR_OUT_OF_MEMORY, MDL_ERR_DEVICE (a CUDA error),
 *    MDL_ERR_UNSUPPORTED (no CUDA device, a size the build cannot index).
 *  - A "buffer" (void*) is memory owned by the build: host memory for the CPU build,
 *    device memory for the CUDA build. Get it from mdl_alloc, move data with the
 *    mdl_copy_* functions, release it with mdl_free. Never dereference it on the host
 *    unless the build is the CPU one.
 *  - Every array is dense and row-major. Lengths and shapes are int64_t element counts.
 *    A comment's x[n] is a buffer of n elements, x[rows,cols] a rows x cols matrix.
 *  - The element type of every buffer in one call is the call's mdl_dtype.
 *  - "+=" in a comment means the function accumulates into its output (the copy rule of
 *    Lesson 7 "Neural Network", "Copy Node": a value used k times receives the sum of k
 *    gradients).
 *  - Backward functions name a gradient d<name>: dy is the lecture's nabla y = dJ/dy (the
 *    gradient of the loss J with respect to y), dx the nabla x they compute.
 *  - Calls on the CUDA build are asynchronous on one stream; mdl_copy_to_host and
 *    mdl_synchronize wait for them.
 *  - A zero-length call (n == 0, rows == 0 …) succeeds and touches nothing, except that
 *    an output which is not itself empty still gets its mathematical value: mdl_sum with
 *    n == 0 gives out = beta*out, mdl_column_sums with rows == 0 gives y = beta*y, mdl_gemm
 *    with k == 0 gives C = beta*C, mdl_softmax_xent with cols == 0 gives loss = 0.
 *  - Wherever a "beta" scales an output (gemm, column_sums, row_sums, sum), beta == 0
 *    overwrites it without reading it, so NaNs in an uninitialized output do not leak.
 */
#ifndef MINIDL_H
#define MINIDL_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#  if defined(MINIDL_BUILDING)
#    define MDL_API __declspec(dllexport)
#  else
#    define MDL_API __declspec(dllimport)
#  endif
#else
#  define MDL_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Bump on every change to a name, a signature, an enum value or a struct layout (2: mdl_column_sums,
 * mdl_row_sums, mdl_zip_row_broadcast, mdl_zip_column_broadcast named for what they compute;
 * 3: mdl_profile, mdl_profile_read, mdl_copy_rows_to_device; 4: mdl_gather_rows). C# refuses a library whose
 * mdl_abi_version() differs from the one it was written against. */
#define MDL_ABI_VERSION 4

typedef enum mdl_status {
    MDL_OK = 0,
    MDL_ERR_INVALID_ARGUMENT = 1, /* a null pointer, a negative length, an unknown enum */
    MDL_ERR_OUT_OF_MEMORY = 2,
    MDL_ERR_DEVICE = 3,           /* a CUDA runtime or launch error */
    MDL_ERR_UNSUPPORTED = 4,      /* e.g. no CUDA device present */
    MDL_ERR_INTERNAL = 5
} mdl_status;

typedef enum mdl_dtype {
    MDL_F32 = 0,
    MDL_F64 = 1
} mdl_dtype;

/* Element-wise unary functions y = f(x; p). p is the op's parameter where it has one. */
typedef enum mdl_unary_op {
    MDL_IDENTITY = 0,    /* y = x                      f' = 1 */
    MDL_NEG = 1,         /* y = -x                     f' = -1 */
    MDL_EXP = 2,         /* y = e^x                    f' = e^x = y */
    MDL_LOG = 3,         /* y = ln x                   f' = 1/x */
    MDL_RECIPROCAL = 4,  /* y = 1/x                    f' = -1/x^2 */
    MDL_SQUARE = 5,      /* y = x^2                    f' = 2x */
    MDL_SQRT = 6,        /* y = sqrt(x)                f' = 1/(2y) */
    MDL_ABS = 7,         /* y = |x|                    f' = sign(x), 0 at 0 */
    MDL_ADD_CONST = 8,   /* y = x + p                  f' = 1 */
    MDL_MUL_CONST = 9,   /* y = p x                    f' = p */
    MDL_POW_CONST = 10,  /* y = x^p                    f' = p x^(p-1) */
    MDL_SIGMOID = 11,    /* y = 1/(1+e^-x)             f' = y(1-y) */
    MDL_TANH = 12,       /* y = tanh x                 f' = 1-y^2 */
    MDL_RELU = 13,       /* y = max(0,x)               f' = 1 if x>0 else 0 (0 at 0, as PyTorch) */
    MDL_LEAKY_RELU = 14, /* y = x if x>0 else p x      f' = 1 if x>0 else p   (p = gamma, 0.1) */
    MDL_ELU = 15,        /* y = x if x>=0 else p(e^x-1) f' = 1 if x>=0 else y+p (p = alpha) */
    MDL_UNARY_OP_COUNT = 16
} mdl_unary_op;

/* Element-wise binary functions c = a (op) b. ADD and MUL are Lesson 7 "Neural Network"'s
 * "Addition Node" and "Element wise multiplication Node" (nabla X1 = nabla Y X2). */
typedef enum mdl_binary_op {
    MDL_ADD = 0, /* dc/da = 1,   dc/db = 1 */
    MDL_SUB = 1, /* dc/da = 1,   dc/db = -1 */
    MDL_MUL = 2, /* dc/da = b,   dc/db = a */
    MDL_DIV = 3, /* dc/da = 1/b, dc/db = -a/b^2 */
    MDL_MAX = 4, /* dc/da = [a >= b], dc/db = [a < b]  (ties go to a) */
    MDL_BINARY_OP_COUNT = 5
} mdl_binary_op;

typedef struct mdl_device_info {
    char name[256];           /* "NVIDIA H100 80GB HBM3" or the CPU model */
    char backend[16];         /* "cpu" or "cuda" */
    int32_t compute_major;    /* CUDA compute capability, 0 on the CPU build */
    int32_t compute_minor;
    int32_t multiprocessors;  /* SMs on CUDA, the most worker threads on the CPU build */
    int32_t reserved;
    int64_t total_memory;     /* bytes */
} mdl_device_info;

/* ---- library ------------------------------------------------------------------- */
MDL_API int32_t mdl_abi_version(void);
/* The message of the last failed call on this thread ("" if none yet). A successful call
 * leaves it unchanged; valid until the next failing call on the same thread. */
MDL_API const char* mdl_last_error(void);
MDL_API mdl_status mdl_device_info_get(mdl_device_info* out);
/* Worker threads of the CPU build: n > 0 fixes the count; 0 = auto (one per core, fewer while the
 * process does not get its cores; also the default, or MINIDL_THREADS=n|auto). Ignored by CUDA. */
MDL_API mdl_status mdl_set_threads(int32_t threads);
MDL_API mdl_status mdl_synchronize(void);

/* ---- profile (minidl bench --profile) ------------------------------------------ */
/* The kernel family each call is counted under. */
typedef enum mdl_family {
    MDL_FAMILY_MEMORY = 0,      /* alloc, free, fill, the three copies, the two row gathers */
    MDL_FAMILY_ELEMENTWISE = 1, /* scale, axpy, map, zip and their backward, dropout_mask */
    MDL_FAMILY_BROADCAST = 2,   /* add_bias, zip_row/column_broadcast and their backward */
    MDL_FAMILY_REDUCE = 3,      /* column_sums, row_sums, sum */
    MDL_FAMILY_GEMM = 4,        /* gemm, transpose */
    MDL_FAMILY_SOFTMAX = 5,     /* softmax, log_softmax, softmax_xent and their backward */
    MDL_FAMILY_OPTIMIZER = 6,   /* sgd, momentum, adam steps */
    MDL_FAMILY_COUNT = 7
} mdl_family;
/* on != 0 zeroes the calling thread's counters and starts timing its calls (each call's seconds
 * and count added to its family); on == 0 zeroes them and stops. While on, the CUDA build waits
 * for each call's kernels, so a call's time is the work's, not the launch's. Other threads'
 * calls are not counted. */
MDL_API mdl_status mdl_profile(int32_t on);
/* *seconds, *calls = the calling thread's total for `family` (an mdl_family) since mdl_profile(1). */
MDL_API mdl_status mdl_profile_read(int32_t family, double* seconds, int64_t* calls);

/* ---- memory -------------------------------------------------------------------- */
/* *out = a new buffer of `bytes` bytes, zero-filled, 64-byte aligned. bytes == 0 gives NULL. */
MDL_API mdl_status mdl_alloc(size_t bytes, void** out);
MDL_API mdl_status mdl_free(void* buffer); /* NULL is ignored */
MDL_API mdl_status mdl_copy_to_device(void* dst, const void* host_src, size_t bytes);
MDL_API mdl_status mdl_copy_to_host(void* host_dst, const void* src, size_t bytes);
MDL_API mdl_status mdl_copy_device(void* dst, const void* src, size_t bytes);
/* The gather of a mini-batch: row r of dst (rows x cols of dt) = row host_rows[r] of the host matrix
 * host_src (src_rows x cols of float64, row-major), rounded to dt; 0 <= host_rows[r] < src_rows. */
MDL_API mdl_status mdl_copy_rows_to_device(mdl_dtype dt, int64_t rows, int64_t cols, const double* host_src,
                                           int64_t src_rows, const int32_t* host_rows, void* dst);
/* The same gather from a matrix already in a buffer (a data set kept on the device): row r of dst
 * (rows x cols of dt) = row host_rows[r] of src (src_rows x cols of dt); the indices are host memory,
 * 0 <= host_rows[r] < src_rows. dst must not overlap src. */
MDL_API mdl_status mdl_gather_rows(mdl_dtype dt, int64_t rows, int64_t cols, const void* src, int64_t src_rows,
                                   const int32_t* host_rows, void* dst);

/* ---- element-wise -------------------------------------------------------------- */
/* x[n] -> x[i] = value */
MDL_API mdl_status mdl_fill(mdl_dtype dt, int64_t n, void* x, double value);
/* y[n] = alpha * y[n] */
MDL_API mdl_status mdl_scale(mdl_dtype dt, int64_t n, double alpha, void* y);
/* y[n] += alpha * x[n] */
MDL_API mdl_status mdl_axpy(mdl_dtype dt, int64_t n, double alpha, const void* x, void* y);
/* y[n] = f(x[n]; p). y may equal x. */
MDL_API mdl_status mdl_map(mdl_dtype dt, mdl_unary_op op, int64_t n, const void* x, void* y, double p);
/* dx[n] += dy[n] * f'(x[n]; p), where y = f(x) from the forward (used by exp, sqrt,
 * sigmoid, tanh, elu). x may be NULL for ops whose f' does not read it (identity, neg, exp,
 * sqrt, add_const, mul_const, sigmoid, tanh); y may be NULL for ops other than exp, sqrt,
 * sigmoid, tanh and elu. */
MDL_API mdl_status mdl_map_backward(mdl_dtype dt, mdl_unary_op op, int64_t n, const void* x,
                                    const void* y, const void* dy, void* dx, double p);
/* c[n] = a[n] op b[n]. c may equal a or b. */
MDL_API mdl_status mdl_zip(mdl_dtype dt, mdl_binary_op op, int64_t n, const void* a, const void* b, void* c);
/* da[n] += dc[n] * dc/da, db[n] += dc[n] * dc/db. da or db may be NULL (not needed). */
MDL_API mdl_status mdl_zip_backward(mdl_dtype dt, mdl_binary_op op, int64_t n, const void* a,
                                    const void* b, const void* dc, void* da, void* db);
/* Broadcast a row vector r[cols] over the rows: y[i,j] = x[i,j] op r[j]; x, y [rows,cols]. */
MDL_API mdl_status mdl_zip_row_broadcast(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols,
                               const void* x, const void* r, void* y);
/* dx[i,j] += dy[i,j] * dop/dx;  dr[j] += sum_i dy[i,j] * dop/dr (r is used by every row: the copy rule).
 * x, dy, dx [rows,cols]; r, dr [cols]. dx or dr may be NULL. */
MDL_API mdl_status mdl_zip_row_broadcast_backward(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols,
                                        const void* x, const void* r, const void* dy, void* dx, void* dr);
/* Broadcast a column vector c[rows] over the columns: y[i,j] = x[i,j] op c[i]; x, y [rows,cols]. */
MDL_API mdl_status mdl_zip_column_broadcast(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols,
                               const void* x, const void* c, void* y);
/* dx[i,j] += dy[i,j] * dop/dx;  dc[i] += sum_j dy[i,j] * dop/dc.
 * x, dy, dx [rows,cols]; c, dc [rows]. dx or dc may be NULL. */
MDL_API mdl_status mdl_zip_column_broadcast_backward(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols,
                                        const void* x, const void* c, const void* dy, void* dx, void* dc);

/* ---- bias and reductions --------------------------------------------------------- */
/* The add-bias node fused with an activation (Lesson 7 "Neural Network", "Add Bias Node"):
 * y[i,j] = f(x[i,j] + b[j]; p); x, y [rows,cols], b [cols]. act = MDL_IDENTITY gives the plain
 * add-bias node. y may equal x. Its backward, with z = x + b: nabla z = nabla y f'(z) by
 * mdl_map_backward (given y for x: relu, leaky_relu and elu test only its sign, which y keeps),
 * nabla x += nabla z, nabla b += mdl_column_sums(nabla z). */
MDL_API mdl_status mdl_add_bias(mdl_dtype dt, mdl_unary_op act, int64_t rows, int64_t cols,
                                const void* x, const void* b, void* y, double p);
/* Column sums: y[j] = beta * y[j] + sum_i x[i,j];  x [rows,cols], y [cols]. The add-bias node's
 * nabla B = sum over the rows of nabla Y (b[j] is added to every row). */
MDL_API mdl_status mdl_column_sums(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, double beta, void* y);
/* Row sums: y[i] = beta * y[i] + sum_j x[i,j];  x [rows,cols], y [rows]. */
MDL_API mdl_status mdl_row_sums(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, double beta, void* y);
/* out[0] = beta * out[0] + sum_i x[i];  x [n], out [1]. */
MDL_API mdl_status mdl_sum(mdl_dtype dt, int64_t n, const void* x, double beta, void* out);

/* ---- matrix products ------------------------------------------------------------- */
/* C[m,n] = alpha * op(A) op(B) + beta * C, op(A) is m x k, op(B) is k x n.
 * A is stored m x k (trans_a = 0) or k x m (trans_a = 1); B is k x n or n x k; trans_* is 0 or 1.
 * beta = 0 overwrites C without reading it (NaNs in C do not leak). The matmul node Y = X W
 * (Lesson 7 "Neural Network", "Matmul Node") and its backward nabla X = nabla Y W^T (trans_b = 1),
 * nabla W = X^T nabla Y (trans_a = 1) are each one call. */
MDL_API mdl_status mdl_gemm(mdl_dtype dt, int32_t trans_a, int32_t trans_b, int64_t m, int64_t n, int64_t k,
                            double alpha, const void* a, const void* b, double beta, void* c);
/* y[cols,rows] = x[rows,cols]^T: y[j,i] = x[i,j]. y must not be x (unless rows or cols is 1). */
MDL_API mdl_status mdl_transpose(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, void* y);

/* ---- softmax and the fused loss -------------------------------------------------- */
/* Row-wise on x, y [rows,cols], numerically stable (the row max m_i = max_k x[i,k] is subtracted
 * first; e^{-m_i} cancels):
 *   softmax:      y[i,j] = e^{x[i,j] - m_i} / sum_k e^{x[i,k] - m_i}
 *   log_softmax:  y[i,j] = (x[i,j] - m_i) - log sum_k e^{x[i,k] - m_i} */
MDL_API mdl_status mdl_softmax(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, void* y);
MDL_API mdl_status mdl_log_softmax(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, void* y);
/* Softmax backward from its output y: dx[i,j] += y[i,j] (dy[i,j] - sum_k dy[i,k] y[i,k]);
 * y, dy, dx [rows,cols]. (Jacobian: d y_k / d x_j = y_k ([k = j] - y_j); derived in softmax.cu) */
MDL_API mdl_status mdl_softmax_backward(mdl_dtype dt, int64_t rows, int64_t cols, const void* y,
                                        const void* dy, void* dx);
/* Log-softmax backward from its output y: dx[i,j] += dy[i,j] - e^{y[i,j]} sum_k dy[i,k];
 * y, dy, dx [rows,cols]. (Jacobian: d y_k / d x_j = [k = j] - softmax_j, softmax_j = e^{y_j}) */
MDL_API mdl_status mdl_log_softmax_backward(mdl_dtype dt, int64_t rows, int64_t cols, const void* y,
                                            const void* dy, void* dx);
/* Fused softmax cross-entropy with (soft or one-hot) targets t = targets; z = logits, t and
 * probs [rows,cols], loss [rows]:
 *   probs[i,:] = softmax(z[i,:]),  loss[i] = -sum_j t[i,j] log probs[i,j]
 * computed as -sum_j t[i,j] ((z[i,j] - m_i) - log sum_k e^{z[i,k] - m_i}), m_i = max_k z[i,k],
 * so that it never takes the log of 0. probs may be NULL (not kept). */
MDL_API mdl_status mdl_softmax_xent(mdl_dtype dt, int64_t rows, int64_t cols, const void* logits,
                                    const void* targets, void* probs, void* loss);
/* dlogits[i,j] += g_i (probs[i,j] sum_k t[i,k] - t[i,j]) with g_i = dloss[i], the upstream
 * gradient of loss[i]; probs, targets, dlogits [rows,cols], dloss [rows]. With one-hot t
 * (sum_k t = 1) this is g_i (p - t). Derivation: d loss_i/dz_l = -t_l + (sum_k t_k) softmax_l. */
MDL_API mdl_status mdl_softmax_xent_backward(mdl_dtype dt, int64_t rows, int64_t cols, const void* probs,
                                             const void* targets, const void* dloss, void* dlogits);

/* ---- dropout --------------------------------------------------------------------- */
/* mask[i] = (u_i >= p) ? 1/(1 - p) : 0 for i in [0, n), with u_i in [0,1) computed exactly as (uint64_t
 * arithmetic, wrapping mod 2^64; i is the 0-based element index):
 *     z = seed + (i + 1) * 0x9E3779B97F4A7C15
 *     z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
 *     z = (z ^ (z >> 27)) * 0x94D049BB133111EB
 *     z =  z ^ (z >> 31)
 *     u_i = (double)(z >> 11) * 2^-53
 * (SplitMix64's (i+1)-th output after state `seed`.) The comparison is done in double and
 * 1/(1-p) is computed in double then rounded to the dtype, so every build and the managed
 * reference give the same mask for the same seed. Inverted dropout: E[mask] = 1. 0 <= p < 1. */
MDL_API mdl_status mdl_dropout_mask(mdl_dtype dt, int64_t n, double p, uint64_t seed, void* mask);

/* ---- optimizer steps (on the parameter buffers, in place) ------------------------ */
/* SGD / gradient descent:  w[i] -= lr g[i];  g, w [n] */
MDL_API mdl_status mdl_sgd_step(mdl_dtype dt, int64_t n, double lr, const void* g, void* w);
/* Momentum (Day 01, "Gradient Descent with Momentum"):  v = beta v + lr g;  w -= v;  g, v, w [n] */
MDL_API mdl_status mdl_momentum_step(mdl_dtype dt, int64_t n, double lr, double beta, const void* g,
                                     void* v, void* w);
/* Adam at step t >= 1 (Day 01, "Adam (Adaptive Moment Estimation)"); g, m, v, w [n]:
 *   m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  m^ = m / (1-b1^t);  v^ = v / (1-b2^t);
 *   w -= lr m^ / (sqrt(v^) + eps)
 * beta1 and beta2 must differ from 1.
 * Momentum and Adam on the CPU build store a result below the smallest normal number (2^-126 in
 * float, 2^-1022 in double) as 0, for speed on x86 (cpu_optim.inc, "Subnormals in the optimizer
 * state"); the caller's floating-point mode is left as it was. The CUDA build keeps subnormals. */
MDL_API mdl_status mdl_adam_step(mdl_dtype dt, int64_t n, double lr, double beta1, double beta2, double eps,
                                 int64_t t, const void* g, void* m, void* v, void* w);
/* Adam over `count` parameter tensors in one call (on CUDA one launch per 64 tensors):
 * mdl_adam_step on tensor k = 0..count-1 with n = lengths[k]. lengths, g, m, v and w are host
 * arrays of `count` entries; the pointers in them are buffers of lengths[k] elements. */
MDL_API mdl_status mdl_adam_step_multi(mdl_dtype dt, int32_t count, const int64_t* lengths, double lr,
                                       double beta1, double beta2, double eps, int64_t t,
                                       void* const* g, void* const* m, void* const* v, void* const* w);

#ifdef __cplusplus
}
#endif

#endif /* MINIDL_H */
