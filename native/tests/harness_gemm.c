/*
 * harness_gemm.c — gemm, every transpose flag, thin and MLP-sized shapes.
 * (native/src/cuda/gemm.cu on the CUDA build.) Each check compares with the float64
 * reference of reference.c; see harness_main.c for the rules every check follows.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness_util.h"
#include "minidl.h"
#include "reference.h"

/* C = alpha op(A) op(B) + beta C against ref_gemm. */
static void gemm_case(mdl_dtype dt, int ta, int tb, int64_t m, int64_t n, int64_t k, double alpha, double beta)
{
    char what[200];
    double* a = host_random(dt, m * k, -1, 1);  /* stored m x k or k x m */
    double* b = host_random(dt, k * n, -1, 1);  /* stored k x n or n x k */
    double* c0 = host_random(dt, m * n, -1, 1);
    double* ref = host_alloc(m * n);
    memcpy(ref, c0, sizeof(double) * (size_t)(m * n));
    ref_gemm(ta, tb, m, n, k, alpha, a, b, beta, ref);
    hbuf ha = hb_new(dt, m * k, a), hb = hb_new(dt, k * n, b), hc = hb_new(dt, m * n, beta == 0 ? NULL : c0);
    snprintf(what, sizeof what, "mdl_gemm %s %c%c m=%lld n=%lld k=%lld alpha=%g beta=%g", dt_name(dt), ta ? 'T' : 'N',
             tb ? 'T' : 'N', (long long)m, (long long)n, (long long)k, alpha, beta);
    if (check_ok(what, mdl_gemm(dt, ta, tb, m, n, k, alpha, ha.p, hb.p, beta, hc.p)))
        finish(what, &hc, ref, scaled(tol_for(dt), 4.0 * (double)k));
    hb_free(&ha); hb_free(&hb); hb_free(&hc);
    free(a); free(b); free(c0); free(ref);
}

void test_gemm(mdl_dtype dt)
{
    typedef struct { int64_t m, n, k; } mnk;
    static const mnk cases[] = {
        {0, 5, 3}, {5, 0, 3}, {4, 5, 0}, {1, 1, 1}, {17, 33, 1}, {33, 17, 17}, {17, 1023, 33},
        {1023, 17, 33}, {33, 17, 1023}, {128, 256, 784}, {128, 10, 256}, {1029, 917, 33}, {1029, 917, 1029}};
    static const double ab[3][2] = {{1.0, 0.0}, {1.5, -0.5}, {-0.75, 1.0}};
    int ncases = (int)(sizeof cases / sizeof cases[0]);
    for (int c = 0; c < ncases; ++c) {
        if (g_quick && cases[c].m * cases[c].n * cases[c].k > 50000000) continue;
        for (int t = 0; t < 4; ++t) {
            int w = (c + t) % 3;
            gemm_case(dt, t >> 1, t & 1, cases[c].m, cases[c].n, cases[c].k, ab[w][0], ab[w][1]);
        }
    }
    /* thin products (the direct path when n, m or k <= 16: AVX-512, AVX2 and NEON): the MLP's 10-wide shapes,
     * sizes around the threshold, 1-wide, multi-threaded ones (m n k >= 2^20), all trans flags */
    static const mnk thin[] = {
        {128, 10, 256}, {256, 10, 128}, {10, 256, 128}, {128, 256, 1}, {15, 300, 40}, {16, 300, 40},
        {17, 300, 40}, {300, 15, 40}, {300, 16, 40}, {300, 17, 40}, {200, 200, 15}, {200, 200, 16},
        {200, 200, 17}, {1, 1000, 70}, {1000, 1, 70}, {13, 7, 1029}, {2000, 9, 600}, {9, 2000, 600},
        {2000, 2000, 3}, {25, 8, 3}, {12, 9, 5}};
    for (int c = 0; c < (int)(sizeof thin / sizeof thin[0]); ++c)
        for (int t = 0; t < 4; ++t) {
            int w = (c + t) % 3;
            gemm_case(dt, t >> 1, t & 1, thin[c].m, thin[c].n, thin[c].k, ab[w][0], ab[w][1]);
        }
    /* the MLP's backward products: Xt dY (784x128)(128x256) and dY Wt (128x10)(10x256) */
    gemm_case(dt, 1, 0, 784, 256, 128, 1.0, 0.0);
    gemm_case(dt, 0, 1, 128, 256, 10, 1.0, 1.0);
    /* alpha == 0: C = beta C, A and B not needed */
    gemm_case(dt, 0, 0, 17, 33, 5, 0.0, -2.0);
}
