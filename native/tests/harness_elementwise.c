/*
 * harness_elementwise.c — fill, scale, axpy, map, map_backward, zip, zip_backward, dropout_mask.
 * (native/src/cuda/elementwise.cu on the CUDA build.) Each check compares with the float64
 * reference of reference.c; see harness_main.c for the rules every check follows.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness_util.h"
#include "minidl.h"
#include "reference.h"

void test_fill_scale_axpy(mdl_dtype dt)
{
    char what[200];
    tol t = tol_for(dt);
    for (int s = 0; s < N_SIZES; ++s) {
        int64_t n = SIZES[s];
        double* x = host_random(dt, n, -2, 2);
        double* y = host_random(dt, n, -2, 2);
        double* ref = host_alloc(n);

        hbuf hy = hb_new(dt, n, NULL);
        double v = round_to(dt, -1.375);
        ref_fill(n, ref, v);
        snprintf(what, sizeof what, "mdl_fill %s n=%lld", dt_name(dt), (long long)n);
        if (check_ok(what, mdl_fill(dt, n, hy.p, v))) finish(what, &hy, ref, t);
        hb_free(&hy);

        double alphas[2] = {-1.5, 0.0};
        for (int a = 0; a < 2; ++a) {
            hy = hb_new(dt, n, y);
            memcpy(ref, y, sizeof(double) * (size_t)(n));
            ref_scale(n, alphas[a], ref);
            snprintf(what, sizeof what, "mdl_scale %s n=%lld alpha=%g", dt_name(dt), (long long)n, alphas[a]);
            if (check_ok(what, mdl_scale(dt, n, alphas[a], hy.p))) finish(what, &hy, ref, t);
            hb_free(&hy);
        }

        hbuf hx = hb_new(dt, n, x);
        hy = hb_new(dt, n, y);
        double alpha = round_to(dt, 0.625);
        memcpy(ref, y, sizeof(double) * (size_t)(n));
        ref_axpy(n, alpha, x, ref);
        snprintf(what, sizeof what, "mdl_axpy %s n=%lld", dt_name(dt), (long long)n);
        if (check_ok(what, mdl_axpy(dt, n, alpha, hx.p, hy.p))) finish(what, &hy, ref, t);
        hb_free(&hx);
        hb_free(&hy);
        free(x); free(y); free(ref);
    }
}

void test_map(mdl_dtype dt)
{
    char what[200];
    tol t = tol_for(dt);
    for (int op = 0; op < MDL_UNARY_OP_COUNT; ++op) {
        double p = round_to(dt, op_param(op));
        for (int s = 0; s < N_SIZES; ++s) {
            int64_t n = SIZES[s];
            double* x = unary_inputs(dt, op, n);
            double* ref = host_alloc(n);
            ref_map(op, n, x, ref, p);

            hbuf hx = hb_new(dt, n, x), hy = hb_new(dt, n, NULL);
            snprintf(what, sizeof what, "mdl_map %s %s n=%lld", UNARY_NAMES[op], dt_name(dt), (long long)n);
            if (check_ok(what, mdl_map(dt, (mdl_unary_op)op, n, hx.p, hy.p, p))) finish(what, &hy, ref, t);
            if (n == 1023) { /* in place: y == x */
                snprintf(what, sizeof what, "mdl_map %s %s n=%lld in place", UNARY_NAMES[op], dt_name(dt), (long long)n);
                if (check_ok(what, mdl_map(dt, (mdl_unary_op)op, n, hx.p, hx.p, p))) finish(what, &hx, ref, t);
            }
            hb_free(&hx);
            hb_free(&hy);

            /* backward: dx = dx0 + dy f'(x), with y = f(x) rounded as the forward would give it */
            double* y = host_alloc(n);
            for (int64_t i = 0; i < n; ++i) y[i] = round_to(dt, ref[i]);
            double* dy = host_random(dt, n, -1, 1);
            double* dx0 = host_random(dt, n, -1, 1);
            memcpy(ref, dx0, sizeof(double) * (size_t)(n));
            ref_map_backward(op, n, x, y, dy, ref, p);
            hbuf bx = hb_new(dt, n, x), by = hb_new(dt, n, y), bdy = hb_new(dt, n, dy), bdx = hb_new(dt, n, dx0);
            snprintf(what, sizeof what, "mdl_map_backward %s %s n=%lld", UNARY_NAMES[op], dt_name(dt), (long long)n);
            if (check_ok(what, mdl_map_backward(dt, (mdl_unary_op)op, n, bx.p, by.p, bdy.p, bdx.p, p)))
                finish(what, &bdx, ref, t);
            hb_free(&bx); hb_free(&by); hb_free(&bdy); hb_free(&bdx);
            free(x); free(y); free(dy); free(dx0); free(ref);
        }
    }
}

/* elu near its kink and at tiny magnitudes, float32 and float64 against libm's expm1 in
 * double: y = p expm1(x) for x < 0 must keep its relative accuracy as x -> 0 (e^x - 1 rounds
 * to 0 in float for -3e-8 < x < 0, and is 6e-8 / |x| off above), and the backward read the
 * way the fused add-bias + elu reads it, with y in place of x (f' = x >= 0 ? 1 : y + p),
 * must give the slope p e^x, not 1, wherever x < 0 and y does not underflow. p = 0.5, 1, 2.
 * Tolerance: 4 ulp relative; absolute the smallest subnormal for y (x = -1e-40 in float),
 * 2 ulp of p for the slope (y + p cancels where e^x is small, as the formula does). */
static void test_elu_extremes(mdl_dtype dt)
{
    static const double xs[] = {-1e-8, -2.9e-8, -3e-8, -5e-8, -1e-7, -3e-7, -1e-6, -1e-5, -1e-4, -1e-3, -0.01, -0.021,
                                -0.022, -0.1, -0.3, -0.34, -0.35, -0.5, -0.69, -0.7, -1.0, -2.0, -5.0, -17.0, -20.0,
                                -1e-20, -1e-30, -1.2e-38, -1e-40, -1e-300, -1e-310, 0.0, -0.0, 1e-8, 1e-30, 3.0};
    static const double ps[] = {0.5, 1.0, 2.0};
    const int nx = (int)(sizeof xs / sizeof xs[0]);
    const double ulp = dt == MDL_F32 ? 1.1920928955078125e-07 : 2.220446049250313e-16;
    const double sub = dt == MDL_F32 ? 1.401298464324817e-45 : 4.9406564584124654e-324;
    int64_t n = 3 * nx + 5; /* copies: the values land in vector bodies and in tails */
    double* x = host_alloc(n);
    for (int64_t i = 0; i < n; ++i) x[i] = round_to(dt, xs[i % nx]);
    double* got = host_alloc(n);
    double* one = host_alloc(n);
    for (int64_t i = 0; i < n; ++i) one[i] = 1.0;
    double* zero = host_alloc(n); /* dx starts at 0 (the backward accumulates) */
    for (size_t k = 0; k < sizeof ps / sizeof ps[0]; ++k) {
        double p = ps[k];
        char what[200], detail[300] = "";
        hbuf hx = hb_new(dt, n, x), hy = hb_new(dt, n, NULL);
        snprintf(what, sizeof what, "mdl_map elu %s p=%g near 0 (-1e-8 .. -1e-310): p expm1(x)", dt_name(dt), p);
        if (check_ok(what, mdl_map(dt, MDL_ELU, n, hx.p, hy.p, p))) {
            int bad = !hb_get(&hy, got);
            if (bad) snprintf(detail, sizeof detail, "%s", hb_guard_detail());
            for (int64_t i = 0; i < n && !bad; ++i) {
                double ref = x[i] >= 0 ? x[i] : round_to(dt, p * expm1(x[i]));
                if (!(fabs(got[i] - ref) <= sub + 4 * ulp * fabs(ref))) {
                    bad = 1;
                    snprintf(detail, sizeof detail, "x=%.9g: got %.9g, want %.9g", x[i], got[i], ref);
                }
            }
            check_true(what, !bad, detail);
        }
        /* backward from y alone (x := y), as the fused add-bias + elu calls it */
        snprintf(what, sizeof what, "mdl_map_backward elu %s p=%g from y (fused add-bias): slope p e^x near 0",
                 dt_name(dt), p);
        hbuf hdy = hb_new(dt, n, one), hdx = hb_new(dt, n, zero);
        if (check_ok(what, mdl_map_backward(dt, MDL_ELU, n, hy.p, hy.p, hdy.p, hdx.p, p))) {
            int bad = !hb_get(&hdx, got);
            if (bad) snprintf(detail, sizeof detail, "%s", hb_guard_detail());
            for (int64_t i = 0; i < n && !bad; ++i) {
                /* x >= 0, or p expm1(x) below the smallest subnormal (y = -0: the sign of x is lost) */
                int underflow = x[i] < 0 && fabs(p * x[i]) < 2 * sub;
                double ref = x[i] >= 0 || underflow ? 1.0 : p * exp(x[i]);
                /* y + p cancels where e^x is small: absolute ulp(p) */
                if (!(fabs(got[i] - ref) <= 2 * ulp * p + 4 * ulp * fabs(ref))) {
                    bad = 1;
                    snprintf(detail, sizeof detail, "x=%.9g: got %.9g, want %.9g", x[i], got[i], ref);
                }
            }
            check_true(what, !bad, detail);
        }
        hb_free(&hdy); hb_free(&hdx);
        hb_free(&hx); hb_free(&hy);
    }
    free(x); free(got); free(one); free(zero);
}

/* Outputs over 32 MB take the streaming-store path of the exp maps (sigmoid, tanh, elu;
 * cpu_elementwise.inc: one masked vector up to the first 32-byte boundary of y, then
 * non-temporal stores through the software-pipelined loop, a masked tail). x and y start one
 * element past a buffer's start, so that the head is not empty; the element before y must stay
 * as it was. Other builds and ops run their plain loops here. Not with --small. */
void test_map_streaming(mdl_dtype dt)
{
    if (g_small) return;
    static const mdl_unary_op ops[3] = {MDL_SIGMOID, MDL_TANH, MDL_ELU};
    char what[200];
    tol t = tol_for(dt);
    int64_t n = (dt == MDL_F32 ? 9000000 : 4500000) + 3; /* ~36 MB of output, and a tail */
    for (int k = 0; k < 3; ++k) {
        double p = round_to(dt, op_param(ops[k]));
        double* x = unary_inputs(dt, ops[k], n + 1);
        double* ref = host_alloc(n + 1);
        ref_map(ops[k], n, x + 1, ref + 1, p);
        double* y0 = host_alloc(n + 1);
        for (int64_t i = 1; i <= n; ++i) y0[i] = NAN;
        y0[0] = ref[0] = 0.5; /* the element before y */
        hbuf hx = hb_new(dt, n + 1, x), hy = hb_new(dt, n + 1, y0);
        size_t esz = dt == MDL_F32 ? sizeof(float) : sizeof(double);
        snprintf(what, sizeof what, "mdl_map %s %s n=%lld (streaming stores, y one element past 32 bytes)",
                 UNARY_NAMES[ops[k]], dt_name(dt), (long long)n);
        if (check_ok(what, mdl_map(dt, ops[k], n, (char*)hx.p + esz, (char*)hy.p + esz, p))) finish(what, &hy, ref, t);
        hb_free(&hx);
        hb_free(&hy);
        free(x); free(ref); free(y0);
    }
}

/* exp, sigmoid, tanh and elu at the edges of their range: the vectorized e^x (cpu_math.h)
 * must give +-inf / 0 / NaN exactly where libm does and stay within a few ulp elsewhere.
 * Values whose true result is subnormal may come back as 0 (atol = the smallest normal). */
void test_map_extremes(mdl_dtype dt)
{
    static const double common[] = {0.0, -0.0, 1e-8, -1e-8, 0.3, -0.3, 0.624, -0.624, 0.626, -0.626, 1.0, -1.0,
                                    10.0, -10.0, 20.0, -20.0, 44.0, -44.0, 50.0, -50.0, 80.0, -80.0, 87.0, -87.0,
                                    87.3, -87.3, 88.0, -88.0, 88.7, -88.7, 88.72, 89.0, -89.0, -100.0, -104.0,
                                    -200.0, -1000.0, 1000.0, INFINITY, -INFINITY, NAN};
    static const double wide[] = {700.0, -700.0, 708.0, -708.0, 708.3, -708.3, 709.0, 709.7, 709.78, -709.0,
                                  -745.0, -800.0, 710.0};
    const int ops[] = {MDL_EXP, MDL_SIGMOID, MDL_TANH, MDL_ELU};
    int nc = (int)(sizeof common / sizeof common[0]), nw = dt == MDL_F64 ? (int)(sizeof wide / sizeof wide[0]) : 0;
    int64_t n = 4 * (nc + nw) + 3; /* several copies: the values land in vector bodies and in tails */
    double* x = host_alloc(n);
    for (int64_t i = 0; i < n; ++i) {
        int64_t k = i % (nc + nw);
        x[i] = round_to(dt, k < nc ? common[k] : wide[k - nc]);
    }
    double ulp = dt == MDL_F32 ? 1.1920928955078125e-07 : 2.220446049250313e-16;
    double tiny = dt == MDL_F32 ? 1.1754943508222875e-38 : 2.2250738585072014e-308;
    for (size_t o = 0; o < sizeof ops / sizeof ops[0]; ++o) {
        int op = ops[o];
        hbuf hx = hb_new(dt, n, x), hy = hb_new(dt, n, NULL);
        char what[200], detail[300] = "";
        snprintf(what, sizeof what, "mdl_map %s %s extreme inputs (inf, NaN, +-88, +-709)", UNARY_NAMES[op], dt_name(dt));
        int ok = check_ok(what, mdl_map(dt, (mdl_unary_op)op, n, hx.p, hy.p, 1.0));
        double* got = host_alloc(n);
        if (ok) {
            int bad = !hb_get(&hy, got); /* 0: a guard element around y was overwritten */
            if (bad) snprintf(detail, sizeof detail, "%s", hb_guard_detail());
            for (int64_t i = 0; i < n && !bad; ++i) {
                double ref = round_to(dt, ref_unary(op, x[i], 1.0)), g = got[i];
                int good;
                if (isnan(ref)) good = isnan(g);
                else if (isinf(ref)) good = g == ref;
                else good = isfinite(g) && fabs(g - ref) <= tiny + 4 * ulp * fabs(ref);
                /* elu(x) = e^x - 1 for x < 0 loses relative accuracy near 0 (no expm1): absolute */
                if (!good && op == MDL_ELU && isfinite(g) && fabs(g - ref) <= 2 * ulp) good = 1;
                if (!good) {
                    bad = 1;
                    snprintf(detail, sizeof detail, "x=%.17g: got %.17g, want %.17g", x[i], g, ref);
                }
            }
            check_true(what, !bad, detail);
        }
        free(got);
        hb_free(&hx);
        hb_free(&hy);
    }
    free(x);
    test_elu_extremes(dt); /* the same group ("map") */
}

void test_zip(mdl_dtype dt)
{
    char what[200];
    tol t = tol_for(dt);
    for (int op = 0; op < MDL_BINARY_OP_COUNT; ++op) {
        for (int s = 0; s < N_SIZES; ++s) {
            int64_t n = SIZES[s];
            double* a = host_random(dt, n, -2, 2);
            double* b = zip_b_inputs(dt, a, n, n);
            double* ref = host_alloc(n);
            ref_zip(op, n, a, b, ref);
            hbuf ha = hb_new(dt, n, a), hb = hb_new(dt, n, b), hc = hb_new(dt, n, NULL);
            snprintf(what, sizeof what, "mdl_zip %s %s n=%lld", BINARY_NAMES[op], dt_name(dt), (long long)n);
            if (check_ok(what, mdl_zip(dt, (mdl_binary_op)op, n, ha.p, hb.p, hc.p))) finish(what, &hc, ref, t);
            if (n == 1023) {
                snprintf(what, sizeof what, "mdl_zip %s %s n=%lld c==b", BINARY_NAMES[op], dt_name(dt), (long long)n);
                if (check_ok(what, mdl_zip(dt, (mdl_binary_op)op, n, ha.p, hb.p, hb.p))) finish(what, &hb, ref, t);
                snprintf(what, sizeof what, "mdl_zip %s %s n=%lld c==a", BINARY_NAMES[op], dt_name(dt), (long long)n);
                hb_free(&hb);
                hb = hb_new(dt, n, b);
                if (check_ok(what, mdl_zip(dt, (mdl_binary_op)op, n, ha.p, hb.p, ha.p))) finish(what, &ha, ref, t);
            }
            hb_free(&ha); hb_free(&hb); hb_free(&hc);

            double* dc = host_random(dt, n, -1, 1);
            double* da0 = host_random(dt, n, -1, 1);
            double* db0 = host_random(dt, n, -1, 1);
            double* refb = host_alloc(n);
            memcpy(ref, da0, sizeof(double) * (size_t)(n));
            memcpy(refb, db0, sizeof(double) * (size_t)(n));
            ref_zip_backward(op, n, a, b, dc, ref, refb);
            for (int variant = 0; variant < 3; ++variant) { /* both, da only, db only */
                ha = hb_new(dt, n, a); hb = hb_new(dt, n, b);
                hbuf hdc = hb_new(dt, n, dc), hda = hb_new(dt, n, da0), hdb = hb_new(dt, n, db0);
                snprintf(what, sizeof what, "mdl_zip_backward %s %s n=%lld %s", BINARY_NAMES[op], dt_name(dt),
                         (long long)n, variant == 0 ? "da,db" : variant == 1 ? "da only" : "db only");
                if (check_ok(what, mdl_zip_backward(dt, (mdl_binary_op)op, n, ha.p, hb.p, hdc.p,
                                                    variant == 2 ? NULL : hda.p, variant == 1 ? NULL : hdb.p))) {
                    finish(what, &hda, variant == 2 ? da0 : ref, t);
                    finish(what, &hdb, variant == 1 ? db0 : refb, t);
                }
                hb_free(&ha); hb_free(&hb); hb_free(&hdc); hb_free(&hda); hb_free(&hdb);
                if (n != 33) break; /* the NULL variants once per op and dtype */
            }
            free(a); free(b); free(ref); free(refb); free(dc); free(da0); free(db0);
        }
    }
}

void test_dropout(mdl_dtype dt)
{
    char what[200];
    tol exact = {0.0, 0.0};
    double ps[3] = {0.0, 0.3, 0.9};
    uint64_t seeds[2] = {42, 0xDEADBEEFCAFEF00Dull};
    for (int s = 0; s < N_SIZES; ++s) {
        int64_t n = SIZES[s];
        for (int pi = 0; pi < 3; ++pi)
            for (int si = 0; si < 2; ++si) {
                double p = ps[pi];
                double* ref = host_alloc(n);
                double mean = 0;
                ref_dropout_mask(n, p, seeds[si], ref);
                round_all(dt, ref, n); /* 1/(1-p) rounded to the dtype, as the kernel stores it */
                for (int64_t i = 0; i < n; ++i) mean += ref[i];
                hbuf hm = hb_new(dt, n, NULL);
                snprintf(what, sizeof what, "mdl_dropout_mask %s n=%lld p=%g seed=%llu", dt_name(dt), (long long)n, p,
                         (unsigned long long)seeds[si]);
                if (check_ok(what, mdl_dropout_mask(dt, n, p, seeds[si], hm.p))) finish(what, &hm, ref, exact);
                if (n > 100000) {
                    char d[100];
                    snprintf(d, sizeof d, "mean=%.5f", mean / (double)n);
                    check_true("mdl_dropout_mask E[mask] = 1", fabs(mean / (double)n - 1.0) < 0.02, d);
                }
                hb_free(&hm); free(ref);
            }
    }
}
