/*
 * emu.cpp — the scheduler and runtime API behind cuda_runtime.h (see there for the model).
 *
 * A block's threads are fibers, each with a stack of its own. In a round every runnable fiber runs
 * in turn, in thread order, until it returns, reaches __syncthreads() or posts a value to a warp
 * shuffle; then it switches to the next runnable fiber (the last one back to the scheduler, on the
 * launching thread). After each round:
 *   - a warp's shuffle completes when all its live lanes (those that have not returned) wait
 *     in a shuffle of the same generation: they become runnable and read their partners' values;
 *   - the block barrier completes when every live thread of the block waits at __syncthreads(),
 *     all at the same call site, and no thread of the block has returned; otherwise the barrier
 *     diverged: reported (kernel, block, threads, lines), then abort().
 * A round in which nothing can run and nothing completes is a deadlock: reported, then abort().
 *
 * Switching fibers: on x86-64 and arm64 a few lines of assembly (mdl_emu_switch below) save the
 * callee-saved registers and swap stacks. glibc's swapcontext also saves and restores the signal
 * mask, a system call at every switch: that took half of the emulator's time. Elsewhere, and in
 * ASan builds (ASan follows swapcontext, not a hand-made switch), the fibers use ucontext.
 */
#include "cuda_runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <ucontext.h>

#include <vector>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MDL_EMU_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define MDL_EMU_ASAN 1
#endif
#if (defined(__x86_64__) || defined(__aarch64__)) && !defined(MDL_EMU_ASAN) && !defined(MDL_EMU_UCONTEXT)
#define MDL_EMU_FAST_SWITCH 1
/* mdl_emu_switch(&from_sp, to_sp): push the callee-saved registers on this stack, store the stack
 * pointer in *from_sp, load to_sp, pop the registers saved there, return into that fiber. (The
 * floating-point control registers are left as they are: nothing here changes them.) */
extern "C" void mdl_emu_switch(void** from_sp, void* to_sp);
#if defined(__x86_64__)
asm(".text\n"
    ".globl mdl_emu_switch\n"
    ".hidden mdl_emu_switch\n"
    ".type mdl_emu_switch,@function\n"
    "mdl_emu_switch:\n"
    "  pushq %rbp\n  pushq %rbx\n  pushq %r12\n  pushq %r13\n  pushq %r14\n  pushq %r15\n"
    "  movq %rsp, (%rdi)\n"
    "  movq %rsi, %rsp\n"
    "  popq %r15\n  popq %r14\n  popq %r13\n  popq %r12\n  popq %rbx\n  popq %rbp\n"
    "  ret\n"
    ".size mdl_emu_switch,.-mdl_emu_switch\n");
#else /* __aarch64__: x19-x30 and d8-d15 */
asm(".text\n"
    ".globl mdl_emu_switch\n"
    ".hidden mdl_emu_switch\n"
    ".type mdl_emu_switch,%function\n"
    "mdl_emu_switch:\n"
    "  sub sp, sp, #160\n"
    "  stp x19, x20, [sp, #0]\n  stp x21, x22, [sp, #16]\n  stp x23, x24, [sp, #32]\n"
    "  stp x25, x26, [sp, #48]\n  stp x27, x28, [sp, #64]\n  stp x29, x30, [sp, #80]\n"
    "  stp d8, d9, [sp, #96]\n  stp d10, d11, [sp, #112]\n  stp d12, d13, [sp, #128]\n  stp d14, d15, [sp, #144]\n"
    "  mov x2, sp\n  str x2, [x0]\n"
    "  mov sp, x1\n"
    "  ldp x19, x20, [sp, #0]\n  ldp x21, x22, [sp, #16]\n  ldp x23, x24, [sp, #32]\n"
    "  ldp x25, x26, [sp, #48]\n  ldp x27, x28, [sp, #64]\n  ldp x29, x30, [sp, #80]\n"
    "  ldp d8, d9, [sp, #96]\n  ldp d10, d11, [sp, #112]\n  ldp d12, d13, [sp, #128]\n  ldp d14, d15, [sp, #144]\n"
    "  add sp, sp, #160\n"
    "  ret\n"
    ".size mdl_emu_switch,.-mdl_emu_switch\n");
#endif
#endif

/* MINIDL_EMU_SMS: the emulated GPU's streaming multiprocessors (default 2; see cuda_runtime.h). */
static int emu_sms()
{
    const char* s = getenv("MINIDL_EMU_SMS");
    int v = s ? atoi(s) : 0;
    return v >= 1 && v <= 4096 ? v : 2;
}

uint3 threadIdx, blockIdx;
dim3 blockDim, gridDim;

namespace {

enum State { RUNNABLE, AT_BARRIER, AT_SHUFFLE, DONE };

/* A suspended fiber (or the scheduler): its saved registers. */
struct Context {
#ifdef MDL_EMU_FAST_SWITCH
    void* sp; /* where mdl_emu_switch left the registers */
#else
    ucontext_t uc;
#endif
};

struct Fiber {
    Context ctx;
    State state;
    uint3 tid;
    unsigned shuffle_gen; /* the warp generation this fiber posted to */
    const char* sync_file; /* the __syncthreads() this fiber waits at */
    int sync_line;
};

struct Warp {
    unsigned gen = 0;
    unsigned char slot[2][32][16]; /* double-buffered by generation: posted values (<= 16 bytes) */
};

/* The fibers' stacks: 64 KB each (the kernels here use at most 4 KB), in one mapping, the lowest
 * page of each made inaccessible: a thread that runs past its stack stops with a segmentation fault
 * instead of overwriting its neighbour's. */
const size_t kStack = 64 * 1024, kGuard = 4096;
const int kMaxThreads = 1024;

struct Scheduler {
    Context main; /* the scheduler, on the launching thread's stack */
    std::vector<Fiber> fibers;
    std::vector<Warp> warps;
    std::vector<char*> stacks; /* one per thread slot, reused by every block */
    int current = -1; /* the running fiber; -1: the scheduler */
    int threads = 0;  /* of the running block */
    void (*body)(void*) = nullptr;
    void* ctx = nullptr;
    cudaError_t last_error = cudaSuccess;
    const char* kernel = "?"; /* the running launch, for the reports */
    const char* launch_file = "?";
    int launch_line = 0;
};

Scheduler g;

void fail(const char* what)
{
    fprintf(stderr, "cuda_emu: %s\n  kernel %s (launched at %s:%d), block (%u,%u,%u), thread (%u,%u,%u)\n", what,
            g.kernel, g.launch_file, g.launch_line, blockIdx.x, blockIdx.y, blockIdx.z, threadIdx.x, threadIdx.y,
            threadIdx.z);
    abort();
}

/* One line of a barrier report: where fiber i is. */
void describe(int i)
{
    const Fiber& f = g.fibers[i];
    fprintf(stderr, "  thread (%u,%u,%u) ", f.tid.x, f.tid.y, f.tid.z);
    if (f.state == DONE) fprintf(stderr, "returned from the kernel\n");
    else fprintf(stderr, "waits at __syncthreads() %s:%d\n", f.sync_file, f.sync_line);
}

/* Every live fiber of the block (n threads) waits at a __syncthreads(): unless they all wait at
 * the same one and none has returned, report the divergence and abort. */
void check_barrier(int n)
{
    int first = -1, other = -1;
    for (int i = 0; i < n && other < 0; ++i) {
        const Fiber& f = g.fibers[i];
        if (f.state != AT_BARRIER) continue;
        if (first < 0) first = i;
        else if (f.sync_line != g.fibers[first].sync_line || strcmp(f.sync_file, g.fibers[first].sync_file) != 0)
            other = i;
    }
    if (other < 0)
        for (int i = 0; i < n && other < 0; ++i)
            if (g.fibers[i].state == DONE) other = i;
    if (other < 0) return;
    int same = 0, elsewhere = 0, returned = 0;
    for (int i = 0; i < n; ++i) {
        const Fiber& f = g.fibers[i];
        if (f.state == DONE) ++returned;
        else if (f.sync_line == g.fibers[first].sync_line && strcmp(f.sync_file, g.fibers[first].sync_file) == 0) ++same;
        else ++elsewhere;
    }
    fprintf(stderr,
            "cuda_emu: barrier divergence: the threads of a block do not all reach the same __syncthreads()\n"
            "  kernel %s (launched at %s:%d), block (%u,%u,%u) of %u threads\n",
            g.kernel, g.launch_file, g.launch_line, blockIdx.x, blockIdx.y, blockIdx.z, (unsigned)n);
    describe(first);
    describe(other);
    fprintf(stderr,
            "  (%d threads wait at %s:%d, %d at other __syncthreads(), %d returned)\n"
            "  On a GPU this hangs or reads shared memory too early; compute-sanitizer --tool synccheck reports\n"
            "  it. Every thread of the block must reach the same __syncthreads(): move it out of the branch.\n",
            same, g.fibers[first].sync_file, g.fibers[first].sync_line, elsewhere, returned);
    abort();
}

void fiber_main();

#ifdef MDL_EMU_FAST_SWITCH
/* Save the running code's registers in `from`, continue where `to` was saved. */
inline void jump(Context& from, Context& to) { mdl_emu_switch(&from.sp, to.sp); }

/* A fresh fiber's stack as mdl_emu_switch leaves a suspended one: zeroed registers and, where the
 * switch returns, fiber_main (x86-64: above it a null return address, so that fiber_main starts
 * with the stack aligned as after a call; arm64: in x30, the link register). */
void start_fiber(Fiber& f, char* stack, size_t size)
{
    void** top = reinterpret_cast<void**>(stack + size); /* 16-byte aligned */
#if defined(__x86_64__)
    void** sp = top - 8; /* r15 r14 r13 r12 rbx rbp, fiber_main, 0 */
    for (int k = 0; k < 6; ++k) sp[k] = nullptr;
    sp[6] = reinterpret_cast<void*>(&fiber_main);
    sp[7] = nullptr;
#else
    void** sp = top - 20; /* x19..x28, x29, x30 = fiber_main, d8..d15 */
    for (int k = 0; k < 20; ++k) sp[k] = nullptr;
    sp[11] = reinterpret_cast<void*>(&fiber_main);
#endif
    f.ctx.sp = sp;
}
#else
inline void jump(Context& from, Context& to) { swapcontext(&from.uc, &to.uc); }

void start_fiber(Fiber& f, char* stack, size_t size)
{
    /* getcontext is a system call (it saves the signal mask): made once, then copied */
    static ucontext_t base;
    static bool have_base = false;
    if (!have_base) { getcontext(&base); have_base = true; }
    f.ctx.uc = base;
    f.ctx.uc.uc_stack.ss_sp = stack;
    f.ctx.uc.uc_stack.ss_size = size;
    f.ctx.uc.uc_link = nullptr;
    makecontext(&f.ctx.uc, fiber_main, 0);
}
#endif

/* A round: the scheduler runs the first runnable fiber, each fiber that stops runs the next runnable
 * one after it, the last goes back to the scheduler (one switch per fiber, not two). Returns when
 * `from` is resumed. */
void run_next(Context& from)
{
    for (int i = g.current + 1; i < g.threads; ++i)
        if (g.fibers[i].state == RUNNABLE) {
            g.current = i;
            threadIdx = g.fibers[i].tid;
            jump(from, g.fibers[i].ctx);
            return;
        }
    g.current = -1;
    jump(from, g.main);
}

/* The running fiber stops (at a barrier or a shuffle); returns when it is resumed. */
void yield() { run_next(g.fibers[g.current].ctx); }

void fiber_main()
{
    g.body(g.ctx);
    g.fibers[g.current].state = DONE;
    run_next(g.fibers[g.current].ctx); /* never resumed */
    abort();
}

void run_block(int n)
{
    for (int i = 0; i < n; ++i) {
        Fiber& f = g.fibers[i];
        f.state = RUNNABLE;
        f.tid = uint3{(unsigned)i % blockDim.x, (unsigned)(i / blockDim.x) % blockDim.y,
                      (unsigned)(i / (blockDim.x * blockDim.y))};
        start_fiber(f, g.stacks[i], kStack - kGuard);
    }
    const int nwarps = (n + 31) / 32;
    for (int w = 0; w < nwarps; ++w) g.warps[w].gen = 0;
    g.threads = n;
    for (;;) {
        bool ran = false;
        for (int i = 0; i < n && !ran; ++i) ran = g.fibers[i].state == RUNNABLE;
        if (ran) {
            g.current = -1;
            run_next(g.main);
        }
        int live = 0, at_barrier = 0;
        for (int i = 0; i < n; ++i) {
            live += g.fibers[i].state != DONE;
            at_barrier += g.fibers[i].state == AT_BARRIER;
        }
        if (live == 0) return;
        bool released = false;
        for (int w = 0; w < nwarps; ++w) { /* warp shuffles */
            int lo = w * 32, hi = lo + 32 < n ? lo + 32 : n, live_w = 0, posted = 0;
            for (int i = lo; i < hi; ++i) {
                live_w += g.fibers[i].state != DONE;
                posted += g.fibers[i].state == AT_SHUFFLE && g.fibers[i].shuffle_gen == g.warps[w].gen;
            }
            if (posted > 0 && posted == live_w) {
                if (live_w != hi - lo) {
                    threadIdx = g.fibers[lo].tid;
                    fail("warp shuffle with lanes that have returned (their values are undefined)");
                }
                for (int i = lo; i < hi; ++i) g.fibers[i].state = RUNNABLE;
                ++g.warps[w].gen;
                released = true;
            }
        }
        if (!released && at_barrier == live) { /* the block barrier */
            check_barrier(n);
            for (int i = 0; i < n; ++i)
                if (g.fibers[i].state == AT_BARRIER) g.fibers[i].state = RUNNABLE;
            released = true;
        }
        if (!ran && !released) {
            threadIdx = uint3{0, 0, 0};
            fail("deadlock: threads wait at __syncthreads() and in warp shuffles that can never complete");
        }
    }
}

}  // namespace

namespace mdl_emu {

int lane_id()
{
    return g.current % 32;
}

void syncthreads(const char* file, int line)
{
    g.fibers[g.current].state = AT_BARRIER;
    g.fibers[g.current].sync_file = file;
    g.fibers[g.current].sync_line = line;
    yield();
}

void shuffle(const void* mine, void* out, size_t bytes, int src_lane)
{
    if (bytes > 16) fail("shuffle of a value wider than 16 bytes");
    if (src_lane < 0 || src_lane > 31) fail("shuffle lane out of range");
    Fiber& f = g.fibers[g.current];
    Warp& w = g.warps[g.current / 32];
    unsigned gen = w.gen;
    memcpy(w.slot[gen & 1][g.current % 32], mine, bytes);
    f.state = AT_SHUFFLE;
    f.shuffle_gen = gen;
    yield();
    int src = (g.current / 32) * 32 + src_lane;
    if (src >= (int)g.fibers.size() || src >= (int)(blockDim.x * blockDim.y * blockDim.z))
        fail("shuffle from a lane past the end of the block");
    memcpy(out, w.slot[gen & 1][src_lane], bytes);
}

bool check_launch(dim3 grid, dim3 block)
{
    unsigned long long threads = (unsigned long long)block.x * block.y * block.z;
    bool ok = threads >= 1 && threads <= (unsigned long long)kMaxThreads && block.x <= 1024 && block.y <= 1024 &&
              block.z <= 64 && grid.x >= 1 && grid.y >= 1 && grid.z >= 1 && grid.x <= 2147483647u &&
              grid.y <= 65535 && grid.z <= 65535;
    if (!ok) g.last_error = cudaErrorInvalidConfiguration;
    return ok;
}

void run_grid(dim3 grid, dim3 block, void (*body)(void*), void* ctx, const char* name, const char* file, int line)
{
    const int n = (int)(block.x * block.y * block.z);
    if (g.stacks.empty()) {
        g.fibers.resize(kMaxThreads);
        g.warps.resize(kMaxThreads / 32);
        const size_t bytes = kStack * kMaxThreads;
        void* m = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED) fail("cannot map fiber stacks");
        for (int i = 0; i < kMaxThreads; ++i) {
            char* stack = static_cast<char*>(m) + (size_t)i * kStack;
            if (mprotect(stack, kGuard, PROT_NONE) != 0) fail("cannot protect the fiber stacks' guard pages");
            g.stacks.push_back(stack + kGuard);
        }
    }
    /* a launch inside a launch (not used by MiniDL) would clobber the scheduler */
    if (g.body) fail("nested launch");
    g.kernel = name;
    g.launch_file = file;
    g.launch_line = line;
    g.body = body;
    g.ctx = ctx;
    gridDim = grid;
    blockDim = block;
    for (unsigned z = 0; z < grid.z; ++z)
        for (unsigned y = 0; y < grid.y; ++y)
            for (unsigned x = 0; x < grid.x; ++x) {
                blockIdx = uint3{x, y, z};
                run_block(n);
            }
    g.body = nullptr;
}

}  // namespace mdl_emu

/* ---- runtime API ---- */

cudaError_t cudaMalloc(void** p, size_t bytes)
{
    *p = nullptr;
    void* q = nullptr;
    if (posix_memalign(&q, 256, bytes ? bytes : 1) != 0) return g.last_error = cudaErrorMemoryAllocation;
    *p = q;
    return cudaSuccess;
}
cudaError_t cudaFree(void* p) { free(p); return cudaSuccess; }
cudaError_t cudaMemset(void* p, int value, size_t bytes) { memset(p, value, bytes); return cudaSuccess; }
cudaError_t cudaMemcpy(void* dst, const void* src, size_t bytes, cudaMemcpyKind)
{
    if (bytes) memmove(dst, src, bytes);
    return cudaSuccess;
}
cudaError_t cudaMemcpyAsync(void* dst, const void* src, size_t bytes, cudaMemcpyKind kind, cudaStream_t)
{
    return cudaMemcpy(dst, src, bytes, kind);
}
cudaError_t cudaGetLastError(void)
{
    cudaError_t e = g.last_error;
    g.last_error = cudaSuccess;
    return e;
}
const char* cudaGetErrorString(cudaError_t err)
{
    switch (err) {
    case cudaSuccess: return "no error";
    case cudaErrorInvalidValue: return "invalid argument";
    case cudaErrorMemoryAllocation: return "out of memory";
    case cudaErrorInvalidConfiguration: return "invalid configuration argument";
    case cudaErrorNoDevice: return "no CUDA-capable device is detected";
    default: return "unknown error";
    }
}
const char* cudaGetErrorName(cudaError_t err)
{
    switch (err) {
    case cudaSuccess: return "cudaSuccess";
    case cudaErrorInvalidValue: return "cudaErrorInvalidValue";
    case cudaErrorMemoryAllocation: return "cudaErrorMemoryAllocation";
    case cudaErrorInvalidConfiguration: return "cudaErrorInvalidConfiguration";
    case cudaErrorNoDevice: return "cudaErrorNoDevice";
    default: return "cudaErrorUnknown";
    }
}
cudaError_t cudaGetDevice(int* device) { *device = 0; return cudaSuccess; }
cudaError_t cudaGetDeviceCount(int* count) { *count = 1; return cudaSuccess; }
cudaError_t cudaGetDeviceProperties(cudaDeviceProp* prop, int)
{
    memset(prop, 0, sizeof *prop);
    snprintf(prop->name, sizeof prop->name, "CUDA emulator (CPU fibers)");
    prop->totalGlobalMem = (size_t)8 << 30;
    prop->major = 9;
    prop->minor = 0;
    prop->multiProcessorCount = emu_sms();
    return cudaSuccess;
}
cudaError_t cudaDeviceGetAttribute(int* value, cudaDeviceAttr attr, int)
{
    if (attr != cudaDevAttrMultiProcessorCount) return g.last_error = cudaErrorInvalidValue;
    *value = emu_sms(); /* few "SMs" by default: grid-stride kernels get small grids, which keeps the emulation fast */
    return cudaSuccess;
}
cudaError_t cudaDeviceSynchronize(void) { return cudaSuccess; }
