/*
 * peer.h — the "peer" library the harness's bench compares MiniDL against.
 *
 * One implementation is linked into each harness (see cmake/MiniDLHarness.cmake):
 *   peer_openblas.c  OpenBLAS cblas_sgemm / cblas_dgemm on host buffers (CPU build)
 *   peer_cublas.cu   cuBLAS on device buffers (CUDA build)
 *   peer_none.c      no peer: mdl_peer_name() returns NULL and the bench prints "no peer"
 */
#ifndef MDL_PEER_H
#define MDL_PEER_H

#include <stdint.h>

#include "minidl.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A short name such as "OpenBLAS" or "cuBLAS", or NULL when there is no peer. */
const char* mdl_peer_name(void);

/* Same contract as mdl_gemm (row-major, dense, C = alpha op(A) op(B) + beta C) on the
 * library's own buffers (host memory for the CPU build, device memory for CUDA).
 * Returns 0 on success, non-zero when the peer cannot do it. */
int mdl_peer_gemm(mdl_dtype dt, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, double alpha,
                  const void* a, const void* b, double beta, void* c);

/* Waits until the peer's work has finished (no-op on the CPU). Returns 0 on success. */
int mdl_peer_synchronize(void);

#ifdef __cplusplus
}
#endif

#endif /* MDL_PEER_H */
