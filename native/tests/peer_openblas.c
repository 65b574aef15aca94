/* peer_openblas.c — OpenBLAS as the bench's peer for the CPU build (host buffers). */
#include <cblas.h>

#include "peer.h"

const char* mdl_peer_name(void) { return "OpenBLAS"; }

int mdl_peer_gemm(mdl_dtype dt, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, double alpha,
                  const void* a, const void* b, double beta, void* c)
{
    enum CBLAS_TRANSPOSE ta = trans_a ? CblasTrans : CblasNoTrans;
    enum CBLAS_TRANSPOSE tb = trans_b ? CblasTrans : CblasNoTrans;
    /* Leading dimensions of the dense row-major matrices as stored. */
    blasint lda = (blasint)(trans_a ? m : k), ldb = (blasint)(trans_b ? k : n), ldc = (blasint)n;
    if (lda < 1) lda = 1;
    if (ldb < 1) ldb = 1;
    if (ldc < 1) ldc = 1;
    if (dt == MDL_F32)
        cblas_sgemm(CblasRowMajor, ta, tb, (blasint)m, (blasint)n, (blasint)k, (float)alpha, (const float*)a, lda,
                    (const float*)b, ldb, (float)beta, (float*)c, ldc);
    else if (dt == MDL_F64)
        cblas_dgemm(CblasRowMajor, ta, tb, (blasint)m, (blasint)n, (blasint)k, alpha, (const double*)a, lda,
                    (const double*)b, ldb, beta, (double*)c, ldc);
    else
        return 1;
    return 0;
}

int mdl_peer_synchronize(void) { return 0; }
