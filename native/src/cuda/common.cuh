/*
 * common.cuh — what every kernel file of the CUDA build shares.
 *
 *  - error handling: mdl_fail() and the MDL_CHECK_* argument macros come from
 *    native/src/common/mdl_common.h (shared with the CPU build). On top of them this file adds
 *    MDL_CUDA_TRY(call, fn, fmt, ...) for CUDA runtime calls and MDL_CUDA_LAUNCHED(fn, fmt, ...)
 *    after every kernel launch. Both turn a CUDA error into MDL_ERR_DEVICE (or OUT_OF_MEMORY /
 *    UNSUPPORTED) with a message naming the MiniDL function, the CUDA call, the CUDA error
 *    string and the shapes of the call.
 *  - launch geometry: mdl_grid_for(n, threads) for grid-stride loops.
 *  - math overloads (mexp, mlog, ...) so one template body serves float and double.
 *  - "packs": 16-byte vectors (float4 = 4 floats, double2 = 2 doubles) for vectorized kernels.
 *
 * Nothing here is exported: the library is built with hidden visibility and only the mdl_*
 * functions of minidl.h carry MDL_API.
 */
#pragma once

#include <cuda_runtime.h>
#include <stddef.h>
#include <stdint.h>

#include "mdl_impl.h"
#include "minidl.h"

/* ---- errors ------------------------------------------------------------------------------ */

/* Turn a CUDA error into an mdl_status and a message:
 *   "<fn>: <what> failed: <cuda error string> (<cudaErrorName>); <shapes>"                   */
mdl_status mdl_cuda_error(cudaError_t err, const char* fn, const char* what, const char* fmt, ...)
    MDL_PRINTF(4, 5);

/* Check a CUDA runtime call. The trailing arguments are a printf format and its values that
 * describe the call's shapes, e.g. MDL_CUDA_TRY(cudaMalloc(&p, bytes), "mdl_alloc", "bytes=%zu", bytes). */
#define MDL_CUDA_TRY(call, fn, ...)                                                           \
    do {                                                                                      \
        cudaError_t mdl_err_ = (call);                                                        \
        if (mdl_err_ != cudaSuccess) return mdl_cuda_error(mdl_err_, fn, #call, __VA_ARGS__); \
    } while (0)

/* Check the launch that was just made (bad configuration, missing kernel image for this GPU,
 * or an earlier asynchronous fault that is reported now). */
#define MDL_CUDA_LAUNCHED(fn, ...)                                                            \
    do {                                                                                      \
        cudaError_t mdl_err_ = cudaGetLastError();                                            \
        if (mdl_err_ != cudaSuccess)                                                          \
            return mdl_cuda_error(mdl_err_, fn, "kernel launch", __VA_ARGS__);                \
    } while (0)

/* ---- launch geometry ------------------------------------------------------------------------ */

/* Streaming multiprocessors of the current device (cached; 80 if the query fails). */
int mdl_sm_count(void);

/* The most blocks a grid-stride launch uses: enough to fill the GPU (32 blocks per SM); beyond it,
 * blocks loop. The emulator's 2 SMs give 64, so its blocks loop (and the loops get checked) at small
 * sizes. */
inline int64_t mdl_grid_cap(void) { return (int64_t)mdl_sm_count() * 32; }

/* Blocks for a grid-stride loop over `n` items with `threads` threads per block: at most
 * mdl_grid_cap(), no more than the work needs. Never 0. */
inline unsigned int mdl_grid_for(int64_t n, int threads)
{
    int64_t want = (n + threads - 1) / threads;
    const int64_t cap = mdl_grid_cap();
    if (want > cap) want = cap;
    if (want < 1) want = 1;
    return (unsigned int)want;
}

/* Is p 16-byte aligned (so float4 / double2 loads are legal)? */
inline bool mdl_aligned16(const void* p) { return ((uintptr_t)p & 15u) == 0; }

/* ---- scratch memory for two-pass reductions -------------------------------------------------- */

/* A device buffer reused by every call that needs temporary storage (mdl_sum, mdl_column_sums …).
 * The constructor takes a process-wide lock and the destructor releases it, so two host
 * threads never interleave their use of the buffer; all work is in order on one stream, so the
 * kernels of the next holder run after ours. */
class MdlScratch {
public:
    MdlScratch();
    ~MdlScratch();
    /* *out = at least `bytes` bytes of device memory, valid while this object lives. */
    mdl_status get(size_t bytes, void** out, const char* fn);
private:
    MdlScratch(const MdlScratch&);
    MdlScratch& operator=(const MdlScratch&);
};

/* ---- math overloads: one template body for float and double ----------------------------------- */

__device__ __forceinline__ float mexp(float x) { return expf(x); }
__device__ __forceinline__ double mexp(double x) { return exp(x); }
__device__ __forceinline__ float mlog(float x) { return logf(x); }
__device__ __forceinline__ double mlog(double x) { return log(x); }
__device__ __forceinline__ float msqrt(float x) { return sqrtf(x); }
__device__ __forceinline__ double msqrt(double x) { return sqrt(x); }
__device__ __forceinline__ float mtanh(float x) { return tanhf(x); }
__device__ __forceinline__ double mtanh(double x) { return tanh(x); }
__device__ __forceinline__ float mpow(float x, float y) { return powf(x, y); }
__device__ __forceinline__ double mpow(double x, double y) { return pow(x, y); }
__device__ __forceinline__ float mabs(float x) { return fabsf(x); }
__device__ __forceinline__ double mabs(double x) { return fabs(x); }
__device__ __forceinline__ float mmax(float a, float b) { return fmaxf(a, b); }
__device__ __forceinline__ double mmax(double a, double b) { return fmax(a, b); }

/* -INFINITY of T, the identity of max. */
template <typename T> __device__ __forceinline__ T minus_infinity();
template <> __device__ __forceinline__ float minus_infinity<float>() { return -__int_as_float(0x7f800000); }
template <> __device__ __forceinline__ double minus_infinity<double>() { return -__longlong_as_double(0x7ff0000000000000LL); }

/* ---- packs: 16 bytes loaded or stored by one instruction -------------------------------------- */

/* Pack<float> holds 4 floats (one float4), Pack<double> 2 doubles (one double2). Pack<T>::N is
 * the element count. load_pack(p, i) reads elements [i*N, i*N+N) of p, which must be 16-byte
 * aligned. */
template <typename T> struct Pack;
template <> struct Pack<float> {
    static const int N = 4;
    float v[4];
};
template <> struct Pack<double> {
    static const int N = 2;
    double v[2];
};

__device__ __forceinline__ Pack<float> load_pack(const float* p, int64_t i)
{
    float4 q = reinterpret_cast<const float4*>(p)[i];
    Pack<float> r;
    r.v[0] = q.x; r.v[1] = q.y; r.v[2] = q.z; r.v[3] = q.w;
    return r;
}
__device__ __forceinline__ Pack<double> load_pack(const double* p, int64_t i)
{
    double2 q = reinterpret_cast<const double2*>(p)[i];
    Pack<double> r;
    r.v[0] = q.x; r.v[1] = q.y;
    return r;
}
__device__ __forceinline__ void store_pack(float* p, int64_t i, const Pack<float>& r)
{
    reinterpret_cast<float4*>(p)[i] = make_float4(r.v[0], r.v[1], r.v[2], r.v[3]);
}
__device__ __forceinline__ void store_pack(double* p, int64_t i, const Pack<double>& r)
{
    reinterpret_cast<double2*>(p)[i] = make_double2(r.v[0], r.v[1]);
}

/* Grid-stride loop helpers: this thread's first index and the stride of the whole grid. */
__device__ __forceinline__ int64_t global_thread_index()
{
    return (int64_t)blockIdx.x * blockDim.x + threadIdx.x;
}
__device__ __forceinline__ int64_t grid_stride() { return (int64_t)gridDim.x * blockDim.x; }
