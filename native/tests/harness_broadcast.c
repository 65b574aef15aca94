/*
 * harness_broadcast.c — zip_row_broadcast, zip_column_broadcast (+ backward) and add_bias.
 * (native/src/cuda/broadcast.cu on the CUDA build.) Each check compares with the float64
 * reference of reference.c; see harness_main.c for the rules every check follows.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness_util.h"
#include "minidl.h"
#include "reference.h"

/* zip_row_broadcast (vec over columns, per = cols) and zip_column_broadcast (vec over rows, per = rows) */
void test_broadcast(mdl_dtype dt, int by_row)
{
    char what[200];
    tol t = tol_for(dt);
    const char* name = by_row ? "mdl_zip_row_broadcast" : "mdl_zip_column_broadcast";
    for (int op = 0; op < MDL_BINARY_OP_COUNT; ++op) {
        for (int s = 0; s < N_SHAPES; ++s) {
            int64_t rows = SHAPES[s].r, cols = SHAPES[s].c, n = rows * cols, nv = by_row ? cols : rows;
            double* x = host_random(dt, n, -2, 2);
            double* v = zip_b_inputs(dt, x, n, nv);
            double* ref = host_alloc(n);
            if (by_row) ref_zip_row_broadcast(op, rows, cols, x, v, ref);
            else        ref_zip_column_broadcast(op, rows, cols, x, v, ref);
            hbuf hx = hb_new(dt, n, x), hv = hb_new(dt, nv, v), hy = hb_new(dt, n, NULL);
            snprintf(what, sizeof what, "%s %s %s %lldx%lld", name, BINARY_NAMES[op], dt_name(dt), (long long)rows,
                     (long long)cols);
            mdl_status st = by_row ? mdl_zip_row_broadcast(dt, (mdl_binary_op)op, rows, cols, hx.p, hv.p, hy.p)
                                   : mdl_zip_column_broadcast(dt, (mdl_binary_op)op, rows, cols, hx.p, hv.p, hy.p);
            if (check_ok(what, st)) finish(what, &hy, ref, t);
            hb_free(&hy);

            /* backward */
            double* dy = host_random(dt, n, -1, 1);
            double* dx0 = host_random(dt, n, -1, 1);
            double* dv0 = host_random(dt, nv, -1, 1);
            double* refv = host_alloc(nv);
            memcpy(refv, dv0, sizeof(double) * (size_t)(nv));
            memcpy(ref, dx0, sizeof(double) * (size_t)(n));
            if (by_row) ref_zip_row_broadcast_backward(op, rows, cols, x, v, dy, ref, refv);
            else        ref_zip_column_broadcast_backward(op, rows, cols, x, v, dy, ref, refv);
            hbuf hdy = hb_new(dt, n, dy), hdx = hb_new(dt, n, dx0), hdv = hb_new(dt, nv, dv0);
            snprintf(what, sizeof what, "%s_backward %s %s %lldx%lld", name, BINARY_NAMES[op], dt_name(dt),
                     (long long)rows, (long long)cols);
            st = by_row ? mdl_zip_row_broadcast_backward(dt, (mdl_binary_op)op, rows, cols, hx.p, hv.p, hdy.p, hdx.p, hdv.p)
                        : mdl_zip_column_broadcast_backward(dt, (mdl_binary_op)op, rows, cols, hx.p, hv.p, hdy.p, hdx.p, hdv.p);
            if (check_ok(what, st)) {
                finish(what, &hdx, ref, t);
                finish(what, &hdv, refv, scaled(t, (double)(by_row ? rows : cols)));
            }
            hb_free(&hx); hb_free(&hv); hb_free(&hdy); hb_free(&hdx); hb_free(&hdv);
            free(x); free(v); free(ref); free(dy); free(dx0); free(dv0); free(refv);
        }
    }
}

void test_add_bias(mdl_dtype dt)
{
    char what[200];
    tol t = tol_for(dt);
    for (int op = 0; op < MDL_UNARY_OP_COUNT; ++op) {
        double p = round_to(dt, op_param(op));
        for (int s = 0; s < N_SHAPES; ++s) {
            int64_t rows = SHAPES[s].r, cols = SHAPES[s].c, n = rows * cols;
            int pos = positive_domain(op);
            double* x = host_random(dt, n, pos ? 0.25 : -3, pos ? 1.25 : 3);
            double* b = host_random(dt, cols, pos ? 0.0 : -1, 1.25);
            double* ref = host_alloc(n);
            /* the kernel rounds x + b to the dtype before f: give the reference that sum, b = 0 */
            double* xb = host_alloc(n);
            double* zero = host_alloc(cols);
            for (int64_t i = 0; i < rows; ++i)
                for (int64_t j = 0; j < cols; ++j) xb[i * cols + j] = round_to(dt, x[i * cols + j] + b[j]);
            ref_add_bias(op, rows, cols, xb, zero, ref, p);
            free(xb); free(zero);
            hbuf hx = hb_new(dt, n, x), hb = hb_new(dt, cols, b), hy = hb_new(dt, n, NULL);
            snprintf(what, sizeof what, "mdl_add_bias %s %s %lldx%lld", UNARY_NAMES[op], dt_name(dt), (long long)rows,
                     (long long)cols);
            if (check_ok(what, mdl_add_bias(dt, (mdl_unary_op)op, rows, cols, hx.p, hb.p, hy.p, p)))
                finish(what, &hy, ref, t);
            if (s == 3) { /* in place */
                snprintf(what, sizeof what, "mdl_add_bias %s %s %lldx%lld in place", UNARY_NAMES[op], dt_name(dt),
                         (long long)rows, (long long)cols);
                if (check_ok(what, mdl_add_bias(dt, (mdl_unary_op)op, rows, cols, hx.p, hb.p, hx.p, p)))
                    finish(what, &hx, ref, t);
            }
            hb_free(&hx); hb_free(&hb); hb_free(&hy);
            free(x); free(b); free(ref);
        }
    }
}
