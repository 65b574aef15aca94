/*
 * emu.cpp — the scheduler and runtime API behind cuda_runtime.h (see there for the model).
 *
 * A block's threads are fibers, each with a stack of its own. In a round every runnable fiber runs
 * in turn, in thread order, until it returns, reaches __syncthreads() or posts a value to a warp
 * shuffle; then it switches to the next runnable fiber (the last one back to the scheduler, on the
 * launching thread). With MINIDL_EMU_ORDER=reverse or shuffle a round runs one warp's fibers only,
 * in that order (plan_round). After each round:
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

/* MINIDL_EMU_ORDER: the order in which a round runs a block's threads and a grid runs its blocks
 * (see cuda_runtime.h): forward (the default), reverse, or shuffle[:SEED] (a new permutation each
 * round and each launch, from SEED, default 1). A value it does not know stops the process: a race
 * check that silently ran in thread order would pass for the wrong reason. */
enum Order { ORDER_FORWARD, ORDER_REVERSE, ORDER_SHUFFLE };
struct OrderSetting { Order order; unsigned long long seed; char text[64]; };

static const OrderSetting& emu_order()
{
    static OrderSetting o = [] {
        OrderSetting r{ORDER_FORWARD, 1, "forward"};
        const char* s = getenv("MINIDL_EMU_ORDER");
        if (!s || !*s || strcmp(s, "forward") == 0) return r;
        bool ok = true;
        if (strcmp(s, "reverse") == 0) r.order = ORDER_REVERSE;
        else if (strncmp(s, "shuffle", 7) == 0 && (s[7] == 0 || s[7] == ':')) {
            r.order = ORDER_SHUFFLE;
            if (s[7] == ':') {
                char* end = nullptr;
                r.seed = strtoull(s + 8, &end, 10);
                ok = end != s + 8 && *end == 0;
            }
        } else ok = false;
        if (!ok) {
            fprintf(stderr, "cuda_emu: MINIDL_EMU_ORDER=%s: not an order (forward, reverse, shuffle or shuffle:SEED, "
                            "SEED a whole number)\n", s);
            abort();
        }
        if (r.order == ORDER_REVERSE) snprintf(r.text, sizeof r.text, "reverse");
        else snprintf(r.text, sizeof r.text, "shuffle:%llu", r.seed);
        return r;
    }();
    return o;
}

/* splitmix64: the shuffles' random numbers (one state per launch, so a run is reproducible) */
static unsigned long long next_random(unsigned long long& state)
{
    unsigned long long z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* order[0..n) = first .. first + n - 1 in the setting's order (Fisher-Yates for shuffle) */
static void fill_order(int* order, int n, int first, unsigned long long& state)
{
    const Order o = emu_order().order;
    for (int i = 0; i < n; ++i) order[i] = first + (o == ORDER_REVERSE ? n - 1 - i : i);
    if (o == ORDER_SHUFFLE)
        for (int i = n - 1; i > 0; --i) {
            int j = (int)(next_random(state) % (unsigned long long)(i + 1));
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
}

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
    int live = 0, at_barrier = 0, runnable = 0; /* its threads' states (count_warp) */
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
    std::vector<int> order; /* this round's order: order[p] is the fiber that runs p-th (MINIDL_EMU_ORDER) */
    int order_len = 0;      /* how many fibers this round may run: all (forward) or one warp's lanes */
    int pos = -1;           /* the running fiber's place in it; -1: the scheduler */
    unsigned long long random_state = 0; /* shuffle's, reset at each launch */
    unsigned long long launches = 0;
    void (*body)(void*) = nullptr;
    void* ctx = nullptr;
    cudaError_t last_error = cudaSuccess;
    const char* kernel = "?"; /* the running launch, for the reports */
    const char* launch_file = "?";
    int launch_line = 0;
};

Scheduler g;

/* For the reports: which order ran (a failure under MINIDL_EMU_ORDER is reproduced with the same value). */
void print_order()
{
    if (emu_order().order != ORDER_FORWARD)
        fprintf(stderr, "  (threads and blocks run in MINIDL_EMU_ORDER=%s order, launch %llu)\n", emu_order().text,
                g.launches);
}

void fail(const char* what)
{
    fprintf(stderr, "cuda_emu: %s\n  kernel %s (launched at %s:%d), block (%u,%u,%u), thread (%u,%u,%u)\n", what,
            g.kernel, g.launch_file, g.launch_line, blockIdx.x, blockIdx.y, blockIdx.z, threadIdx.x, threadIdx.y,
            threadIdx.z);
    print_order();
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
    print_order();
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

/* A round: the scheduler runs the first runnable fiber of g.order, each fiber that stops runs the
 * next runnable one after it, the last goes back to the scheduler (one switch per fiber, not two).
 * Returns when `from` is resumed. */
void run_next(Context& from)
{
    for (int p = g.pos + 1; p < g.order_len; ++p) {
        const int i = g.order[p];
        if (g.fibers[i].state == RUNNABLE) {
            g.pos = p;
            g.current = i;
            threadIdx = g.fibers[i].tid;
            jump(from, g.fibers[i].ctx);
            return;
        }
    }
    g.pos = -1;
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

/* Warp w's counts (threads not returned, waiting at the barrier, runnable), after its fibers moved. */
void count_warp(int w, int n)
{
    int live = 0, barrier = 0, runnable = 0;
    for (int i = w * 32; i < n && i < w * 32 + 32; ++i) {
        live += g.fibers[i].state != DONE;
        barrier += g.fibers[i].state == AT_BARRIER;
        runnable += g.fibers[i].state == RUNNABLE;
    }
    g.warps[w].live = live;
    g.warps[w].at_barrier = barrier;
    g.warps[w].runnable = runnable;
}

/* The rounds' order (MINIDL_EMU_ORDER). forward: every runnable fiber in index order, so all warps
 * advance together, one shuffle step per round. reverse and shuffle: one warp per round, the
 * highest-numbered warp with a runnable thread (reverse, its lanes last to first) or one at random
 * (shuffle, its lanes in a random order). That warp then runs through its shuffles, round after
 * round, while the others wait: warps drift apart between barriers as they may on a GPU, so one can
 * overwrite shared memory that another has not read yet (forward's lockstep hides that). Returns
 * the warp, or -1 for all. */
int plan_round(int n, int nwarps)
{
    const Order o = emu_order().order;
    if (o == ORDER_FORWARD) {
        g.order_len = n; /* g.order is 0 .. n - 1 (run_block) */
        return -1;
    }
    int candidates[kMaxThreads / 32], count = 0;
    for (int w = 0; w < nwarps; ++w)
        if (g.warps[w].runnable > 0) candidates[count++] = w;
    const int w = o == ORDER_REVERSE ? candidates[count - 1]
                                     : candidates[next_random(g.random_state) % (unsigned long long)count];
    const int lo = w * 32, lanes = (lo + 32 < n ? lo + 32 : n) - lo;
    fill_order(g.order.data(), lanes, lo, g.random_state);
    g.order_len = lanes;
    return w;
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
    for (int w = 0; w < nwarps; ++w) {
        g.warps[w].gen = 0;
        count_warp(w, n);
    }
    g.order.resize(n);
    for (int i = 0; i < n; ++i) g.order[i] = i; /* forward's order; the others rewrite it each round */
    for (;;) {
        bool ran = false;
        for (int w = 0; w < nwarps && !ran; ++w) ran = g.warps[w].runnable > 0;
        int first = 0, last = nwarps; /* the warps whose fibers this round moved */
        if (ran) {
            const int w = plan_round(n, nwarps);
            if (w >= 0) first = w, last = w + 1;
            g.pos = -1;
            g.current = -1;
            run_next(g.main);
            for (int v = first; v < last; ++v) count_warp(v, n);
        }
        int live = 0, at_barrier = 0;
        for (int w = 0; w < nwarps; ++w) {
            live += g.warps[w].live;
            at_barrier += g.warps[w].at_barrier;
        }
        if (live == 0) return;
        bool released = false;
        for (int w = first; w < last; ++w) { /* warp shuffles (a warp that did not run cannot complete one) */
            int lo = w * 32, hi = lo + 32 < n ? lo + 32 : n, posted = 0;
            for (int i = lo; i < hi; ++i)
                posted += g.fibers[i].state == AT_SHUFFLE && g.fibers[i].shuffle_gen == g.warps[w].gen;
            if (posted > 0 && posted == g.warps[w].live) {
                if (g.warps[w].live != hi - lo) {
                    threadIdx = g.fibers[lo].tid;
                    fail("warp shuffle with lanes that have returned (their values are undefined)");
                }
                for (int i = lo; i < hi; ++i) g.fibers[i].state = RUNNABLE;
                ++g.warps[w].gen;
                count_warp(w, n);
                released = true;
            }
        }
        if (!released && at_barrier == live) { /* the block barrier */
            check_barrier(n);
            for (int i = 0; i < n; ++i)
                if (g.fibers[i].state == AT_BARRIER) g.fibers[i].state = RUNNABLE;
            for (int w = 0; w < nwarps; ++w) count_warp(w, n);
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
    ++g.launches;
    g.random_state = emu_order().seed * 0x100000001B3ull + g.launches; /* each launch its own, reproducible */
    const unsigned long long blocks = (unsigned long long)grid.x * grid.y * grid.z;
    const Order o = emu_order().order;
    /* shuffle permutes the blocks of grids up to 2^22 blocks (4M); larger ones run in reverse */
    std::vector<int> block_order;
    if (o == ORDER_SHUFFLE && blocks <= (1ull << 22)) {
        block_order.resize(blocks);
        fill_order(block_order.data(), (int)blocks, 0, g.random_state);
    }
    for (unsigned long long b = 0; b < blocks; ++b) {
        unsigned long long lin = !block_order.empty() ? (unsigned long long)block_order[b]
                                 : o == ORDER_FORWARD  ? b
                                                       : blocks - 1 - b;
        blockIdx = uint3{(unsigned)(lin % grid.x), (unsigned)(lin / grid.x % grid.y), (unsigned)(lin / grid.x / grid.y)};
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
    if (emu_order().order == ORDER_FORWARD) snprintf(prop->name, sizeof prop->name, "CUDA emulator (CPU fibers)");
    else snprintf(prop->name, sizeof prop->name, "CUDA emulator (CPU fibers, %s order)", emu_order().text);
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
