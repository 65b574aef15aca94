/*
 * peer_cublas.cu — cuBLAS as the bench's peer for the CUDA build (device buffers).
 *
 * cuBLAS is column-major; MiniDL is row-major. A row-major m x n matrix is the column-major
 * n x m matrix of the same memory, i.e. its transpose. So the row-major product
 *   C = op(A) op(B)                      (C: m x n)
 * is, read column-major, C^T = op(B)^T op(A)^T: call cuBLAS with the operands swapped (B first),
 * dimensions (n, m, k) and the same transpose flags. Leading dimensions are the row lengths as
 * stored: A is m x k (lda = k) or k x m (lda = m), B is k x n (ldb = n) or n x k (ldb = k).
 *
 * Math mode: CUBLAS_DEFAULT_MATH — for FP32 that is plain FP32 FMAs (no TF32 tensor cores,
 * which would need CUBLAS_TF32_TENSOR_OP_MATH), the same arithmetic as MiniDL's kernels.
 * The handle uses the legacy default stream, like the library, so the work is ordered with it.
 */
#include <cublas_v2.h>
#include <cuda_runtime.h>

#include "peer.h"

static cublasHandle_t g_handle = 0;

static int peer_handle(cublasHandle_t* out)
{
    if (!g_handle) {
        if (cublasCreate(&g_handle) != CUBLAS_STATUS_SUCCESS) {
            g_handle = 0;
            return 1;
        }
        if (cublasSetMathMode(g_handle, CUBLAS_DEFAULT_MATH) != CUBLAS_STATUS_SUCCESS) return 1;
    }
    *out = g_handle;
    return 0;
}

extern "C" {

const char* mdl_peer_name(void) { return "cuBLAS"; }

int mdl_peer_gemm(mdl_dtype dt, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, double alpha,
                  const void* a, const void* b, double beta, void* c)
{
    if (m < 0 || n < 0 || k < 0 || m > 2147483647LL || n > 2147483647LL || k > 2147483647LL) return 1;
    if (m == 0 || n == 0) return 0;
    cublasHandle_t h;
    if (peer_handle(&h)) return 1;
    const cublasOperation_t op_b = trans_b ? CUBLAS_OP_T : CUBLAS_OP_N;
    const cublasOperation_t op_a = trans_a ? CUBLAS_OP_T : CUBLAS_OP_N;
    int lda = (int)(trans_a ? m : k), ldb = (int)(trans_b ? k : n), ldc = (int)n;
    if (lda < 1) lda = 1;
    if (ldb < 1) ldb = 1;
    if (ldc < 1) ldc = 1;
    cublasStatus_t st;
    if (dt == MDL_F32) {
        const float al = (float)alpha, be = (float)beta;
        st = cublasSgemm(h, op_b, op_a, (int)n, (int)m, (int)k, &al, (const float*)b, ldb, (const float*)a, lda, &be,
                         (float*)c, ldc);
    } else if (dt == MDL_F64) {
        st = cublasDgemm(h, op_b, op_a, (int)n, (int)m, (int)k, &alpha, (const double*)b, ldb, (const double*)a, lda,
                         &beta, (double*)c, ldc);
    } else {
        return 1;
    }
    return st == CUBLAS_STATUS_SUCCESS ? 0 : 1;
}

int mdl_peer_synchronize(void) { return cudaDeviceSynchronize() == cudaSuccess ? 0 : 1; }

} /* extern "C" */
