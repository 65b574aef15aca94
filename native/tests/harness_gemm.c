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

/* The same bits with 1, 2 and 3 threads: the CPU build computes products whose k is at least twice
 * m and n as two halves of k added in a fixed order (split-k, cpu_gemm.inc), the others by slabs
 * of C; neither may depend on the thread count (a training run and its eval, or two runs under the
 * adaptive thread count, must agree). Shapes: X W1 and a thinner one (split-k), a square one and a
 * slab one (C by slabs), each in every trans flag. Each result must also be within tolerance of the reference. */
void test_gemm_threads(mdl_dtype dt)
{
    typedef struct { int64_t m, n, k; } mnk;
    static const mnk cases[] = {{128, 256, 784}, {64, 96, 1000}, {200, 300, 300}, {300, 200, 100}};
    char what[200];
    for (int c = 0; c < (int)(sizeof cases / sizeof cases[0]); ++c)
        for (int t = 0; t < 4; ++t) {
            int64_t m = cases[c].m, n = cases[c].n, k = cases[c].k;
            int ta = t >> 1, tb = t & 1;
            double* a = host_random(dt, m * k, -1, 1);
            double* b = host_random(dt, k * n, -1, 1);
            double* c0 = host_random(dt, m * n, -1, 1);
            double* ref = host_alloc(m * n);
            double* one = host_alloc(m * n);
            double* got = host_alloc(m * n);
            memcpy(ref, c0, sizeof(double) * (size_t)(m * n));
            ref_gemm(ta, tb, m, n, k, 1.5, a, b, -0.5, ref);
            hbuf ha = hb_new(dt, m * k, a), hb = hb_new(dt, k * n, b);
            for (int threads = 1; threads <= 3; ++threads) {
                hbuf hc = hb_new(dt, m * n, c0);
                snprintf(what, sizeof what, "mdl_gemm %s %c%c m=%lld n=%lld k=%lld with %d thread%s", dt_name(dt),
                         ta ? 'T' : 'N', tb ? 'T' : 'N', (long long)m, (long long)n, (long long)k, threads,
                         threads > 1 ? "s" : "");
                if (check_ok(what, mdl_set_threads(threads)) &&
                    check_ok(what, mdl_gemm(dt, ta, tb, m, n, k, 1.5, ha.p, hb.p, -0.5, hc.p)) &&
                    finish(what, &hc, ref, scaled(tol_for(dt), 4.0 * (double)k))) {
                    hb_get(&hc, threads == 1 ? one : got);
                    if (threads > 1) {
                        int64_t i = 0;
                        while (i < m * n && memcmp(&got[i], &one[i], sizeof(double)) == 0) ++i;
                        char detail[120] = "";
                        if (i < m * n) snprintf(detail, sizeof detail, "C[%lld] = %.17g, with 1 thread %.17g",
                                                (long long)i, got[i], one[i]);
                        char same[240];
                        snprintf(same, sizeof same, "%s: the same bits as with 1 thread", what);
                        check_true(same, i == m * n, detail);
                    }
                }
                hb_free(&hc);
            }
            hb_free(&ha); hb_free(&hb);
            free(a); free(b); free(c0); free(ref); free(one); free(got);
        }
    check_ok("mdl_set_threads(0)", mdl_set_threads(0));
}
