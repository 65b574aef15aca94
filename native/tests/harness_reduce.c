/*
 * harness_reduce.c — column_sums, row_sums, sum and transpose.
 * (native/src/cuda/reduce.cu on the CUDA build.) Each check compares with the float64
 * reference of reference.c; see harness_main.c for the rules every check follows.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness_util.h"
#include "minidl.h"
#include "reference.h"

void test_reductions(mdl_dtype dt)
{
    char what[200];
    tol t = tol_for(dt);
    double betas[2] = {0.0, 0.5};
    for (int s = 0; s < N_SHAPES; ++s) {
        int64_t rows = SHAPES[s].r, cols = SHAPES[s].c, n = rows * cols;
        double* x = host_random(dt, n, -1, 1);
        hbuf hx = hb_new(dt, n, x);
        for (int bi = 0; bi < 2; ++bi) {
            double beta = betas[bi];
            /* column_sums: y[j] = beta y[j] + sum_i x[i,j] */
            double* y0 = host_random(dt, cols, -1, 1);
            double* ref = host_alloc(cols);
            memcpy(ref, y0, sizeof(double) * (size_t)(cols));
            ref_column_sums(rows, cols, x, beta, ref);
            hbuf hy = hb_new(dt, cols, beta == 0 ? NULL : y0);
            snprintf(what, sizeof what, "mdl_column_sums %s %lldx%lld beta=%g", dt_name(dt), (long long)rows,
                     (long long)cols, beta);
            if (check_ok(what, mdl_column_sums(dt, rows, cols, hx.p, beta, hy.p)))
                finish(what, &hy, ref, scaled(t, (double)rows));
            hb_free(&hy); free(y0); free(ref);

            /* row_sums: y[i] = beta y[i] + sum_j x[i,j] */
            y0 = host_random(dt, rows, -1, 1);
            ref = host_alloc(rows);
            memcpy(ref, y0, sizeof(double) * (size_t)(rows));
            ref_row_sums(rows, cols, x, beta, ref);
            hy = hb_new(dt, rows, beta == 0 ? NULL : y0);
            snprintf(what, sizeof what, "mdl_row_sums %s %lldx%lld beta=%g", dt_name(dt), (long long)rows,
                     (long long)cols, beta);
            if (check_ok(what, mdl_row_sums(dt, rows, cols, hx.p, beta, hy.p)))
                finish(what, &hy, ref, scaled(t, (double)cols));
            hb_free(&hy); free(y0); free(ref);
        }
        /* transpose: y[j*rows + i] = x[i*cols + j] */
        double* ref = host_alloc(n);
        ref_transpose(rows, cols, x, ref);
        hbuf hy = hb_new(dt, n, NULL);
        snprintf(what, sizeof what, "mdl_transpose %s %lldx%lld", dt_name(dt), (long long)rows, (long long)cols);
        if (check_ok(what, mdl_transpose(dt, rows, cols, hx.p, hy.p))) finish(what, &hy, ref, t);
        hb_free(&hy); hb_free(&hx); free(ref); free(x);
    }
    for (int s = 0; s < N_SIZES; ++s) {
        int64_t n = SIZES[s];
        double* x = host_random(dt, n, -1, 1);
        hbuf hx = hb_new(dt, n, x);
        double betas2[2] = {0.0, -2.0};
        for (int bi = 0; bi < 2; ++bi) {
            double o0 = round_to(dt, 0.375);
            double ref = o0;
            ref_sum(n, x, betas2[bi], &ref);
            hbuf ho = hb_new(dt, 1, betas2[bi] == 0 ? NULL : &o0);
            snprintf(what, sizeof what, "mdl_sum %s n=%lld beta=%g", dt_name(dt), (long long)n, betas2[bi]);
            if (check_ok(what, mdl_sum(dt, n, hx.p, betas2[bi], ho.p))) finish(what, &ho, &ref, scaled(t, (double)n));
            hb_free(&ho);
        }
        hb_free(&hx); free(x);
    }
}
