/*
 * library.cu — the library-level functions of the CUDA build (minidl.h "library" section) and
 * the helpers every kernel file uses: CUDA error messages, the SM count, the scratch buffer.
 *
 * Error model (minidl.h): every function returns an mdl_status; on failure mdl_last_error()
 * returns a thread-local message naming the function, the CUDA call and error, and the shapes.
 * The message buffer lives in native/src/common/mdl_common.c (shared with the CPU build).
 *
 * Streams: every kernel is launched on the legacy default stream, so all work runs in the order
 * it was issued; mdl_copy_to_host and mdl_synchronize wait for it.
 */
#include <atomic>
#include <mutex>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common.cuh"

/* ---- errors ------------------------------------------------------------------------------ */

mdl_status mdl_cuda_error(cudaError_t err, const char* fn, const char* what, const char* fmt, ...)
{
    char shapes[256];
    va_list args;
    va_start(args, fmt);
    vsnprintf(shapes, sizeof shapes, fmt, args);
    va_end(args);
    /* A failed runtime call also leaves its error for cudaGetLastError(), which the check after
       every launch (MDL_CUDA_LAUNCHED) reads: clear it here, or the next, unrelated kernel
       launch would fail with this error again (a failed cudaMalloc made the next mdl_fill report
       "out of memory"; found on the CPU emulator, native/tests/cuda_emu). Sticky errors (a
       kernel's illegal address) stay: the CUDA context is unusable after those anyway. */
    (void)cudaGetLastError();
    mdl_status status = MDL_ERR_DEVICE;
    if (err == cudaErrorMemoryAllocation) status = MDL_ERR_OUT_OF_MEMORY;
    if (err == cudaErrorNoDevice || err == cudaErrorInsufficientDriver) status = MDL_ERR_UNSUPPORTED;
    return mdl_fail(status, "%s: %s failed: %s (%s); %s", fn, what, cudaGetErrorString(err),
                    cudaGetErrorName(err), shapes);
}

/* ---- SM count ------------------------------------------------------------------------------ */

int mdl_sm_count(void)
{
    /* Queried once (the library uses the device that is current at its first call). */
    static std::atomic<int> cached(0);
    int v = cached.load(std::memory_order_relaxed);
    if (v > 0) return v;
    int device = 0, sms = 0;
    if (cudaGetDevice(&device) != cudaSuccess ||
        cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device) != cudaSuccess || sms <= 0) {
        (void)cudaGetLastError(); /* do not leave the failure for the next launch check */
        return 80;
    }
    cached.store(sms, std::memory_order_relaxed);
    return sms;
}

/* ---- scratch buffer ------------------------------------------------------------------------ */

static std::mutex g_scratch_mutex;
static void* g_scratch = 0;
static size_t g_scratch_bytes = 0;

MdlScratch::MdlScratch() { g_scratch_mutex.lock(); }
MdlScratch::~MdlScratch() { g_scratch_mutex.unlock(); }

mdl_status MdlScratch::get(size_t bytes, void** out, const char* fn)
{
    if (bytes > g_scratch_bytes) {
        size_t want = bytes < ((size_t)1 << 20) ? ((size_t)1 << 20) : bytes; /* at least 1 MiB */
        if (g_scratch) {
            /* cudaFree waits for the device, so no kernel still uses the old buffer. */
            MDL_CUDA_TRY(cudaFree(g_scratch), fn, "scratch bytes=%zu", g_scratch_bytes);
            g_scratch = 0;
            g_scratch_bytes = 0;
        }
        MDL_CUDA_TRY(cudaMalloc(&g_scratch, want), fn, "scratch bytes=%zu", want);
        g_scratch_bytes = want;
    }
    *out = g_scratch;
    return MDL_OK;
}

/* ---- the library section of minidl.h ---------------------------------------------------------- */

extern "C" {

mdl_status mdl_impl_device_info_get(mdl_device_info* out)
{
    int count = 0;
    cudaError_t err = cudaGetDeviceCount(&count);
    if (err != cudaSuccess || count == 0) {
        (void)cudaGetLastError();
        return mdl_fail(MDL_ERR_UNSUPPORTED,
                        "mdl_device_info_get: no CUDA device available (cudaGetDeviceCount: %s, count=%d)",
                        err == cudaSuccess ? "no devices" : cudaGetErrorString(err), count);
    }
    int device = 0;
    MDL_CUDA_TRY(cudaGetDevice(&device), "mdl_device_info_get", "count=%d", count);
    cudaDeviceProp prop;
    MDL_CUDA_TRY(cudaGetDeviceProperties(&prop, device), "mdl_device_info_get", "device=%d", device);
    snprintf(out->name, sizeof out->name, "%s", prop.name);
    snprintf(out->backend, sizeof out->backend, "cuda");
    out->compute_major = prop.major;
    out->compute_minor = prop.minor;
    out->multiprocessors = prop.multiProcessorCount;
    out->reserved = 0;
    out->total_memory = (int64_t)prop.totalGlobalMem;
    return MDL_OK;
}

mdl_status mdl_impl_set_threads(int32_t threads)
{
    (void)threads; /* the CPU build's worker count; the GPU needs none */
    return MDL_OK;
}

mdl_status mdl_impl_synchronize(void)
{
    MDL_CUDA_TRY(cudaDeviceSynchronize(), "mdl_synchronize", "(no arguments)");
    return MDL_OK;
}

} /* extern "C" */
