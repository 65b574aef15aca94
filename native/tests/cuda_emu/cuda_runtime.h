/*
 * cuda_runtime.h — a CPU emulator of the part of CUDA that native/src/cuda/ uses, so that the
 * CUDA build's kernels can be run and checked on a machine without an NVIDIA GPU.
 *
 * native/tests/cuda_emu/rewrite_launches.py copies each .cu file to a .cpp file, turning every
 * launch `kernel<<<grid, block>>>(args)` into `MDL_EMU_LAUNCH(kernel, grid, block)(args)`; the
 * copies are compiled by the host C++ compiler with this directory first on the include path,
 * so `#include <cuda_runtime.h>` finds this file instead of NVIDIA's. Nothing else in the
 * kernels is changed: the same source that nvcc compiles is what runs here.
 *
 * How a launch runs (emu.cpp):
 *   - blocks run one after another; the threads of a block are fibers (each with its own stack)
 *     on the calling thread. A fiber runs until it finishes or reaches __syncthreads() or a warp shuffle, then
 *     the next fiber runs. __syncthreads() releases when every thread of the block that has not
 *     returned waits there; a shuffle when every live lane of the warp has posted its value.
 *   - __shared__ is `static`: one copy, shared by the threads of the (one) running block.
 *   - the launch configuration is checked as the GPU does (at most 1024 threads per block,
 *     grid y and z at most 65535, ...): a bad one sets cudaErrorInvalidConfiguration for
 *     cudaGetLastError and runs nothing.
 *   - barrier misuse is reported on stderr and aborts the process, naming the kernel, its launch
 *     site, the block, the threads and the source line of each __syncthreads() involved:
 *       * barrier divergence: the threads of a block wait at different __syncthreads() call sites
 *         (e.g. one inside `if (tid < stride)`), or some threads returned from the kernel while
 *         others wait at a __syncthreads() (compute-sanitizer --tool synccheck on a GPU);
 *       * a deadlock: some threads wait at __syncthreads() while others wait in a warp shuffle;
 *       * a warp shuffle whose partner lane has returned (its value is undefined on a GPU).
 *     (__syncthreads() takes the caller's file and line as default arguments: __builtin_FILE,
 *     __builtin_LINE; rewrite_launches.py passes the kernel's name and launch line.)
 *     A barrier is known by its source line only: threads that reach one line by different paths
 *     the same number of times (a __device__ helper with a __syncthreads() called from both sides
 *     of a branch; one line in different loop iterations) are NOT reported
 *     (broken_kernels.cu, same_line).
 *   - MINIDL_EMU_SMS=N makes the emulated GPU report N streaming multiprocessors (default 2;
 *     an H100 has 132). Launchers size grid-stride grids from the SM count (mdl_grid_for), so
 *     the default 2 gives small grids in which every thread loops many times, which finds
 *     grid-stride mistakes; MINIDL_EMU_SMS=132 runs the grids a real GPU would get.
 *   - MINIDL_EMU_ORDER=forward|reverse|shuffle[:SEED] is the order in which the threads of a
 *     block, and the blocks of a grid, take their turns:
 *       * forward (the default): each round runs every runnable thread in index order, so all
 *         warps advance together, one shuffle step per round; blocks in index order;
 *       * reverse: each round runs one warp, the highest-numbered one that can run, its lanes
 *         last to first; that warp goes on through its shuffles until it waits at the barrier
 *         or returns, then the next lower warp; blocks last to first;
 *       * shuffle[:SEED]: each round runs one warp picked at random, its lanes in a random order;
 *         blocks in a random order (SEED, default 1, makes a run reproducible; grids of more
 *         than 2^22 blocks run in reverse).
 *     A data race (two threads touch one address with no barrier between them, at least one
 *     writing) gives a result that depends on who goes first. In index order thread i - 1 has
 *     always written before thread i reads, and warps in lockstep have all read a shared
 *     array before any of them overwrites it; reversed or shuffled, a reader may go first, or a
 *     warp may run ahead and overwrite what another has not read yet, and the result is wrong
 *     (broken_kernels.cu, race). The same holds across blocks (block b reading what block b - 1
 *     wrote in the same launch). A report names the order and the launch; the device name says
 *     it ("CUDA emulator (CPU fibers, reverse order)"). An unknown value stops the first launch.
 * What it does not model: concurrency between threads (a fiber runs alone until its next
 * barrier or shuffle, so a race shows only as a wrong result in some order, and only where the
 * order changes the result: MINIDL_EMU_ORDER), warp-synchronous execution without __syncwarp /
 * shuffles, the memory model, timing. It finds indexing errors (the harness's guard bands),
 * missing bounds checks (with ASan: MINIDL_SANITIZE), wrong reductions, the barrier misuse above,
 * and races that change a result when the order changes; performance needs a GPU.
 */
#pragma once

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <tuple>
#include <utility>

/* ---- keywords ---- */
#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __shared__ static
#define __align__(n) __attribute__((aligned(n)))

/* ---- vector types ---- */
struct uint3 { unsigned int x, y, z; };
struct dim3 {
    unsigned int x, y, z;
    dim3(unsigned int x_ = 1, unsigned int y_ = 1, unsigned int z_ = 1) : x(x_), y(y_), z(z_) {}
};
struct alignas(16) float4 { float x, y, z, w; };
struct alignas(16) double2 { double x, y; };
inline float4 make_float4(float x, float y, float z, float w) { return float4{x, y, z, w}; }
inline double2 make_double2(double x, double y) { return double2{x, y}; }

/* The running thread's coordinates (set by the scheduler before each fiber runs). */
extern uint3 threadIdx, blockIdx;
extern dim3 blockDim, gridDim;

/* ---- device intrinsics ---- */
inline float __int_as_float(int i) { float f; memcpy(&f, &i, sizeof f); return f; }
inline double __longlong_as_double(long long i) { double d; memcpy(&d, &i, sizeof d); return d; }

namespace mdl_emu {
void syncthreads(const char* file, int line);
/* Posts `bytes` bytes of this lane's value, waits for the warp, copies lane `src_lane`'s value. */
void shuffle(const void* mine, void* out, size_t bytes, int src_lane);
int lane_id();
}  // namespace mdl_emu

/* The call site (file, line) identifies the barrier: threads of a block must all wait at the same one. */
inline void __syncthreads(const char* file = __builtin_FILE(), int line = __builtin_LINE())
{
    mdl_emu::syncthreads(file, line);
}

template <typename T>
inline T __shfl_xor_sync(unsigned int /*mask: all 32 lanes in this code*/, T v, int lane_mask, int width = 32)
{
    (void)width;
    T out;
    mdl_emu::shuffle(&v, &out, sizeof(T), mdl_emu::lane_id() ^ lane_mask);
    return out;
}

/* ---- runtime API ---- */
typedef enum cudaError {
    cudaSuccess = 0,
    cudaErrorInvalidValue = 1,
    cudaErrorMemoryAllocation = 2,
    cudaErrorInsufficientDriver = 35,
    cudaErrorNoDevice = 100,
    cudaErrorInvalidConfiguration = 9,
} cudaError_t;
typedef enum cudaMemcpyKind {
    cudaMemcpyHostToHost = 0,
    cudaMemcpyHostToDevice = 1,
    cudaMemcpyDeviceToHost = 2,
    cudaMemcpyDeviceToDevice = 3,
    cudaMemcpyDefault = 4
} cudaMemcpyKind;
typedef enum cudaDeviceAttr { cudaDevAttrMultiProcessorCount = 16 } cudaDeviceAttr;
typedef struct CUstream_st* cudaStream_t;
struct cudaDeviceProp {
    char name[256];
    size_t totalGlobalMem;
    int major, minor;
    int multiProcessorCount;
};

cudaError_t cudaMalloc(void** p, size_t bytes);
cudaError_t cudaFree(void* p);
cudaError_t cudaMemset(void* p, int value, size_t bytes);
cudaError_t cudaMemcpy(void* dst, const void* src, size_t bytes, cudaMemcpyKind kind);
cudaError_t cudaMemcpyAsync(void* dst, const void* src, size_t bytes, cudaMemcpyKind kind, cudaStream_t stream = 0);
cudaError_t cudaGetLastError(void);
const char* cudaGetErrorString(cudaError_t err);
const char* cudaGetErrorName(cudaError_t err);
cudaError_t cudaGetDevice(int* device);
cudaError_t cudaGetDeviceCount(int* count);
cudaError_t cudaGetDeviceProperties(cudaDeviceProp* prop, int device);
cudaError_t cudaDeviceGetAttribute(int* value, cudaDeviceAttr attr, int device);
cudaError_t cudaDeviceSynchronize(void);

/* ---- launches ---- */
namespace mdl_emu {
/* Checks the configuration (false: cudaErrorInvalidConfiguration recorded) */
bool check_launch(dim3 grid, dim3 block);
/* Runs body() once per thread of every block, as described above. `name`, `file`, `line`: the
 * kernel as written at the launch, and where, for the reports. */
void run_grid(dim3 grid, dim3 block, void (*body)(void*), void* ctx, const char* name, const char* file, int line);

template <typename... P>
struct Launcher {
    void (*kernel)(P...);
    dim3 grid, block;
    const char* name;
    const char* file;
    int line;
    template <typename... A>
    void operator()(A&&... args) const
    {
        if (!check_launch(grid, block)) return;
        /* the kernel's parameters, converted once as the CUDA runtime copies them */
        std::tuple<P...> params(std::forward<A>(args)...);
        struct Ctx { void (*k)(P...); std::tuple<P...>* params; } ctx{kernel, &params};
        run_grid(grid, block, [](void* c) {
            Ctx* x = static_cast<Ctx*>(c);
            std::apply(x->k, *x->params); /* each thread gets its own copies of the parameters */
        }, &ctx, name, file, line);
    }
};

template <typename... P>
Launcher<P...> launcher(const char* name, const char* file, int line, void (*kernel)(P...), dim3 grid, dim3 block,
                        size_t shmem = 0, cudaStream_t stream = 0)
{
    (void)shmem; (void)stream;
    return Launcher<P...>{kernel, grid, block, name, file, line};
}
}  // namespace mdl_emu

/* rewrite_launches.py: `k<T><<<g, b>>>(args)` -> `MDL_EMU_LAUNCH("k<T>", k<T>, g, b)(args)` */
#define MDL_EMU_LAUNCH(name, ...) mdl_emu::launcher(name, __FILE__, __LINE__, __VA_ARGS__)
