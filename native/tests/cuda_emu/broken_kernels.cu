/*
 * broken_kernels.cu — the two classic barrier bugs, on purpose, to show what the emulator reports
 * (CTest: minidl_cuda_emu_catches_*; the porting guide, native/src/cuda/README.md, prints them).
 *
 *   minidl_cuda_emu_broken divergent   __syncthreads() inside `if (tid < stride)`
 *   minidl_cuda_emu_broken early_exit  `if (i >= n) return;` before a __syncthreads()
 *   minidl_cuda_emu_broken fixed       the correct reduction: prints the sum, exit 0
 *
 * Each broken kernel runs in a child process (the emulator aborts on barrier misuse); the parent
 * exits 0 when the child was stopped by the emulator (SIGABRT), 1 when the bug went unseen.
 * Compiled only for the emulator (plain C++ with native/tests/cuda_emu/cuda_runtime.h); the same
 * source would compile with nvcc.
 */
#include <cuda_runtime.h>
#include <signal.h>
#include <stdio.h>
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

/* The fix of both: every thread reaches every __syncthreads(); the bound goes into the load. */
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

static int run(const char* mode)
{
    const int n = 1000, blocks = (n + THREADS - 1) / THREADS;
    float host[1000], sums[4] = {0, 0, 0, 0};
    for (int i = 0; i < n; ++i) host[i] = 1.0f;
    float *x = 0, *out = 0;
    cudaMalloc((void**)&x, sizeof host);
    cudaMalloc((void**)&out, sizeof sums);
    cudaMemcpy(x, host, sizeof host, cudaMemcpyHostToDevice);
    if (strcmp(mode, "divergent") == 0) reduce_divergent<<<1, THREADS>>>(THREADS, x, out);
    else if (strcmp(mode, "early_exit") == 0) reduce_early_exit<<<blocks, THREADS>>>(n, x, out);
    else reduce_fixed<<<blocks, THREADS>>>(n, x, out);
    cudaMemcpy(sums, out, sizeof sums, cudaMemcpyDeviceToHost);
    float total = 0;
    for (int b = 0; b < blocks; ++b) total += sums[b];
    printf("%s: sum of %d ones = %g\n", mode, n, total);
    cudaFree(x);
    cudaFree(out);
    return total == (float)n ? 0 : 1;
}

int main(int argc, char** argv)
{
    const char* mode = argc > 1 ? argv[1] : "";
    if (strcmp(mode, "fixed") == 0) return run(mode);
    if (strcmp(mode, "divergent") != 0 && strcmp(mode, "early_exit") != 0) {
        fprintf(stderr, "usage: %s divergent|early_exit|fixed\n", argv[0]);
        return 2;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit no_core = {0, 0};
        setrlimit(RLIMIT_CORE, &no_core); /* the abort is expected: no core file */
        _exit(run(mode));
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT) {
        printf("%s: the emulator stopped the kernel (as it should)\n", mode);
        return 0;
    }
    printf("%s: NOT caught (exit status %d)\n", mode, status);
    return 1;
}
