/*
 * cpu_runtime.c — library, device-info and memory functions of the CPU build.
 *
 * On the CPU build a "buffer" is plain host memory: 64-byte aligned (one cache line, and
 * the width of an AVX-512 register) and zero-filled. The mdl_copy_* functions are memcpy.
 */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#  define _POSIX_C_SOURCE 200809L
#endif
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#  define _DEFAULT_SOURCE /* glibc hides madvise's MADV_HUGEPAGE in plain POSIX mode */
#endif
#if defined(__APPLE__) && !defined(_DARWIN_C_SOURCE)
#  define _DARWIN_C_SOURCE /* macOS hides sysconf's _SC_PHYS_PAGES and sysctlbyname in plain POSIX mode */
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu_internal.h"

#if defined(_WIN32)
#  include <malloc.h>
#  include <windows.h>
#else
#  include <unistd.h>
#endif
#if defined(__linux__)
#  include <sys/mman.h>
#endif
#if defined(__APPLE__)
#  include <sys/sysctl.h>
#endif

#if defined(_MSC_VER)
#  define MDL_THREAD_LOCAL __declspec(thread)
#else
#  define MDL_THREAD_LOCAL _Thread_local
#endif

/* ---- instruction-set level ------------------------------------------------------ */

int mdl_cpu_isa(void)
{
    static int level = -1; /* computed once; a race only recomputes the same value */
    if (level >= 0) return level;
    int best = MDL_ISA_BASE;
#if MDL_HAVE_X86_KERNELS
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) best = MDL_ISA_AVX2;
    if (best == MDL_ISA_AVX2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw"))
        best = MDL_ISA_AVX512;
#  if defined(MDL_AVX512_EMU) /* tools/avx512-emu.sh: AVX-512 emulated over AVX2 */
    if (best == MDL_ISA_AVX2) best = MDL_ISA_AVX512;
#  endif
#elif MDL_HAVE_NEON_KERNELS
    best = MDL_ISA_NEON; /* part of every AArch64 CPU */
#endif
    const char* want = getenv("MINIDL_CPU_KERNEL");
    int lv = best;
    if (want && strcmp(want, "scalar") == 0) lv = MDL_ISA_BASE;
    else if (want && strcmp(want, "avx2") == 0 && best >= MDL_ISA_AVX2) lv = MDL_ISA_AVX2;
    level = lv;
    return level;
}

const char* mdl_cpu_isa_name(void)
{
    switch (mdl_cpu_isa()) {
    case MDL_ISA_AVX512: return "avx512";
    case MDL_ISA_AVX2: return "avx2";
    case MDL_ISA_NEON: return "neon";
    default: return "scalar";
    }
}

/* ---- library ------------------------------------------------------------------ */

mdl_status mdl_impl_synchronize(void) { return MDL_OK; } /* every CPU call is synchronous */

/* The "model name" line of /proc/cpuinfo (Linux), machdep.cpu.brand_string (macOS: e.g. "Apple M2"),
 * or "CPU". */
static void cpu_model_name(char* out, size_t cap)
{
    snprintf(out, cap, "CPU");
#if defined(__APPLE__)
    char brand[200];
    size_t len = sizeof brand;
    if (sysctlbyname("machdep.cpu.brand_string", brand, &len, NULL, 0) == 0 && len > 1) {
        brand[sizeof brand - 1] = '\0';
        snprintf(out, cap, "%s", brand);
    }
#elif defined(__linux__)
    FILE* f = fopen("/proc/cpuinfo", "r");
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "model name", 10) == 0) {
            const char* colon = strchr(line, ':');
            if (colon) {
                colon++;
                while (*colon == ' ' || *colon == '\t') colon++;
                snprintf(out, cap, "%s", colon);
                size_t len = strlen(out);
                while (len > 0 && (out[len - 1] == '\n' || out[len - 1] == ' ')) out[--len] = '\0';
                if (len == 0) snprintf(out, cap, "CPU");
            }
            break;
        }
    }
    fclose(f);
#endif
}

mdl_status mdl_impl_device_info_get(mdl_device_info* out)
{
    /* "<model> (avx512 kernels)": the name says which kernel level runs (mdl_cpu_isa_name), so
     * `minidl info` and the harness's first line show it. */
    char model[200];
    cpu_model_name(model, sizeof model);
    snprintf(out->name, sizeof out->name, "%s (%s kernels)", model, mdl_cpu_isa_name());
    snprintf(out->backend, sizeof out->backend, "cpu");
    out->multiprocessors = mdl_cpu_threads_max();
#if defined(_WIN32)
    MEMORYSTATUSEX ms;
    ms.dwLength = sizeof ms;
    if (GlobalMemoryStatusEx(&ms)) out->total_memory = (int64_t)ms.ullTotalPhys;
#else
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    if (pages > 0 && page > 0) out->total_memory = (int64_t)pages * (int64_t)page;
#endif
    return MDL_OK;
}

/* ---- memory ------------------------------------------------------------------- */

/* Buffers of at least MDL_HUGE_MIN bytes on Linux start on a 2 MB boundary and ask for transparent
 * huge pages (madvise MADV_HUGEPAGE): a kernel set to "madvise" in
 * /sys/kernel/mm/transparent_hugepage/enabled, as this project's hosts are, gives them only to memory
 * that asks. A data set kept on the backend is gathered a few random rows at a time, each row on
 * another 4 KB page and so another page walk; with 2 MB pages the walks mostly hit. Measured
 * (bench/NOTES.md): the gather of a Fashion-MNIST batch from the kept set, about 50 -> 40 us a step.
 * Only virtual memory is spent on the alignment; madvise failing (THP off, an old kernel) leaves
 * ordinary pages. */
#define MDL_HUGE_MIN ((size_t)4 << 20)
#define MDL_HUGE_PAGE ((size_t)2 << 20)

void* mdl_aligned_alloc(size_t bytes)
{
    size_t rounded = (bytes + 63) & ~(size_t)63;
    if (rounded < bytes) return NULL; /* overflow */
#if defined(_WIN32)
    return _aligned_malloc(rounded, 64);
#else
    void* p = NULL;
#  if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (rounded >= MDL_HUGE_MIN) {
        if (posix_memalign(&p, MDL_HUGE_PAGE, rounded) != 0) return NULL;
        (void)madvise(p, rounded & ~(MDL_HUGE_PAGE - 1), MADV_HUGEPAGE);
        return p;
    }
#  endif
    if (posix_memalign(&p, 64, rounded) != 0) return NULL;
    return p;
#endif
}

void mdl_aligned_free(void* p)
{
#if defined(_WIN32)
    _aligned_free(p);
#else
    free(p);
#endif
}

mdl_status mdl_impl_alloc(size_t bytes, void** out)
{
    void* p = mdl_aligned_alloc(bytes);
    if (!p) return mdl_fail(MDL_ERR_OUT_OF_MEMORY, "mdl_alloc: cannot allocate %zu bytes", bytes);
    memset(p, 0, bytes);
    *out = p;
    return MDL_OK;
}

mdl_status mdl_impl_free(void* buffer)
{
    mdl_aligned_free(buffer);
    return MDL_OK;
}

/* Every copy is a memmove on the CPU build (buffers are host memory). */
mdl_status mdl_impl_copy_to_device(void* dst, const void* host_src, size_t bytes)
{
    memmove(dst, host_src, bytes);
    return MDL_OK;
}

/* Which part of a batch gather thread t of nth writes: rows [r0, r1) of columns [c0, c1).
 * Two threads split the columns at cols/2, not the rows. Why: the first product that reads the
 * batch X (rows x cols) is the training step's X W1, which splits over k = cols (cpu_gemm.inc,
 * gemm_split_k: thread 0 reads X[:, :cols/2], thread 1 X[:, cols/2:]), and the backward's
 * X^T dY, whose row slabs of dW1 are the same column halves of X. A thread then reads what it
 * wrote itself. Split by rows, half of each thread's X was written by the other core, which on
 * a host whose two cores have separate L3s moves every such line between them (the cost that
 * split-k removed from Adam on W1). More threads: half of them on each column half, each group
 * split by rows. Measured (bench/NOTES.md, session 21, a step loop on a noisy Zen 4 VM): the
 * gather's median as fast or faster than the row split in every batch; a gain beyond the
 * host's noise was not shown. */
static void mdl_gather_part(int64_t rows, int64_t cols, int t, int nth, int64_t* r0, int64_t* r1, int64_t* c0,
                            int64_t* c1)
{
    if (nth < 2) { *r0 = 0; *r1 = rows; *c0 = 0; *c1 = cols; return; }
    int g0 = nth / 2, second = t >= g0;     /* threads [0, g0): columns [0, cols/2); the rest: [cols/2, cols) */
    int gi = second ? t - g0 : t, gs = second ? nth - g0 : g0;
    *c0 = second ? cols / 2 : 0;
    *c1 = second ? cols : cols / 2;
    *r0 = rows * gi / gs;
    *r1 = rows * (gi + 1) / gs;
}

#ifdef _OPENMP
#  define MDL_THREAD_ID() omp_get_thread_num()
#  define MDL_THREAD_COUNT() omp_get_num_threads()
#else
#  define MDL_THREAD_ID() 0
#  define MDL_THREAD_COUNT() 1
#endif

/* The batch gather, on the library's threads: each thread converts its part (mdl_gather_part) into the buffer. */
mdl_status mdl_impl_copy_rows_to_device(mdl_dtype dt, int64_t rows, int64_t cols, const double* host_src,
                                        const int32_t* host_rows, void* dst)
{
    MDL_OMP_PARALLEL(rows * cols)
    {
        int64_t r0, r1, c0, c1;
        mdl_gather_part(rows, cols, MDL_THREAD_ID(), MDL_THREAD_COUNT(), &r0, &r1, &c0, &c1);
        size_t size = dt == MDL_F32 ? sizeof(float) : sizeof(double);
        mdl_host_gather_cols(dt, r1 - r0, cols, c0, c1, host_src, host_rows + r0, (char*)dst + (size_t)(r0 * cols) * size);
    }
    return MDL_OK;
}

/* The gather from a buffer: each thread copies its part (mdl_gather_part; no conversion: both are dt).
 * The rows are in shuffled order, so each one starts with a trip to memory, and a row of 784 floats
 * is 49 cache lines: while row r is copied, the lines of row r + MDL_GATHER_AHEAD are requested
 * (prefetch), so that the misses of several rows overlap instead of one row's at a time.
 * Measured (bench/NOTES.md): a Fashion-MNIST batch of 128 rows, 8 paired rounds, 74 -> 53 us;
 * 8 rows ahead was no better than none. */
#define MDL_GATHER_AHEAD 4
mdl_status mdl_impl_gather_rows(mdl_dtype dt, int64_t rows, int64_t cols, const void* src, const int32_t* host_rows,
                                void* dst)
{
    size_t size = dt == MDL_F32 ? sizeof(float) : sizeof(double), row_bytes = (size_t)cols * size;
    MDL_OMP_PARALLEL(rows * cols)
    {
        int64_t r0, r1, c0, c1;
        mdl_gather_part(rows, cols, MDL_THREAD_ID(), MDL_THREAD_COUNT(), &r0, &r1, &c0, &c1);
        size_t off = (size_t)c0 * size, part = (size_t)(c1 - c0) * size;
#if defined(__GNUC__) || defined(__clang__)
        /* of a long part only the first 4 KB is prefetched: the hardware prefetcher follows the rest */
        const size_t ahead = part < 4096 ? part : 4096;
#endif
        for (int64_t r = r0; r < r1; ++r) {
#if defined(__GNUC__) || defined(__clang__)
            if (r + MDL_GATHER_AHEAD < r1) {
                const char* q = (const char*)src + (size_t)host_rows[r + MDL_GATHER_AHEAD] * row_bytes + off;
                for (size_t o = 0; o < ahead; o += 64) __builtin_prefetch(q + o, 0, 3);
            }
#endif
            memcpy((char*)dst + (size_t)r * row_bytes + off, (const char*)src + (size_t)host_rows[r] * row_bytes + off,
                   part);
        }
    }
    return MDL_OK;
}

mdl_status mdl_impl_copy_to_host(void* host_dst, const void* src, size_t bytes)
{
    memmove(host_dst, src, bytes);
    return MDL_OK;
}

mdl_status mdl_impl_copy_device(void* dst, const void* src, size_t bytes)
{
    memmove(dst, src, bytes);
    return MDL_OK;
}

/* ---- per-thread scratch ------------------------------------------------------- */

#define MDL_SCRATCH_SLOTS 4
static MDL_THREAD_LOCAL void* g_scratch[MDL_SCRATCH_SLOTS];
static MDL_THREAD_LOCAL size_t g_scratch_size[MDL_SCRATCH_SLOTS];

void* mdl_cpu_scratch(int slot, size_t bytes)
{
    if (slot < 0 || slot >= MDL_SCRATCH_SLOTS) return NULL;
    if (g_scratch_size[slot] < bytes) {
        mdl_aligned_free(g_scratch[slot]);
        g_scratch[slot] = mdl_aligned_alloc(bytes);
        g_scratch_size[slot] = g_scratch[slot] ? bytes : 0;
    }
    return g_scratch[slot];
}
