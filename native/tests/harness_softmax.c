/*
 * harness_softmax.c — softmax, log_softmax, their backwards, the fused cross-entropy.
 * (native/src/cuda/softmax.cu on the CUDA build.) Each check compares with the float64
 * reference of reference.c; see harness_main.c for the rules every check follows.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness_util.h"
#include "minidl.h"
#include "reference.h"

/* softmax of one row whose max is 0, so y[j] = e^{x[j]} / s with s close to 1: exercises the
 * f64 table exp (cpu_math.h mdl_exp_neg_tab: x = (k + j/16) ln2 + r) at the table ends
 * (j = 0 and 15), right on multiples of ln2/16 (r = 0), one and two ulp beside them and at
 * the half-steps where the rounding of N flips (|r| = ln2/32, the polynomial's worst case),
 * down to ln(DBL_MIN) and below (-> 0, -inf -> 0). 517 columns: vector body and tail. */
void test_softmax_exp_table(mdl_dtype dt)
{
    static const int ns[] = {0, 1, 2, 14, 15, 16, 17, 31, 32, 33, 47, 48, 160, 1023, 1024, 1025, 4095, 4096,
                             8191, 16335, 16336, 16350, 16351, 16352};
    const double step = 0.6931471805599453 / 16;
    int64_t cols = 8 * 64 + 5, n = 0;
    double* x = host_alloc(cols);
    x[n++] = 0.0;
    for (size_t i = 0; i < sizeof ns / sizeof ns[0] && n + 9 <= cols - 3; ++i) {
        double c = -ns[i] * step;
        double h = 0.5 * step * (1 - 1e-12);
        double v[9] = {c, nextafter(c, -1e9), nextafter(c, 1e9), nextafter(nextafter(c, -1e9), -1e9),
                       c - h, c + h, c - 0.5 * step, c + 0.5 * step, c - 0.25 * step};
        for (int q = 0; q < 9; ++q)
            if (v[q] <= 0) x[n++] = round_to(dt, v[q]);
    }
    x[n++] = -708.396418532264079; x[n++] = -745.0; x[n++] = -INFINITY;
    for (int64_t j = n; j < cols; ++j) x[j] = round_to(dt, -(double)(j % 97) * step * 3.0 - 0.001 * (double)j);
    double* ref = host_alloc(cols);
    ref_softmax(1, cols, x, ref);
    for (int64_t j = 0; j < cols; ++j) ref[j] = round_to(dt, ref[j]);
    hbuf hx = hb_new(dt, cols, x), hy = hb_new(dt, cols, NULL);
    char what[200];
    snprintf(what, sizeof what, "mdl_softmax %s exp table boundaries (multiples of ln2/16)", dt_name(dt));
    tol t = dt == MDL_F32 ? (tol){1.2e-38, 8 * 1.1920928955078125e-07} : (tol){2.3e-308, 8 * 2.220446049250313e-16};
    if (check_ok(what, mdl_softmax(dt, 1, cols, hx.p, hy.p))) finish(what, &hy, ref, t);
    hb_free(&hx); hb_free(&hy);
    free(x); free(ref);
}

void test_softmax(mdl_dtype dt)
{
    char what[200];
    tol t = tol_for(dt);
    for (int s = 0; s < N_SHAPES; ++s) {
        if (g_small && SHAPES[s].r > 1024) continue; /* --small */
        int64_t rows = SHAPES[s].r, cols = SHAPES[s].c, n = rows * cols;
        double* x = host_random(dt, n, -5, 5);
        if (rows > 2) for (int64_t j = 0; j < cols; ++j) x[cols + j] = round_to(dt, 80.0 + 20.0 * j / (double)cols);
        double* ref = host_alloc(n);
        double* dy = host_random(dt, n, -1, 1);
        double* dx0 = host_random(dt, n, -1, 1);
        for (int lf = 0; lf < 2; ++lf) {
            const char* nm = lf ? "mdl_log_softmax" : "mdl_softmax";
            if (lf) ref_log_softmax(rows, cols, x, ref);
            else    ref_softmax(rows, cols, x, ref);
            hbuf hx = hb_new(dt, n, x), hy = hb_new(dt, n, NULL);
            snprintf(what, sizeof what, "%s %s %lldx%lld", nm, dt_name(dt), (long long)rows, (long long)cols);
            mdl_status st = lf ? mdl_log_softmax(dt, rows, cols, hx.p, hy.p) : mdl_softmax(dt, rows, cols, hx.p, hy.p);
            if (check_ok(what, st)) finish(what, &hy, ref, scaled(t, lf ? 10.0 : 1.0));
            hb_free(&hx); hb_free(&hy);

            /* backward from y (the forward's output, rounded) */
            double* y = host_alloc(n);
            for (int64_t e = 0; e < n; ++e) y[e] = round_to(dt, ref[e]);
            double* refd = host_alloc(n);
            memcpy(refd, dx0, sizeof(double) * (size_t)(n));
            if (lf) ref_log_softmax_backward(rows, cols, y, dy, refd);
            else    ref_softmax_backward(rows, cols, y, dy, refd);
            hbuf by = hb_new(dt, n, y), bdy = hb_new(dt, n, dy), bdx = hb_new(dt, n, dx0);
            snprintf(what, sizeof what, "%s_backward %s %lldx%lld", nm, dt_name(dt), (long long)rows, (long long)cols);
            st = lf ? mdl_log_softmax_backward(dt, rows, cols, by.p, bdy.p, bdx.p)
                    : mdl_softmax_backward(dt, rows, cols, by.p, bdy.p, bdx.p);
            if (check_ok(what, st)) finish(what, &bdx, refd, scaled(t, (double)cols));
            hb_free(&by); hb_free(&bdy); hb_free(&bdx);
            free(y); free(refd);
        }

        /* fused softmax cross-entropy: soft targets on even rows, one-hot on odd rows */
        double* tg = host_alloc(n);
        for (int64_t i = 0; i < rows; ++i) {
            if (i % 2 == 0) {
                double sum = 0;
                for (int64_t j = 0; j < cols; ++j) sum += (tg[i * cols + j] = rng_uniform(0, 1));
                for (int64_t j = 0; j < cols; ++j) tg[i * cols + j] = round_to(dt, tg[i * cols + j] / sum);
            } else if (cols > 0) {
                tg[i * cols + (int64_t)(rng_uniform(0, (double)cols)) % cols] = 1.0;
            }
        }
        double* probs = host_alloc(n);
        double* loss = host_alloc(rows);
        ref_softmax_xent(rows, cols, x, tg, probs, loss);
        for (int keep = 0; keep < 2; ++keep) {
            hbuf hz = hb_new(dt, n, x), ht = hb_new(dt, n, tg), hp = hb_new(dt, n, NULL), hl = hb_new(dt, rows, NULL);
            snprintf(what, sizeof what, "mdl_softmax_xent %s %lldx%lld probs=%s", dt_name(dt), (long long)rows,
                     (long long)cols, keep ? "kept" : "NULL");
            if (check_ok(what, mdl_softmax_xent(dt, rows, cols, hz.p, ht.p, keep ? hp.p : NULL, hl.p))) {
                finish(what, &hl, loss, scaled(t, 10.0 * (double)cols));
                if (keep) finish(what, &hp, probs, t);
            }
            hb_free(&hz); hb_free(&ht); hb_free(&hp); hb_free(&hl);
        }
        /* backward: dz = dz0 + g_i (p sum_k t - t) */
        round_all(dt, probs, n);
        double* g = host_random(dt, rows, -1, 1);
        memcpy(ref, dx0, sizeof(double) * (size_t)(n));
        ref_softmax_xent_backward(rows, cols, probs, tg, g, ref);
        hbuf hp = hb_new(dt, n, probs), ht = hb_new(dt, n, tg), hg = hb_new(dt, rows, g), hdz = hb_new(dt, n, dx0);
        snprintf(what, sizeof what, "mdl_softmax_xent_backward %s %lldx%lld", dt_name(dt), (long long)rows,
                 (long long)cols);
        if (check_ok(what, mdl_softmax_xent_backward(dt, rows, cols, hp.p, ht.p, hg.p, hdz.p)))
            finish(what, &hdz, ref, t);
        hb_free(&hp); hb_free(&ht); hb_free(&hg); hb_free(&hdz);
        free(x); free(ref); free(dy); free(dx0); free(tg); free(probs); free(loss); free(g);
    }
}

/* Outputs over 32 MB take the streaming-store path of the AVX-512 and AVX2 kernels (cpu_softmax.inc:
 * each row's output goes to a scratch row, then out with non-temporal stores from the first
 * 64- (32-) byte boundary, plain stores for the head and the tail; on AVX2 during the next row's
 * exp pass, two vectors a step, the thread's last row after its loop). Widths: 1001 (the rows
 * start at every 4- (8-) byte offset of a cache line, and each has a tail); 17, the narrowest row
 * that is not a short row (the exp loop runs twice, so the previous row's output is split between
 * its head, the loop and the rest); 16 KB of elements, the widest row that streams (a scratch
 * row's size). Other builds run their plain loops here. Not with --small (more than 1024 rows). */
static void softmax_streaming_case(mdl_dtype dt, int64_t rows, int64_t cols)
{
    char what[200];
    tol t = tol_for(dt);
    int64_t n = rows * cols;
    double* x = host_random(dt, n, -5, 5);
    double* tg = host_alloc(n);
    for (int64_t i = 0; i < rows; ++i) tg[i * cols + (i * 7919) % cols] = 1.0; /* one-hot targets */
    double* ref = host_alloc(n);
    double* loss = host_alloc(rows);
    hbuf hx = hb_new(dt, n, x);
    for (int k = 0; k < 3; ++k) { /* softmax, log_softmax, softmax_xent (probs kept) */
        if (k == 1) ref_log_softmax(rows, cols, x, ref);
        else        ref_softmax_xent(rows, cols, x, tg, ref, loss); /* ref = the softmax */
        static const char* names[3] = {"mdl_softmax", "mdl_log_softmax", "mdl_softmax_xent"};
        snprintf(what, sizeof what, "%s %s %lldx%lld (streaming stores)", names[k], dt_name(dt), (long long)rows,
                 (long long)cols);
        hbuf hy = hb_new(dt, n, NULL);
        if (k < 2) {
            mdl_status st = k ? mdl_log_softmax(dt, rows, cols, hx.p, hy.p) : mdl_softmax(dt, rows, cols, hx.p, hy.p);
            if (check_ok(what, st)) finish(what, &hy, ref, scaled(t, k ? 10.0 : 1.0));
        } else {
            hbuf ht = hb_new(dt, n, tg), hl = hb_new(dt, rows, NULL);
            if (check_ok(what, mdl_softmax_xent(dt, rows, cols, hx.p, ht.p, hy.p, hl.p))) {
                finish(what, &hy, ref, t);
                finish(what, &hl, loss, scaled(t, 10.0 * (double)cols));
            }
            hb_free(&ht); hb_free(&hl);
        }
        hb_free(&hy);
    }
    hb_free(&hx);
    free(x); free(tg); free(ref); free(loss);
}

void test_softmax_streaming(mdl_dtype dt)
{
    if (g_small) return; /* --small: 8500 and 4300 rows */
    const int64_t size = dt == MDL_F32 ? 4 : 8, out = (int64_t)34 << 20; /* ~34 MB of output */
    softmax_streaming_case(dt, dt == MDL_F32 ? 8500 : 4300, 1001);
    softmax_streaming_case(dt, out / (17 * size) + 1, 17);
    softmax_streaming_case(dt, out / 16384 + 1, 16384 / size);
}

/* Logits of magnitude 1e4 (and 1e3), in rows of 10 and 16 columns (short-row kernels) and
 * 40 and 1100 (long rows): log-softmax and the fused cross-entropy's loss must be as exact
 * as (x - m) - log s allows, at a tight tolerance against the float64 reference. The order
 * matters: x - (m + log s) rounds m + log s at the magnitude of x (in float at 1e4, one
 * ulp is 1e-3: 5e-4 off every log-probability; in double 1e-12), while x - m is exact
 * here (Sterbenz) and log s is small. Tolerance: a few ulp of the output and of log(cols),
 * the size of log s; probs at the usual relative tolerance. */
static void test_softmax_large_logits(mdl_dtype dt)
{
    static const int64_t widths[] = {10, 16, 40, 1100};
    const double ulp = dt == MDL_F32 ? 1.1920928955078125e-07 : 2.220446049250313e-16;
    char what[200];
    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; ++w) {
        int64_t rows = 5, cols = widths[w], n = rows * cols;
        tol t = {8 * ulp * (1 + log((double)cols)), 8 * ulp};
        double* x = host_alloc(n);
        for (int64_t j = 0; j < cols; ++j) {
            x[0 * cols + j] = round_to(dt, 1e4 + rng_uniform(-8, 8));
            x[1 * cols + j] = round_to(dt, -1e4 + rng_uniform(-8, 8));
            x[2 * cols + j] = round_to(dt, j % 2 ? 1e4 : 1e4 - 20.0 + 0.25 * (double)(j % 9));
            x[3 * cols + j] = round_to(dt, 1e3 + rng_uniform(-3, 3));
            x[4 * cols + j] = round_to(dt, 12345.678 + 0.001 * (double)j);
        }
        double* tg = host_alloc(n);
        for (int64_t i = 0; i < rows; ++i) tg[i * cols + (i * 7 + 3) % cols] = 1.0;
        double* ref = host_alloc(n);
        double* probs = host_alloc(n);
        double* loss = host_alloc(rows);
        hbuf hx = hb_new(dt, n, x);

        snprintf(what, sizeof what, "mdl_log_softmax %s %lldx%lld logits ~1e4: (x - m) - log s", dt_name(dt),
                 (long long)rows, (long long)cols);
        ref_log_softmax(rows, cols, x, ref);
        hbuf hy = hb_new(dt, n, NULL);
        if (check_ok(what, mdl_log_softmax(dt, rows, cols, hx.p, hy.p))) finish(what, &hy, ref, t);
        hb_free(&hy);

        snprintf(what, sizeof what, "mdl_softmax_xent %s %lldx%lld logits ~1e4: loss, probs", dt_name(dt),
                 (long long)rows, (long long)cols);
        ref_softmax_xent(rows, cols, x, tg, probs, loss);
        hbuf ht = hb_new(dt, n, tg), hp = hb_new(dt, n, NULL), hl = hb_new(dt, rows, NULL);
        if (check_ok(what, mdl_softmax_xent(dt, rows, cols, hx.p, ht.p, hp.p, hl.p))) {
            finish(what, &hl, loss, t);
            finish(what, &hp, probs, tol_for(dt));
        }
        hb_free(&hp); hb_free(&hl);
        /* without probs (the loss-only path of the long-row kernel) */
        snprintf(what, sizeof what, "mdl_softmax_xent %s %lldx%lld logits ~1e4: loss only (probs NULL)",
                 dt_name(dt), (long long)rows, (long long)cols);
        hl = hb_new(dt, rows, NULL);
        if (check_ok(what, mdl_softmax_xent(dt, rows, cols, hx.p, ht.p, NULL, hl.p))) finish(what, &hl, loss, t);
        hb_free(&hl); hb_free(&ht);
        hb_free(&hx);
        free(x); free(tg); free(ref); free(probs); free(loss);
    }
}

/* Rows whose logits overflow e^x even in float64 (e^1000 = inf): only the max subtraction of
 * minidl.h ("the row max is subtracted first") keeps softmax, log-softmax and the fused
 * cross-entropy finite. Logits +-1000 and 800 (and one row of all 1000), in rows of 10 and 16
 * columns (the short-row kernels) and of 40 and 1100 (the long-row ones). */
void test_softmax_overflow(mdl_dtype dt)
{
    static const int64_t widths[] = {10, 16, 40, 1100};
    tol t = tol_for(dt);
    char what[200];
    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; ++w) {
        int64_t rows = 4, cols = widths[w], n = rows * cols;
        double* x = host_alloc(n);
        for (int64_t j = 0; j < cols; ++j) {
            x[0 * cols + j] = j % 3 == 0 ? 1000.0 : (j % 3 == 1 ? -1000.0 : 800.0);
            x[1 * cols + j] = round_to(dt, 800.0 + 0.5 * (double)(j % 7));
            x[2 * cols + j] = 1000.0;
            x[3 * cols + j] = round_to(dt, -1000.0 + 3.0 * (double)(j % 5));
        }
        double* tg = host_alloc(n);
        for (int64_t i = 0; i < rows; ++i) tg[i * cols + (i * 5 + 1) % cols] = 1.0;
        double* ref = host_alloc(n);
        double* probs = host_alloc(n);
        double* loss = host_alloc(rows);
        hbuf hx = hb_new(dt, n, x);
        for (int k = 0; k < 3; ++k) {
            static const char* names[3] = {"mdl_softmax", "mdl_log_softmax", "mdl_softmax_xent"};
            snprintf(what, sizeof what, "%s %s %lldx%lld logits +-1000, 800 (overflow without the max)", names[k],
                     dt_name(dt), (long long)rows, (long long)cols);
            hbuf hy = hb_new(dt, n, NULL);
            if (k == 0) {
                ref_softmax(rows, cols, x, ref);
                if (check_ok(what, mdl_softmax(dt, rows, cols, hx.p, hy.p))) finish(what, &hy, ref, t);
            } else if (k == 1) {
                ref_log_softmax(rows, cols, x, ref);
                /* |y| reaches 2000: relative tolerance on y, absolute scaled by the row length */
                if (check_ok(what, mdl_log_softmax(dt, rows, cols, hx.p, hy.p)))
                    finish(what, &hy, ref, scaled(t, 10.0));
            } else {
                ref_softmax_xent(rows, cols, x, tg, probs, loss);
                hbuf ht = hb_new(dt, n, tg), hl = hb_new(dt, rows, NULL);
                if (check_ok(what, mdl_softmax_xent(dt, rows, cols, hx.p, ht.p, hy.p, hl.p))) {
                    finish(what, &hy, probs, t);
                    finish(what, &hl, loss, scaled(t, 10.0 * (double)cols));
                }
                hb_free(&ht); hb_free(&hl);
            }
            hb_free(&hy);
        }
        hb_free(&hx);
        free(x); free(tg); free(ref); free(probs); free(loss);
    }
    test_softmax_large_logits(dt); /* the same group ("softmax"): magnitudes where rounding shows */
}
