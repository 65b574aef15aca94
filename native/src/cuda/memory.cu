/*
 * memory.cu — buffers of the CUDA build live in device memory.
 *
 *   mdl_alloc            cudaMalloc (256-byte aligned, more than the 64 the ABI promises)
 *                        + cudaMemset 0.  bytes == 0 gives NULL.
 *   mdl_free             cudaFree; NULL is ignored.
 *   mdl_copy_to_device   host -> device (cudaMemcpy: ordered after every earlier launch).
 *   mdl_copy_to_host     device -> host; cudaMemcpy waits for the kernels that produce `src`,
 *                        so the host can read host_dst as soon as the call returns.
 *   mdl_copy_device      device -> device, ordered on the stream like a kernel.
 *   mdl_copy_rows_to_device  the batch gather: rows picked and rounded on the host, one copy.
 *   mdl_gather_rows      the batch gather from a data set already on the device: the indices are
 *                        copied up, then one thread per element picks dst[r, j] = src[rows[r], j].
 *
 * (api.c checks the arguments and handles bytes == 0, NULL buffers and dst == src.)
 * What each function means on the CPU build:
 *   alloc: p = aligned_alloc(64, bytes); memset(p, 0, bytes)      free: free(p)
 *   every copy: memcpy(dst, src, bytes); the gather writes the rows straight into dst
 */
#include <stdlib.h>
#include <string.h>

#include "common.cuh"

/* dst[r, j] = src[idx[r], j]: T is float or double, or any type of the element's size (a copy). */
template <typename T>
__global__ void gather_rows_kernel(int64_t rows,                 /* r in [0, rows) */
                                   int64_t cols,                 /* j in [0, cols) */
                                   const T* __restrict__ src,    /* [src_rows, cols] */
                                   const int32_t* __restrict__ idx, /* [rows], each < src_rows */
                                   T* __restrict__ dst)          /* [rows, cols] */
{
    int64_t n = rows * cols;
    for (int64_t i = global_thread_index(); i < n; i += grid_stride()) {
        int64_t r = i / cols, j = i - r * cols;
        dst[i] = src[(int64_t)idx[r] * cols + j];
    }
}

extern "C" {

mdl_status mdl_impl_alloc(size_t bytes, void** out)
{
    void* p = 0;
    MDL_CUDA_TRY(cudaMalloc(&p, bytes), "mdl_alloc", "bytes=%zu", bytes);
    cudaError_t err = cudaMemset(p, 0, bytes);
    if (err != cudaSuccess) {
        cudaFree(p);
        return mdl_cuda_error(err, "mdl_alloc", "cudaMemset(p, 0, bytes)", "bytes=%zu", bytes);
    }
    *out = p;
    return MDL_OK;
}

mdl_status mdl_impl_free(void* buffer)
{
    MDL_CUDA_TRY(cudaFree(buffer), "mdl_free", "buffer=%p", buffer);
    return MDL_OK;
}

mdl_status mdl_impl_copy_to_device(void* dst, const void* host_src, size_t bytes)
{
    MDL_CUDA_TRY(cudaMemcpy(dst, host_src, bytes, cudaMemcpyHostToDevice), "mdl_copy_to_device",
                 "bytes=%zu", bytes);
    return MDL_OK;
}

/* The batch gather: rows converted on the host into a staging buffer, then one copy to the device.
 * The buffer is per thread and only grows, so a training step's gather allocates nothing after the
 * first batch (it lives until the thread ends, like the last-error message). */
mdl_status mdl_impl_copy_rows_to_device(mdl_dtype dt, int64_t rows, int64_t cols, const double* host_src,
                                        const int32_t* host_rows, void* dst)
{
    static thread_local void* staging = NULL;
    static thread_local size_t capacity = 0;
    size_t size = dt == MDL_F32 ? sizeof(float) : sizeof(double);
    size_t bytes = (size_t)rows * (size_t)cols * size;
    if (bytes > capacity) {
        void* grown = realloc(staging, bytes);
        if (!grown)
            return mdl_fail(MDL_ERR_OUT_OF_MEMORY, "mdl_copy_rows_to_device: cannot allocate %zu bytes of host staging",
                            bytes);
        staging = grown;
        capacity = bytes;
    }
    mdl_host_gather_rows(dt, rows, cols, host_src, host_rows, staging);
    cudaError_t e = cudaMemcpy(dst, staging, bytes, cudaMemcpyHostToDevice);
    if (e != cudaSuccess)
        return mdl_cuda_error(e, "mdl_copy_rows_to_device", "cudaMemcpy(dst, staging, ...)", "rows=%lld cols=%lld",
                              (long long)rows, (long long)cols);
    return MDL_OK;
}

mdl_status mdl_impl_gather_rows(mdl_dtype dt, int64_t rows, int64_t cols, const void* src, const int32_t* host_rows,
                                void* dst)
{
    static const char fn[] = "mdl_gather_rows";
    MdlScratch scratch; /* held until the kernel is queued; later users of the scratch run after it on the stream */
    void* idx = 0;
    mdl_status st = scratch.get((size_t)rows * sizeof(int32_t), &idx, fn);
    if (st != MDL_OK) return st;
    MDL_CUDA_TRY(cudaMemcpy(idx, host_rows, (size_t)rows * sizeof(int32_t), cudaMemcpyHostToDevice), fn, "rows=%lld",
                 (long long)rows);
    unsigned int grid = mdl_grid_for(rows * cols, 256);
    if (dt == MDL_F32)
        gather_rows_kernel<float><<<grid, 256>>>(rows, cols, (const float*)src, (const int32_t*)idx, (float*)dst);
    else
        gather_rows_kernel<double><<<grid, 256>>>(rows, cols, (const double*)src, (const int32_t*)idx, (double*)dst);
    MDL_CUDA_LAUNCHED(fn, "rows=%lld cols=%lld", (long long)rows, (long long)cols);
    return MDL_OK;
}

mdl_status mdl_impl_copy_to_host(void* host_dst, const void* src, size_t bytes)
{
    MDL_CUDA_TRY(cudaMemcpy(host_dst, src, bytes, cudaMemcpyDeviceToHost), "mdl_copy_to_host",
                 "bytes=%zu", bytes);
    return MDL_OK;
}

mdl_status mdl_impl_copy_device(void* dst, const void* src, size_t bytes)
{
    MDL_CUDA_TRY(cudaMemcpyAsync(dst, src, bytes, cudaMemcpyDeviceToDevice, 0), "mdl_copy_device",
                 "bytes=%zu", bytes);
    return MDL_OK;
}

} /* extern "C" */
