/*
 * broken_kernels.cu — the classic barrier bugs, on purpose, to show what the emulator reports
 * (CTest: minidl_cuda_emu_catches_*; the porting guide, native/src/cuda/README.md, prints them).
 *
 *   minidl_cuda_emu_broken divergent   __syncthreads() inside `if (tid < stride)`
 *   minidl_cuda_emu_broken early_exit  `if (i >= n) return;` before a __syncthreads()
 *   minidl_cuda_emu_broken two_lines   a __syncthreads() in each branch of `if (tid % 2 == 0)`
 *   minidl_cuda_emu_broken same_line   a __syncthreads() in a helper called from both sides of a
 *                                      branch, and one skipped in different loop iterations by
 *                                      different threads: NOT caught (the emulator's limit; exit 0
 *                                      while so)
 *   minidl_cuda_emu_broken stack_overflow  an 80 KB local array, past the emulator's 64 KB thread
 *                                      stack: a segmentation fault (the guard page), exit 0 when so
 *   minidl_cuda_emu_broken fixed       the correct reduction: prints the sum, exit 0
 *   minidl_cuda_emu_broken race        a data race: no __syncthreads() between writing shared
 *                                      memory and reading a neighbour's element. Right when the
 *                                      threads run in index order (the emulator's default), wrong
 *                                      with MINIDL_EMU_ORDER=reverse or shuffle: prints how many
 *                                      outputs are wrong (CTest runs it in each order)
 *   minidl_cuda_emu_broken race_fixed  the same kernel with the barrier: right in every order
 *
 * Each broken kernel runs in a child process (the emulator aborts on barrier misuse); the parent
 * exits 0 when the child was stopped by the emulator (SIGABRT), 1 when the bug went unseen
 * (same_line the other way round).
 * Compiled only for the emulator (plain C++ with native/tests/cuda_emu/cuda_runtime.h); the same
 * source would compile with nvcc.
 */
#include <cuda_runtime.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define THREADS 256

/* BUG 1: the barrier inside the branch. Threads with tid >= stride skip it and go on to the next
 * step (or return) while the others wait: on a GPU a hang or a read of partial sums. */
__global__ void reduce_divergent(int n, const float* x, float* out)
{
    __shared__ float s[THREADS];
    const int tid = threadIdx.x;
    s[tid] = tid < n ? x[tid] : 0.0f;
    __syncthreads();
    for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
        if (tid < stride) {
            s[tid] += s[tid + stride];
            __syncthreads(); /* WRONG: only the threads with tid < stride get here */
        }
    }
    if (tid == 0) out[blockIdx.x] = s[0];
}

/* BUG 2: an early return before the barrier: the last block's threads past n leave while the
 * others wait at __syncthreads(). */
__global__ void reduce_early_exit(int n, const float* x, float* out)
{
    __shared__ float s[THREADS];
    const int tid = threadIdx.x, i = blockIdx.x * blockDim.x + tid;
    if (i >= n) return; /* WRONG: these threads never reach the __syncthreads() below */
    s[tid] = x[i];
    __syncthreads();
    for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
        if (tid < stride && i + stride < n) s[tid] += s[tid + stride];
        __syncthreads();
    }
    if (tid == 0) out[blockIdx.x] = s[0];
}

/* The correct tree sum of s[] (reduce_fixed below), for the kernels whose bug comes before it. Every
 * thread of the block calls it once, from one place. */
__device__ void tree_sum(float* s, int tid, float* out)
{
    for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
        if (tid < stride) s[tid] += s[tid + stride];
        __syncthreads();
    }
    if (tid == 0) out[blockIdx.x] = s[0];
}

/* BUG 3: a barrier in each branch. The even threads wait at one __syncthreads(), the odd ones at
 * another: CUDA allows a __syncthreads() in a branch only when the whole block takes the branch. */
__global__ void reduce_two_barriers(int n, const float* x, float* out)
{
    __shared__ float s[THREADS];
    const int tid = threadIdx.x;
    if (tid % 2 == 0) {
        s[tid] = tid < n ? x[tid] : 0.0f;
        __syncthreads(); /* WRONG: the even threads wait here, */
    } else {
        s[tid] = tid < n ? x[tid] : 0.0f;
        __syncthreads(); /* ... the odd ones here */
    }
    tree_sum(s, tid, out); /* correct */
}

/* The fix of all three: every thread reaches every __syncthreads(); the bound goes into the load. */
__global__ void reduce_fixed(int n, const float* x, float* out)
{
    __shared__ float s[THREADS];
    const int tid = threadIdx.x, i = blockIdx.x * blockDim.x + tid;
    s[tid] = i < n ? x[i] : 0.0f;
    __syncthreads();
    for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
        if (tid < stride) s[tid] += s[tid + stride];
        __syncthreads(); /* outside the branch: every thread */
    }
    if (tid == 0) out[blockIdx.x] = s[0];
}

/* NOT CAUGHT, a limit of the emulator: it tells barriers apart by their source line. Here BUG 3
 * again, with the barrier in a helper: the even and the odd threads wait at two different
 * __syncthreads() calls on a GPU (the two calls of the helper), but at the same line, the same
 * number of times, so the emulator releases them together and the kernel runs to the end. (CUDA: a __syncthreads() in divergent code is
 * undefined; compute-sanitizer --tool synccheck on a GPU.) */
__device__ void store_and_sync(float* s, int tid, float v)
{
    s[tid] = v;
    __syncthreads(); /* one line, reached from both branches below */
}

__global__ void reduce_same_line(int n, const float* x, float* out)
{
    __shared__ float s[THREADS];
    const int tid = threadIdx.x;
    if (tid % 2 == 0) store_and_sync(s, tid, tid < n ? x[tid] : 0.0f); /* WRONG: a barrier per branch */
    else store_and_sync(s, tid, tid < n ? x[tid] : 0.0f);
    tree_sum(s, tid, out); /* correct */
}

/* NOT CAUGHT either, for the same reason: one line, and the threads meet there in different
 * iterations (the even threads skip the barrier in step 0, the odd ones in step 2; each waits
 * twice). */
__global__ void reduce_shifted_iterations(int n, const float* x, float* out)
{
    __shared__ float s[THREADS];
    const int tid = threadIdx.x;
    s[tid] = tid < n ? x[tid] : 0.0f;
    for (int step = 0; step < 3; ++step) {
        if (step == (tid % 2 ? 2 : 0)) continue; /* WRONG: a barrier skipped by half the block */
        __syncthreads();
    }
    tree_sum(s, tid, out); /* correct */
}

/* Not a barrier bug: a local array larger than the emulator's 64 KB thread stack (a GPU thread
 * would spill it to local memory). The guard page below the stack stops it: a segmentation fault,
 * not a silent write into the next thread's stack. */
__global__ void big_local_array(int n, const float* x, float* out)
{
    volatile float a[20000]; /* 80 KB */
    for (int i = 0; i < 20000; ++i) a[i] = x[(threadIdx.x + i) % n];
    if (threadIdx.x == 0) out[blockIdx.x] = a[0] + a[19999];
}

/* BUG 4: a data race, no barrier misuse. y[i] = x[i] + x[i-1] inside a block, through shared
 * memory: thread tid writes s[tid] and reads s[tid - 1], which thread tid - 1 writes. Nothing
 * orders the two, so on a GPU the read may see the old contents (compute-sanitizer --tool
 * racecheck reports the hazard). The emulator runs a thread until its next barrier: in index order
 * thread tid - 1 has always written first and the bug hides; MINIDL_EMU_ORDER=reverse or shuffle
 * runs the reader first and the output is wrong. */
__global__ void neighbour_sum_race(int n, const float* x, float* y)
{
    __shared__ float s[THREADS];
    const int tid = threadIdx.x, i = blockIdx.x * blockDim.x + tid;
    s[tid] = i < n ? x[i] : 0.0f;
    /* WRONG: no __syncthreads() here */
    if (i < n) y[i] = s[tid] + (tid > 0 ? s[tid - 1] : 0.0f);
}

/* The fix: every thread has written its element before any thread reads a neighbour's. */
__global__ void neighbour_sum_fixed(int n, const float* x, float* y)
{
    __shared__ float s[THREADS];
    const int tid = threadIdx.x, i = blockIdx.x * blockDim.x + tid;
    s[tid] = i < n ? x[i] : 0.0f;
    __syncthreads();
    if (i < n) y[i] = s[tid] + (tid > 0 ? s[tid - 1] : 0.0f);
}

/* race / race_fixed: y against the host's answer; prints how many elements are wrong. Exit 0 either
 * way: whether the race must show depends on MINIDL_EMU_ORDER, which CTest's regex checks. */
static int run_race(const char* mode)
{
    const int n = 1000, blocks = (n + THREADS - 1) / THREADS;
    static float host[1000], got[1000];
    for (int i = 0; i < n; ++i) host[i] = (float)(i % 7 + 1);
    float *x = 0, *y = 0;
    cudaMalloc((void**)&x, sizeof host);
    cudaMalloc((void**)&y, sizeof got);
    cudaMemcpy(x, host, sizeof host, cudaMemcpyHostToDevice);
    if (strcmp(mode, "race") == 0) neighbour_sum_race<<<blocks, THREADS>>>(n, x, y);
    else neighbour_sum_fixed<<<blocks, THREADS>>>(n, x, y);
    cudaMemcpy(got, y, sizeof got, cudaMemcpyDeviceToHost);
    /* y[i] = x[i] + x[i-1] within a block of THREADS */
    auto want = [&](int i) { return host[i] + (i % THREADS > 0 ? host[i - 1] : 0.0f); };
    int wrong = 0, first = -1;
    for (int i = 0; i < n; ++i)
        if (got[i] != want(i) && wrong++ == 0) first = i;
    const char* order = getenv("MINIDL_EMU_ORDER");
    if (wrong == 0) printf("%s: all %d outputs right (threads in %s order)\n", mode, n, order && *order ? order : "forward");
    else
        printf("%s: %d of %d outputs wrong (threads in %s order; first y[%d] = %g, want %g)\n", mode, wrong, n,
               order && *order ? order : "forward", first, got[first], want(first));
    cudaFree(x);
    cudaFree(y);
    return 0;
}

static int run(const char* mode)
{
    const int n = 1000, blocks = (n + THREADS - 1) / THREADS;
    float host[1000], sums[4] = {0, 0, 0, 0};
    for (int i = 0; i < n; ++i) host[i] = 1.0f;
    float *x = 0, *out = 0;
    cudaMalloc((void**)&x, sizeof host);
    cudaMalloc((void**)&out, sizeof sums);
    cudaMemcpy(x, host, sizeof host, cudaMemcpyHostToDevice);
    cudaMemcpy(out, sums, sizeof sums, cudaMemcpyHostToDevice);
    int want = n; /* the one-block kernels sum the first THREADS elements */
    if (strcmp(mode, "divergent") == 0) reduce_divergent<<<1, THREADS>>>(THREADS, x, out), want = THREADS;
    else if (strcmp(mode, "early_exit") == 0) reduce_early_exit<<<blocks, THREADS>>>(n, x, out);
    else if (strcmp(mode, "stack_overflow") == 0) big_local_array<<<1, 32>>>(n, x, out), want = 2;
    else if (strcmp(mode, "two_lines") == 0) reduce_two_barriers<<<1, THREADS>>>(THREADS, x, out), want = THREADS;
    else if (strcmp(mode, "same_line") == 0) {
        reduce_same_line<<<1, THREADS>>>(THREADS, x, out);
        reduce_shifted_iterations<<<1, THREADS>>>(THREADS, x, out);
        want = THREADS;
    } else reduce_fixed<<<blocks, THREADS>>>(n, x, out);
    cudaMemcpy(sums, out, sizeof sums, cudaMemcpyDeviceToHost);
    float total = 0;
    for (int b = 0; b < blocks; ++b) total += sums[b];
    printf("%s: sum of %d ones = %g\n", mode, want, total);
    cudaFree(x);
    cudaFree(out);
    return total == (float)want ? 0 : 1;
}

int main(int argc, char** argv)
{
    const char* mode = argc > 1 ? argv[1] : "";
    if (strcmp(mode, "fixed") == 0) return run(mode);
    if (strcmp(mode, "race") == 0 || strcmp(mode, "race_fixed") == 0) return run_race(mode);
    if (strcmp(mode, "divergent") != 0 && strcmp(mode, "early_exit") != 0 && strcmp(mode, "two_lines") != 0 &&
        strcmp(mode, "same_line") != 0 && strcmp(mode, "stack_overflow") != 0) {
        fprintf(stderr, "usage: %s divergent|early_exit|two_lines|same_line|stack_overflow|fixed|race|race_fixed\n", argv[0]);
        return 2;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit no_core = {0, 0};
        setrlimit(RLIMIT_CORE, &no_core); /* the abort is expected: no core file */
        const int rc = run(mode);
        fflush(stdout);
        _exit(rc);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    const int aborted = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
    if (strcmp(mode, "stack_overflow") == 0) {
        const int segv = WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
        printf("%s: %s\n", mode, segv ? "stopped by the stack's guard page (segmentation fault), as it should"
                                       : "NOT stopped by the guard page");
        return segv ? 0 : 1;
    }
    if (strcmp(mode, "same_line") == 0) { /* the limit: documented as not caught */
        if (aborted) {
            printf("%s: caught now: update the docs (native/src/cuda/README.md, docs/gpu-verification.md)\n", mode);
            return 1;
        }
        printf("%s: not caught by the emulator (a known limit: one source line, two barriers on a GPU)\n", mode);
        return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
    }
    if (aborted) {
        printf("%s: the emulator stopped the kernel (as it should)\n", mode);
        return 0;
    }
    printf("%s: NOT caught (exit status %d)\n", mode, status);
    return 1;
}
