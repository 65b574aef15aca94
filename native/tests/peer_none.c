/* peer_none.c — no peer library: the bench prints "no peer". */
#include "peer.h"

const char* mdl_peer_name(void) { return 0; }

int mdl_peer_gemm(mdl_dtype dt, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, double alpha,
                  const void* a, const void* b, double beta, void* c)
{
    (void)dt; (void)trans_a; (void)trans_b; (void)m; (void)n; (void)k; (void)alpha; (void)a; (void)b;
    (void)beta; (void)c;
    return 1;
}

int mdl_peer_synchronize(void) { return 0; }
