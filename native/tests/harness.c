/*
 * harness.c — the C test harness of MiniDL's native ABI (minidl.h).
 *
 *   minidl_harness_cpu             check every kernel, both dtypes, against plain float64
 *                                  reference loops written below; exit 0 iff all pass
 *   minidl_harness_cpu --quick     the same without the largest GEMMs (sanitizer builds)
 *   minidl_harness_cpu --only gemm only the test groups whose name contains "gemm"
 *   minidl_harness_cpu -q          print only failures and the summary
 *   minidl_harness_cpu --bench [--json]   the benchmark (bench.c)
 *
 * Every check: random inputs (fixed seed) rounded to the dtype, outputs poisoned with NaN
 * (or set to known values where the kernel accumulates, "+="), guard bands of HB_GUARD
 * elements on both sides of every output checked unchanged, and the rule
 *     |got - ref| <= atol + rtol |ref|
 * with atol scaled by the summed length for GEMM and the reductions.
 * Exit code 77 (CTest: skipped) when the build finds no device (MDL_ERR_UNSUPPORTED).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness_util.h"
#include "minidl.h"

int run_bench(int json); /* bench.c */

static const mdl_dtype DTS[2] = {MDL_F32, MDL_F64};
#define N_SIZES 6
static const int64_t SIZES[N_SIZES] = {0, 1, 17, 33, 1023, 1029 * 917};
typedef struct shape { int64_t r, c; } shape;
/* {128, 10} .. {9000, 10}: the short-row (cols <= 16) softmax kernels, one- and multi-threaded;
 * {3, 2500}, {2, 5000}: rows over 1024 columns (the CUDA build's one-block-per-row kernels) and
 * over 16 KB (the CPU kernels' no-prefetch path for long rows) */
#define N_SHAPES 14
static const shape SHAPES[N_SHAPES] = {{0, 7},  {7, 0},     {1, 1},   {17, 33},  {33, 17}, {1023, 1},
                                       {1, 1023}, {1029, 917}, {128, 10}, {5, 15}, {5, 16}, {9000, 10},
                                       {3, 2500}, {2, 5000}};

static int g_quick = 0;
static const char* g_only = NULL;
static int want(const char* group) { return !g_only || strstr(group, g_only) != NULL; }

/* ---- the float64 reference ------------------------------------------------------ */

static const char* UNARY_NAMES[MDL_UNARY_OP_COUNT] = {
    "identity", "neg", "exp", "log", "reciprocal", "square", "sqrt", "abs",
    "add_const", "mul_const", "pow_const", "sigmoid", "tanh", "relu", "leaky_relu", "elu"};
static const char* BINARY_NAMES[MDL_BINARY_OP_COUNT] = {"add", "sub", "mul", "div", "max"};

static double op_param(int op)
{
    switch (op) {
    case MDL_ADD_CONST: return 0.75;
    case MDL_MUL_CONST: return -1.25;
    case MDL_POW_CONST: return 2.5;
    case MDL_LEAKY_RELU: return 0.1;
    case MDL_ELU: return 0.7;
    default: return 0.0;
    }
}

static int positive_domain(int op)
{
    return op == MDL_LOG || op == MDL_SQRT || op == MDL_POW_CONST || op == MDL_RECIPROCAL;
}

/* x values for op: positive where f needs it, else [-3, 3] with some exact zeros */
static double* unary_inputs(mdl_dtype dt, int op, int64_t n)
{
    if (positive_domain(op)) return host_random(dt, n, 0.25, 2.5);
    double* x = host_random(dt, n, -3.0, 3.0);
    for (int64_t i = 5; i < n; i += 13) x[i] = 0.0;
    return x;
}

static double ref_map(int op, double x, double p)
{
    switch (op) {
    case MDL_IDENTITY: return x;
    case MDL_NEG: return -x;
    case MDL_EXP: return exp(x);
    case MDL_LOG: return log(x);
    case MDL_RECIPROCAL: return 1.0 / x;
    case MDL_SQUARE: return x * x;
    case MDL_SQRT: return sqrt(x);
    case MDL_ABS: return fabs(x);
    case MDL_ADD_CONST: return x + p;
    case MDL_MUL_CONST: return p * x;
    case MDL_POW_CONST: return pow(x, p);
    case MDL_SIGMOID: return 1.0 / (1.0 + exp(-x));
    case MDL_TANH: return tanh(x);
    case MDL_RELU: return x > 0 ? x : 0.0;
    case MDL_LEAKY_RELU: return x > 0 ? x : p * x;
    case MDL_ELU: return x >= 0 ? x : p * (exp(x) - 1.0);
    }
    return NAN;
}

/* f'(x) given x and the forward output y */
static double ref_dmap(int op, double x, double y, double p)
{
    switch (op) {
    case MDL_IDENTITY: return 1;
    case MDL_NEG: return -1;
    case MDL_EXP: return y;
    case MDL_LOG: return 1.0 / x;
    case MDL_RECIPROCAL: return -1.0 / (x * x);
    case MDL_SQUARE: return 2 * x;
    case MDL_SQRT: return 1.0 / (2 * y);
    case MDL_ABS: return x > 0 ? 1 : (x < 0 ? -1 : 0);
    case MDL_ADD_CONST: return 1;
    case MDL_MUL_CONST: return p;
    case MDL_POW_CONST: return p * pow(x, p - 1);
    case MDL_SIGMOID: return y * (1 - y);
    case MDL_TANH: return 1 - y * y;
    case MDL_RELU: return x > 0 ? 1 : 0;
    case MDL_LEAKY_RELU: return x > 0 ? 1 : p;
    case MDL_ELU: return x >= 0 ? 1 : y + p;
    }
    return NAN;
}

static double ref_zip(int op, double a, double b)
{
    switch (op) {
    case MDL_ADD: return a + b;
    case MDL_SUB: return a - b;
    case MDL_MUL: return a * b;
    case MDL_DIV: return a / b;
    case MDL_MAX: return a >= b ? a : b;
    }
    return NAN;
}
static double ref_dza(int op, double a, double b)
{
    switch (op) {
    case MDL_ADD: case MDL_SUB: return 1;
    case MDL_MUL: return b;
    case MDL_DIV: return 1.0 / b;
    case MDL_MAX: return a >= b ? 1 : 0;
    }
    return NAN;
}
static double ref_dzb(int op, double a, double b)
{
    switch (op) {
    case MDL_ADD: return 1;
    case MDL_SUB: return -1;
    case MDL_MUL: return a;
    case MDL_DIV: return -a / (b * b);
    case MDL_MAX: return a < b ? 1 : 0;
    }
    return NAN;
}

/* b operand of a zip (n values): away from 0 (for div), with some ties to a[0:na] (for max) */
static double* zip_b_inputs(mdl_dtype dt, const double* a, int64_t na, int64_t n)
{
    double* b = host_random(dt, n, 0.5, 2.0);
    for (int64_t i = 0; i < n; ++i) {
        if (i % 2) b[i] = -b[i];
        if (i % 7 == 3 && i < na) b[i] = a[i];
    }
    return b;
}

/* ---- small helpers ----------------------------------------------------------------- */

/* Read `out`, compare with ref, free nothing. */
static int finish(const char* what, const hbuf* out, const double* ref, tol t)
{
    double* got = host_alloc(out->n);
    int g = hb_get(out, got);
    int r = check_close(what, got, ref, out->n, t, g);
    free(got);
    return r;
}

static tol scaled(tol t, double by)
{
    if (by < 1) by = 1;
    t.atol *= by;
    return t;
}

/* ---- tests ------------------------------------------------------------------------- */

static void test_library(void)
{
    char d[400];
    mdl_device_info info;
    int ok = check_ok("mdl_device_info_get", mdl_device_info_get(&info));
    if (ok) {
        snprintf(d, sizeof d, "name='%s' backend='%s' multiprocessors=%d total_memory=%lld cc=%d.%d", info.name,
                 info.backend, info.multiprocessors, (long long)info.total_memory, info.compute_major,
                 info.compute_minor);
        check_true("mdl_device_info_get fields", info.name[0] != 0 && info.backend[0] != 0 &&
                                                     info.multiprocessors > 0 && info.total_memory > 0, d);
    }
    snprintf(d, sizeof d, "library %d, header %d", mdl_abi_version(), MDL_ABI_VERSION);
    check_true("mdl_abi_version", mdl_abi_version() == MDL_ABI_VERSION, d);
    check_ok("mdl_synchronize", mdl_synchronize());

    void* p = (void*)1;
    check_true("mdl_alloc(0) gives NULL", mdl_alloc(0, &p) == MDL_OK && p == NULL, "");
    check_ok("mdl_free(NULL)", mdl_free(NULL));
    /* round trip through two buffers, and alignment of the pointers */
    unsigned char src[1000], dst[1000];
    for (int i = 0; i < 1000; ++i) src[i] = (unsigned char)(i * 7 + 3);
    void *b1 = NULL, *b2 = NULL;
    ok = check_ok("mdl_alloc", mdl_alloc(1000, &b1)) && check_ok("mdl_alloc", mdl_alloc(1000, &b2));
    if (ok) {
        check_true("mdl_alloc 64-byte aligned", ((uintptr_t)b1 % 64) == 0 && ((uintptr_t)b2 % 64) == 0, "");
        unsigned char zero[1000];
        mdl_copy_to_host(zero, b1, 1000);
        int allzero = 1;
        for (int i = 0; i < 1000; ++i) allzero &= zero[i] == 0;
        check_true("mdl_alloc zero-filled", allzero, "");
        ok = check_ok("mdl_copy_to_device", mdl_copy_to_device(b1, src, 1000)) &&
             check_ok("mdl_copy_device", mdl_copy_device(b2, b1, 1000)) &&
             check_ok("mdl_copy_to_host", mdl_copy_to_host(dst, b2, 1000));
        if (ok) check_true("mdl_copy_* round trip", memcmp(src, dst, 1000) == 0, "1000 bytes");
    }
    /* An allocation that cannot succeed fails with OUT_OF_MEMORY, and leaves nothing behind: the
     * next call works. (The CUDA build once reported that failure again at the next kernel
     * launch: a failed cudaMalloc also leaves its error for cudaGetLastError, which the launch
     * check reads. Found by running the kernels on the CPU emulator, tests/cuda_emu.) */
    void* huge = (void*)1;
    mdl_status st = mdl_alloc((size_t)1 << 60, &huge);
    check_true("mdl_alloc(2^60 bytes) fails with OUT_OF_MEMORY, out = NULL",
               st == MDL_ERR_OUT_OF_MEMORY && huge == NULL, mdl_last_error());
    if (b2 != NULL || check_ok("mdl_alloc", mdl_alloc(1000, &b2))) {
        check_ok("mdl_fill after a failed allocation", mdl_fill(MDL_F32, 250, b2, 1.5));
        check_ok("mdl_synchronize after a failed allocation", mdl_synchronize());
    }
    mdl_free(b1);
    mdl_free(b2);
    check_ok("mdl_set_threads(0)", mdl_set_threads(0));
}

static void test_fill_scale_axpy(mdl_dtype dt)
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
        for (int64_t i = 0; i < n; ++i) ref[i] = v;
        snprintf(what, sizeof what, "mdl_fill %s n=%lld", dt_name(dt), (long long)n);
        if (check_ok(what, mdl_fill(dt, n, hy.p, v))) finish(what, &hy, ref, t);
        hb_free(&hy);

        double alphas[2] = {-1.5, 0.0};
        for (int a = 0; a < 2; ++a) {
            hy = hb_new(dt, n, y);
            for (int64_t i = 0; i < n; ++i) ref[i] = alphas[a] * y[i];
            snprintf(what, sizeof what, "mdl_scale %s n=%lld alpha=%g", dt_name(dt), (long long)n, alphas[a]);
            if (check_ok(what, mdl_scale(dt, n, alphas[a], hy.p))) finish(what, &hy, ref, t);
            hb_free(&hy);
        }

        hbuf hx = hb_new(dt, n, x);
        hy = hb_new(dt, n, y);
        double alpha = round_to(dt, 0.625);
        for (int64_t i = 0; i < n; ++i) ref[i] = y[i] + alpha * x[i];
        snprintf(what, sizeof what, "mdl_axpy %s n=%lld", dt_name(dt), (long long)n);
        if (check_ok(what, mdl_axpy(dt, n, alpha, hx.p, hy.p))) finish(what, &hy, ref, t);
        hb_free(&hx);
        hb_free(&hy);
        free(x); free(y); free(ref);
    }
}

static void test_map(mdl_dtype dt)
{
    char what[200];
    tol t = tol_for(dt);
    for (int op = 0; op < MDL_UNARY_OP_COUNT; ++op) {
        double p = round_to(dt, op_param(op));
        for (int s = 0; s < N_SIZES; ++s) {
            int64_t n = SIZES[s];
            double* x = unary_inputs(dt, op, n);
            double* ref = host_alloc(n);
            for (int64_t i = 0; i < n; ++i) ref[i] = ref_map(op, x[i], p);

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
            for (int64_t i = 0; i < n; ++i) ref[i] = dx0[i] + dy[i] * ref_dmap(op, x[i], y[i], p);
            hbuf bx = hb_new(dt, n, x), by = hb_new(dt, n, y), bdy = hb_new(dt, n, dy), bdx = hb_new(dt, n, dx0);
            snprintf(what, sizeof what, "mdl_map_backward %s %s n=%lld", UNARY_NAMES[op], dt_name(dt), (long long)n);
            if (check_ok(what, mdl_map_backward(dt, (mdl_unary_op)op, n, bx.p, by.p, bdy.p, bdx.p, p)))
                finish(what, &bdx, ref, t);
            hb_free(&bx); hb_free(&by); hb_free(&bdy); hb_free(&bdx);
            free(x); free(y); free(dy); free(dx0); free(ref);
        }
    }
}

/* exp, sigmoid, tanh and elu at the edges of their range: the vectorized e^x (cpu_math.h)
 * must give +-inf / 0 / NaN exactly where libm does and stay within a few ulp elsewhere.
 * Values whose true result is subnormal may come back as 0 (atol = the smallest normal). */
static void test_map_extremes(mdl_dtype dt)
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
            if (bad) snprintf(detail, sizeof detail, "wrote outside y");
            for (int64_t i = 0; i < n && !bad; ++i) {
                double ref = round_to(dt, ref_map(op, x[i], 1.0)), g = got[i];
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
}

static void test_zip(mdl_dtype dt)
{
    char what[200];
    tol t = tol_for(dt);
    for (int op = 0; op < MDL_BINARY_OP_COUNT; ++op) {
        for (int s = 0; s < N_SIZES; ++s) {
            int64_t n = SIZES[s];
            double* a = host_random(dt, n, -2, 2);
            double* b = zip_b_inputs(dt, a, n, n);
            double* ref = host_alloc(n);
            for (int64_t i = 0; i < n; ++i) ref[i] = ref_zip(op, a[i], b[i]);
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
            for (int64_t i = 0; i < n; ++i) {
                ref[i] = da0[i] + dc[i] * ref_dza(op, a[i], b[i]);
                refb[i] = db0[i] + dc[i] * ref_dzb(op, a[i], b[i]);
            }
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

/* zip_row (vec over columns, per = cols) and zip_col (vec over rows, per = rows) */
static void test_broadcast(mdl_dtype dt, int by_row)
{
    char what[200];
    tol t = tol_for(dt);
    const char* name = by_row ? "mdl_zip_row" : "mdl_zip_col";
    for (int op = 0; op < MDL_BINARY_OP_COUNT; ++op) {
        for (int s = 0; s < N_SHAPES; ++s) {
            int64_t rows = SHAPES[s].r, cols = SHAPES[s].c, n = rows * cols, nv = by_row ? cols : rows;
            double* x = host_random(dt, n, -2, 2);
            double* v = zip_b_inputs(dt, x, n, nv);
            double* ref = host_alloc(n);
            for (int64_t i = 0; i < rows; ++i)
                for (int64_t j = 0; j < cols; ++j)
                    ref[i * cols + j] = ref_zip(op, x[i * cols + j], by_row ? v[j] : v[i]);
            hbuf hx = hb_new(dt, n, x), hv = hb_new(dt, nv, v), hy = hb_new(dt, n, NULL);
            snprintf(what, sizeof what, "%s %s %s %lldx%lld", name, BINARY_NAMES[op], dt_name(dt), (long long)rows,
                     (long long)cols);
            mdl_status st = by_row ? mdl_zip_row(dt, (mdl_binary_op)op, rows, cols, hx.p, hv.p, hy.p)
                                   : mdl_zip_col(dt, (mdl_binary_op)op, rows, cols, hx.p, hv.p, hy.p);
            if (check_ok(what, st)) finish(what, &hy, ref, t);
            hb_free(&hy);

            /* backward */
            double* dy = host_random(dt, n, -1, 1);
            double* dx0 = host_random(dt, n, -1, 1);
            double* dv0 = host_random(dt, nv, -1, 1);
            double* refv = host_alloc(nv);
            for (int64_t q = 0; q < nv; ++q) refv[q] = dv0[q];
            for (int64_t i = 0; i < rows; ++i)
                for (int64_t j = 0; j < cols; ++j) {
                    int64_t e = i * cols + j;
                    double vv = by_row ? v[j] : v[i];
                    ref[e] = dx0[e] + dy[e] * ref_dza(op, x[e], vv);
                    refv[by_row ? j : i] += dy[e] * ref_dzb(op, x[e], vv);
                }
            hbuf hdy = hb_new(dt, n, dy), hdx = hb_new(dt, n, dx0), hdv = hb_new(dt, nv, dv0);
            snprintf(what, sizeof what, "%s_backward %s %s %lldx%lld", name, BINARY_NAMES[op], dt_name(dt),
                     (long long)rows, (long long)cols);
            st = by_row ? mdl_zip_row_backward(dt, (mdl_binary_op)op, rows, cols, hx.p, hv.p, hdy.p, hdx.p, hdv.p)
                        : mdl_zip_col_backward(dt, (mdl_binary_op)op, rows, cols, hx.p, hv.p, hdy.p, hdx.p, hdv.p);
            if (check_ok(what, st)) {
                finish(what, &hdx, ref, t);
                finish(what, &hdv, refv, scaled(t, (double)(by_row ? rows : cols)));
            }
            hb_free(&hx); hb_free(&hv); hb_free(&hdy); hb_free(&hdx); hb_free(&hdv);
            free(x); free(v); free(ref); free(dy); free(dx0); free(dv0); free(refv);
        }
    }
}

static void test_add_bias(mdl_dtype dt)
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
            for (int64_t i = 0; i < rows; ++i)
                for (int64_t j = 0; j < cols; ++j)
                    ref[i * cols + j] = ref_map(op, round_to(dt, x[i * cols + j] + b[j]), p);
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

static void test_reductions(mdl_dtype dt)
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
            /* sum_rows: y[j] = beta y[j] + sum_i x[i,j] */
            double* y0 = host_random(dt, cols, -1, 1);
            double* ref = host_alloc(cols);
            for (int64_t j = 0; j < cols; ++j) {
                double acc = 0;
                for (int64_t i = 0; i < rows; ++i) acc += x[i * cols + j];
                ref[j] = (beta == 0 ? 0 : beta * y0[j]) + acc;
            }
            hbuf hy = hb_new(dt, cols, beta == 0 ? NULL : y0);
            snprintf(what, sizeof what, "mdl_sum_rows %s %lldx%lld beta=%g", dt_name(dt), (long long)rows,
                     (long long)cols, beta);
            if (check_ok(what, mdl_sum_rows(dt, rows, cols, hx.p, beta, hy.p)))
                finish(what, &hy, ref, scaled(t, (double)rows));
            hb_free(&hy); free(y0); free(ref);

            /* sum_cols: y[i] = beta y[i] + sum_j x[i,j] */
            y0 = host_random(dt, rows, -1, 1);
            ref = host_alloc(rows);
            for (int64_t i = 0; i < rows; ++i) {
                double acc = 0;
                for (int64_t j = 0; j < cols; ++j) acc += x[i * cols + j];
                ref[i] = (beta == 0 ? 0 : beta * y0[i]) + acc;
            }
            hy = hb_new(dt, rows, beta == 0 ? NULL : y0);
            snprintf(what, sizeof what, "mdl_sum_cols %s %lldx%lld beta=%g", dt_name(dt), (long long)rows,
                     (long long)cols, beta);
            if (check_ok(what, mdl_sum_cols(dt, rows, cols, hx.p, beta, hy.p)))
                finish(what, &hy, ref, scaled(t, (double)cols));
            hb_free(&hy); free(y0); free(ref);
        }
        /* transpose: y[j*rows + i] = x[i*cols + j] */
        double* ref = host_alloc(n);
        for (int64_t i = 0; i < rows; ++i)
            for (int64_t j = 0; j < cols; ++j) ref[j * rows + i] = x[i * cols + j];
        hbuf hy = hb_new(dt, n, NULL);
        snprintf(what, sizeof what, "mdl_transpose %s %lldx%lld", dt_name(dt), (long long)rows, (long long)cols);
        if (check_ok(what, mdl_transpose(dt, rows, cols, hx.p, hy.p))) finish(what, &hy, ref, t);
        hb_free(&hy); hb_free(&hx); free(ref); free(x);
    }
    for (int s = 0; s < N_SIZES; ++s) {
        int64_t n = SIZES[s];
        double* x = host_random(dt, n, -1, 1);
        double acc = 0;
        for (int64_t i = 0; i < n; ++i) acc += x[i];
        hbuf hx = hb_new(dt, n, x);
        double betas2[2] = {0.0, -2.0};
        for (int bi = 0; bi < 2; ++bi) {
            double o0 = round_to(dt, 0.375);
            double ref = (betas2[bi] == 0 ? 0 : betas2[bi] * o0) + acc;
            hbuf ho = hb_new(dt, 1, betas2[bi] == 0 ? NULL : &o0);
            snprintf(what, sizeof what, "mdl_sum %s n=%lld beta=%g", dt_name(dt), (long long)n, betas2[bi]);
            if (check_ok(what, mdl_sum(dt, n, hx.p, betas2[bi], ho.p))) finish(what, &ho, &ref, scaled(t, (double)n));
            hb_free(&ho);
        }
        hb_free(&hx); free(x);
    }
}

/* C = alpha op(A) op(B) + beta C, reference in float64: op(A), op(B) made explicit first. */
static void gemm_case(mdl_dtype dt, int ta, int tb, int64_t m, int64_t n, int64_t k, double alpha, double beta)
{
    char what[200];
    double* a = host_random(dt, m * k, -1, 1);  /* stored m x k or k x m */
    double* b = host_random(dt, k * n, -1, 1);  /* stored k x n or n x k */
    double* c0 = host_random(dt, m * n, -1, 1);
    double* opa = host_alloc(m * k);
    double* opb = host_alloc(k * n);
    for (int64_t i = 0; i < m; ++i)
        for (int64_t p = 0; p < k; ++p) opa[i * k + p] = ta ? a[p * m + i] : a[i * k + p];
    for (int64_t p = 0; p < k; ++p)
        for (int64_t j = 0; j < n; ++j) opb[p * n + j] = tb ? b[j * k + p] : b[p * n + j];
    double* ref = host_alloc(m * n);
    for (int64_t i = 0; i < m; ++i) {
        double* r = ref + i * n;
        for (int64_t p = 0; p < k; ++p) {
            double aip = opa[i * k + p];
            const double* bp = opb + p * n;
            for (int64_t j = 0; j < n; ++j) r[j] += aip * bp[j];
        }
        for (int64_t j = 0; j < n; ++j) r[j] = alpha * r[j] + (beta == 0 ? 0 : beta * c0[i * n + j]);
    }
    hbuf ha = hb_new(dt, m * k, a), hb = hb_new(dt, k * n, b), hc = hb_new(dt, m * n, beta == 0 ? NULL : c0);
    snprintf(what, sizeof what, "mdl_gemm %s %c%c m=%lld n=%lld k=%lld alpha=%g beta=%g", dt_name(dt), ta ? 'T' : 'N',
             tb ? 'T' : 'N', (long long)m, (long long)n, (long long)k, alpha, beta);
    if (check_ok(what, mdl_gemm(dt, ta, tb, m, n, k, alpha, ha.p, hb.p, beta, hc.p)))
        finish(what, &hc, ref, scaled(tol_for(dt), 4.0 * (double)k));
    hb_free(&ha); hb_free(&hb); hb_free(&hc);
    free(a); free(b); free(c0); free(opa); free(opb); free(ref);
}

static void test_gemm(mdl_dtype dt)
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
    /* thin products (the direct path when n, m or k <= 16, AVX-512): the MLP's 10-wide shapes,
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

static void row_softmax_ref(const double* x, int64_t cols, double* y, int log_form)
{
    double m = x[0], s = 0;
    for (int64_t j = 1; j < cols; ++j) m = x[j] > m ? x[j] : m;
    for (int64_t j = 0; j < cols; ++j) s += exp(x[j] - m);
    for (int64_t j = 0; j < cols; ++j) y[j] = log_form ? x[j] - m - log(s) : exp(x[j] - m) / s;
}

/* softmax of one row whose max is 0, so y[j] = e^{x[j]} / s with s close to 1: exercises the
 * f64 table exp (cpu_math.h mdl_exp_neg_tab: x = (k + j/16) ln2 + r) at the table ends
 * (j = 0 and 15), right on multiples of ln2/16 (r = 0), one and two ulp beside them and at
 * the half-steps where the rounding of N flips (|r| = ln2/32, the polynomial's worst case),
 * down to ln(DBL_MIN) and below (-> 0, -inf -> 0). 517 columns: vector body and tail. */
static void test_softmax_exp_table(mdl_dtype dt)
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
    row_softmax_ref(x, cols, ref, 0);
    for (int64_t j = 0; j < cols; ++j) ref[j] = round_to(dt, ref[j]);
    hbuf hx = hb_new(dt, cols, x), hy = hb_new(dt, cols, NULL);
    char what[200];
    snprintf(what, sizeof what, "mdl_softmax %s exp table boundaries (multiples of ln2/16)", dt_name(dt));
    tol t = dt == MDL_F32 ? (tol){1.2e-38, 8 * 1.1920928955078125e-07} : (tol){2.3e-308, 8 * 2.220446049250313e-16};
    if (check_ok(what, mdl_softmax(dt, 1, cols, hx.p, hy.p))) finish(what, &hy, ref, t);
    hb_free(&hx); hb_free(&hy);
    free(x); free(ref);
}

static void test_softmax(mdl_dtype dt)
{
    char what[200];
    tol t = tol_for(dt);
    for (int s = 0; s < N_SHAPES; ++s) {
        int64_t rows = SHAPES[s].r, cols = SHAPES[s].c, n = rows * cols;
        double* x = host_random(dt, n, -5, 5);
        if (rows > 2) for (int64_t j = 0; j < cols; ++j) x[cols + j] = round_to(dt, 80.0 + 20.0 * j / (double)cols);
        double* ref = host_alloc(n);
        double* dy = host_random(dt, n, -1, 1);
        double* dx0 = host_random(dt, n, -1, 1);
        for (int lf = 0; lf < 2; ++lf) {
            const char* nm = lf ? "mdl_log_softmax" : "mdl_softmax";
            for (int64_t i = 0; i < rows; ++i) row_softmax_ref(x + i * cols, cols, ref + i * cols, lf);
            hbuf hx = hb_new(dt, n, x), hy = hb_new(dt, n, NULL);
            snprintf(what, sizeof what, "%s %s %lldx%lld", nm, dt_name(dt), (long long)rows, (long long)cols);
            mdl_status st = lf ? mdl_log_softmax(dt, rows, cols, hx.p, hy.p) : mdl_softmax(dt, rows, cols, hx.p, hy.p);
            if (check_ok(what, st)) finish(what, &hy, ref, scaled(t, lf ? 10.0 : 1.0));
            hb_free(&hx); hb_free(&hy);

            /* backward from y (the forward's output, rounded) */
            double* y = host_alloc(n);
            for (int64_t e = 0; e < n; ++e) y[e] = round_to(dt, ref[e]);
            double* refd = host_alloc(n);
            for (int64_t i = 0; i < rows; ++i) {
                double acc = 0;
                for (int64_t j = 0; j < cols; ++j) acc += lf ? dy[i * cols + j] : dy[i * cols + j] * y[i * cols + j];
                for (int64_t j = 0; j < cols; ++j) {
                    int64_t e = i * cols + j;
                    refd[e] = dx0[e] + (lf ? dy[e] - exp(y[e]) * acc : y[e] * (dy[e] - acc));
                }
            }
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
        for (int64_t i = 0; i < rows; ++i) {
            const double* z = x + i * cols;
            double m = cols ? z[0] : 0, se = 0, l = 0;
            for (int64_t j = 1; j < cols; ++j) m = z[j] > m ? z[j] : m;
            for (int64_t j = 0; j < cols; ++j) se += exp(z[j] - m);
            double lse = m + log(se);
            for (int64_t j = 0; j < cols; ++j) {
                l -= tg[i * cols + j] * (z[j] - lse);
                probs[i * cols + j] = exp(z[j] - lse);
            }
            loss[i] = cols ? l : 0.0;
        }
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
        for (int64_t i = 0; i < rows; ++i) {
            double st = 0;
            for (int64_t j = 0; j < cols; ++j) st += tg[i * cols + j];
            for (int64_t j = 0; j < cols; ++j) {
                int64_t e = i * cols + j;
                ref[e] = dx0[e] + g[i] * (probs[e] * st - tg[e]);
            }
        }
        hbuf hp = hb_new(dt, n, probs), ht = hb_new(dt, n, tg), hg = hb_new(dt, rows, g), hdz = hb_new(dt, n, dx0);
        snprintf(what, sizeof what, "mdl_softmax_xent_backward %s %lldx%lld", dt_name(dt), (long long)rows,
                 (long long)cols);
        if (check_ok(what, mdl_softmax_xent_backward(dt, rows, cols, hp.p, ht.p, hg.p, hdz.p)))
            finish(what, &hdz, ref, t);
        hb_free(&hp); hb_free(&ht); hb_free(&hg); hb_free(&hdz);
        free(x); free(ref); free(dy); free(dx0); free(tg); free(probs); free(loss); free(g);
    }
}

/* Outputs over 32 MB take the streaming-store path of the AVX-512 kernels (cpu_softmax.inc:
 * a scratch row, then non-temporal stores from the first 64-byte boundary, plain masked
 * stores for the head and the tail). 1001 columns: the rows start at every 4- (8-) byte
 * offset of a cache line, and each has a tail. Other builds run their plain loops here. */
static void test_softmax_streaming(mdl_dtype dt)
{
    char what[200];
    tol t = tol_for(dt);
    int64_t cols = 1001, rows = dt == MDL_F32 ? 8500 : 4300, n = rows * cols; /* ~34 MB of output */
    double* x = host_random(dt, n, -5, 5);
    double* tg = host_alloc(n);
    for (int64_t i = 0; i < rows; ++i) tg[i * cols + (i * 7919) % cols] = 1.0; /* one-hot targets */
    double* ref = host_alloc(n);
    double* loss = host_alloc(rows);
    hbuf hx = hb_new(dt, n, x);
    for (int k = 0; k < 3; ++k) { /* softmax, log_softmax, softmax_xent (probs kept) */
        for (int64_t i = 0; i < rows; ++i) {
            row_softmax_ref(x + i * cols, cols, ref + i * cols, k == 1);
            double l = 0;
            for (int64_t j = 0; j < cols; ++j)
                if (tg[i * cols + j] != 0) l = -log(ref[i * cols + j]);
            loss[i] = l;
        }
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

/* The dropout uniform of minidl.h, written out again. */
static double dropout_u(uint64_t seed, uint64_t i)
{
    uint64_t z = seed + (i + 1) * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (double)(z >> 11) * 0x1.0p-53;
}

static void test_dropout(mdl_dtype dt)
{
    char what[200];
    tol exact = {0.0, 0.0};
    double ps[3] = {0.0, 0.3, 0.9};
    uint64_t seeds[2] = {42, 0xDEADBEEFCAFEF00Dull};
    for (int s = 0; s < N_SIZES; ++s) {
        int64_t n = SIZES[s];
        for (int pi = 0; pi < 3; ++pi)
            for (int si = 0; si < 2; ++si) {
                double p = ps[pi], keep = round_to(dt, 1.0 / (1.0 - p));
                double* ref = host_alloc(n);
                double mean = 0;
                for (int64_t i = 0; i < n; ++i) mean += (ref[i] = dropout_u(seeds[si], (uint64_t)i) >= p ? keep : 0.0);
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

static void test_optim(mdl_dtype dt)
{
    char what[200];
    tol t = tol_for(dt);
    for (int s = 0; s < N_SIZES; ++s) {
        int64_t n = SIZES[s];
        double* g = host_random(dt, n, -1, 1);
        double* w = host_random(dt, n, -1, 1);
        double* m = host_random(dt, n, -0.1, 0.1);
        double* v = host_random(dt, n, 0, 0.01);
        double* rw = host_alloc(n);
        double* rm = host_alloc(n);
        double* rv = host_alloc(n);
        double lr = 0.05, beta = 0.9;

        for (int64_t i = 0; i < n; ++i) rw[i] = w[i] - lr * g[i];
        hbuf hg = hb_new(dt, n, g), hw = hb_new(dt, n, w);
        snprintf(what, sizeof what, "mdl_sgd_step %s n=%lld", dt_name(dt), (long long)n);
        if (check_ok(what, mdl_sgd_step(dt, n, lr, hg.p, hw.p))) finish(what, &hw, rw, t);
        hb_free(&hw);

        for (int64_t i = 0; i < n; ++i) { rm[i] = beta * m[i] + lr * g[i]; rw[i] = w[i] - rm[i]; }
        hw = hb_new(dt, n, w);
        hbuf hv = hb_new(dt, n, m);
        snprintf(what, sizeof what, "mdl_momentum_step %s n=%lld", dt_name(dt), (long long)n);
        if (check_ok(what, mdl_momentum_step(dt, n, lr, beta, hg.p, hv.p, hw.p))) {
            finish(what, &hv, rm, t);
            finish(what, &hw, rw, t);
        }
        hb_free(&hw); hb_free(&hv);

        int64_t steps[2] = {1, 7};
        for (int si = 0; si < 2; ++si) {
            int64_t st = steps[si];
            double b1 = 0.9, b2 = 0.999, eps = 1e-8, lr2 = 0.001;
            double c1 = 1.0 / (1.0 - pow(b1, (double)st)), c2 = 1.0 / (1.0 - pow(b2, (double)st));
            for (int64_t i = 0; i < n; ++i) {
                rm[i] = b1 * m[i] + (1 - b1) * g[i];
                rv[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                rw[i] = w[i] - lr2 * (rm[i] * c1) / (sqrt(rv[i] * c2) + eps);
            }
            hbuf bm = hb_new(dt, n, m), bv = hb_new(dt, n, v), bw = hb_new(dt, n, w);
            snprintf(what, sizeof what, "mdl_adam_step %s n=%lld t=%lld", dt_name(dt), (long long)n, (long long)st);
            if (check_ok(what, mdl_adam_step(dt, n, lr2, b1, b2, eps, st, hg.p, bm.p, bv.p, bw.p))) {
                finish(what, &bm, rm, t);
                finish(what, &bv, rv, t);
                finish(what, &bw, rw, t);
            }
            hb_free(&bm); hb_free(&bv); hb_free(&bw);
        }
        hb_free(&hg);
        free(g); free(w); free(m); free(v); free(rw); free(rm); free(rv);
    }

    /* adam_step_multi over tensors of lengths 17, 0, 1023, 33 == four single steps */
    enum { CNT = 4 };
    int64_t lens[CNT] = {17, 0, 1023, 33};
    hbuf hg[CNT], hm[CNT], hv[CNT], hw[CNT];
    void *pg[CNT], *pm[CNT], *pv[CNT], *pw[CNT];
    double *rm[CNT], *rv[CNT], *rw[CNT];
    double b1 = 0.8, b2 = 0.99, eps = 1e-7, lr = 0.01;
    int64_t st = 3;
    double c1 = 1.0 / (1.0 - pow(b1, (double)st)), c2 = 1.0 / (1.0 - pow(b2, (double)st));
    for (int q = 0; q < CNT; ++q) {
        int64_t n = lens[q];
        double* g = host_random(dt, n, -1, 1);
        double* m = host_random(dt, n, -0.1, 0.1);
        double* v = host_random(dt, n, 0, 0.01);
        double* w = host_random(dt, n, -1, 1);
        rm[q] = host_alloc(n); rv[q] = host_alloc(n); rw[q] = host_alloc(n);
        for (int64_t i = 0; i < n; ++i) {
            rm[q][i] = b1 * m[i] + (1 - b1) * g[i];
            rv[q][i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            rw[q][i] = w[i] - lr * (rm[q][i] * c1) / (sqrt(rv[q][i] * c2) + eps);
        }
        hg[q] = hb_new(dt, n, g); hm[q] = hb_new(dt, n, m); hv[q] = hb_new(dt, n, v); hw[q] = hb_new(dt, n, w);
        pg[q] = hg[q].p; pm[q] = hm[q].p; pv[q] = hv[q].p; pw[q] = hw[q].p;
        free(g); free(m); free(v); free(w);
    }
    snprintf(what, sizeof what, "mdl_adam_step_multi %s count=%d", dt_name(dt), CNT);
    int ok = check_ok(what, mdl_adam_step_multi(dt, CNT, lens, lr, b1, b2, eps, st, pg, pm, pv, pw));
    for (int q = 0; q < CNT; ++q) {
        if (ok) {
            snprintf(what, sizeof what, "mdl_adam_step_multi %s tensor %d n=%lld", dt_name(dt), q, (long long)lens[q]);
            finish(what, &hm[q], rm[q], t);
            finish(what, &hv[q], rv[q], t);
            finish(what, &hw[q], rw[q], t);
        }
        hb_free(&hg[q]); hb_free(&hm[q]); hb_free(&hv[q]); hb_free(&hw[q]);
        free(rm[q]); free(rv[q]); free(rw[q]);
    }
}

/* Bad arguments: a non-zero status and a message that names the function. */
static void expect_error(const char* fn, mdl_status st, const char* case_name)
{
    char what[300], d[600];
    const char* msg = mdl_last_error();
    snprintf(what, sizeof what, "error path %s: %s", fn, case_name);
    snprintf(d, sizeof d, "status=%d message='%s'", (int)st, msg ? msg : "(null)");
    check_true(what, st != MDL_OK && msg && strstr(msg, fn) != NULL, d);
}

static void test_errors(void)
{
    void* buf = NULL;
    mdl_alloc(64 * 8, &buf);
    void* bufs[1] = {buf};
    int64_t lens[1] = {-4};
    expect_error("mdl_gemm", mdl_gemm(MDL_F32, 0, 0, -1, 4, 4, 1.0, buf, buf, 0.0, buf), "m=-1");
    expect_error("mdl_gemm", mdl_gemm(MDL_F32, 0, 0, 4, 4, -2, 1.0, buf, buf, 0.0, buf), "k=-2");
    expect_error("mdl_gemm", mdl_gemm(MDL_F64, 2, 0, 4, 4, 4, 1.0, buf, buf, 0.0, buf), "trans_a=2");
    expect_error("mdl_gemm", mdl_gemm(MDL_F64, 0, 0, 4, 4, 4, 1.0, NULL, buf, 0.0, buf), "a NULL");
    expect_error("mdl_gemm", mdl_gemm((mdl_dtype)7, 0, 0, 4, 4, 4, 1.0, buf, buf, 0.0, buf), "dtype 7");
    expect_error("mdl_map", mdl_map(MDL_F32, (mdl_unary_op)99, 4, buf, buf, 0.0), "op 99");
    expect_error("mdl_map", mdl_map(MDL_F32, (mdl_unary_op)-1, 4, buf, buf, 0.0), "op -1");
    expect_error("mdl_map", mdl_map((mdl_dtype)2, MDL_RELU, 4, buf, buf, 0.0), "dtype 2");
    expect_error("mdl_map_backward", mdl_map_backward(MDL_F32, MDL_SIGMOID, 4, buf, NULL, buf, buf, 0.0), "y NULL");
    expect_error("mdl_fill", mdl_fill(MDL_F32, -1, buf, 0.0), "n=-1");
    expect_error("mdl_scale", mdl_scale(MDL_F32, 4, 1.0, NULL), "y NULL");
    expect_error("mdl_axpy", mdl_axpy(MDL_F64, 5, 1.0, NULL, buf), "x NULL");
    expect_error("mdl_zip", mdl_zip(MDL_F32, (mdl_binary_op)5, 4, buf, buf, buf), "op 5");
    expect_error("mdl_zip_backward", mdl_zip_backward(MDL_F32, MDL_MUL, 4, buf, NULL, buf, buf, buf), "b NULL");
    expect_error("mdl_zip_row", mdl_zip_row(MDL_F32, MDL_ADD, -2, 4, buf, buf, buf), "rows=-2");
    expect_error("mdl_zip_row_backward", mdl_zip_row_backward(MDL_F32, MDL_ADD, 2, -4, buf, buf, buf, buf, buf), "cols=-4");
    expect_error("mdl_zip_col", mdl_zip_col(MDL_F64, (mdl_binary_op)9, 2, 4, buf, buf, buf), "op 9");
    expect_error("mdl_zip_col_backward", mdl_zip_col_backward(MDL_F64, MDL_ADD, 2, 4, buf, buf, NULL, buf, buf), "dy NULL");
    expect_error("mdl_add_bias", mdl_add_bias(MDL_F32, (mdl_unary_op)16, 2, 4, buf, buf, buf, 0.0), "act 16");
    expect_error("mdl_sum_rows", mdl_sum_rows(MDL_F32, 2, 4, NULL, 0.0, buf), "x NULL");
    expect_error("mdl_sum_cols", mdl_sum_cols(MDL_F32, -2, 4, buf, 0.0, buf), "rows=-2");
    expect_error("mdl_sum", mdl_sum(MDL_F32, 4, buf, 0.0, NULL), "out NULL");
    expect_error("mdl_transpose", mdl_transpose(MDL_F64, 3, -1, buf, buf), "cols=-1");
    expect_error("mdl_softmax", mdl_softmax(MDL_F32, -3, 4, buf, buf), "rows=-3");
    expect_error("mdl_log_softmax", mdl_log_softmax(MDL_F32, 3, 4, buf, NULL), "y NULL");
    expect_error("mdl_softmax_backward", mdl_softmax_backward((mdl_dtype)3, 3, 4, buf, buf, buf), "dtype 3");
    expect_error("mdl_log_softmax_backward", mdl_log_softmax_backward(MDL_F32, 3, 4, buf, NULL, buf), "dy NULL");
    expect_error("mdl_softmax_xent", mdl_softmax_xent(MDL_F32, 3, 4, buf, NULL, buf, buf), "targets NULL");
    expect_error("mdl_softmax_xent_backward", mdl_softmax_xent_backward(MDL_F32, 3, -4, buf, buf, buf, buf), "cols=-4");
    expect_error("mdl_dropout_mask", mdl_dropout_mask(MDL_F32, 4, 1.0, 1, buf), "p=1");
    expect_error("mdl_dropout_mask", mdl_dropout_mask(MDL_F32, 4, -0.1, 1, buf), "p=-0.1");
    expect_error("mdl_dropout_mask", mdl_dropout_mask(MDL_F64, 4, NAN, 1, buf), "p=NaN");
    expect_error("mdl_sgd_step", mdl_sgd_step(MDL_F32, 4, 0.1, NULL, buf), "g NULL");
    expect_error("mdl_momentum_step", mdl_momentum_step(MDL_F32, 4, 0.1, 0.9, buf, NULL, buf), "v NULL");
    expect_error("mdl_adam_step", mdl_adam_step(MDL_F32, 4, 0.1, 0.9, 0.999, 1e-8, 0, buf, buf, buf, buf), "t=0");
    expect_error("mdl_adam_step_multi",
                 mdl_adam_step_multi(MDL_F32, -1, lens, 0.1, 0.9, 0.999, 1e-8, 1, bufs, bufs, bufs, bufs), "count=-1");
    expect_error("mdl_adam_step_multi",
                 mdl_adam_step_multi(MDL_F32, 1, lens, 0.1, 0.9, 0.999, 1e-8, 1, bufs, bufs, bufs, bufs), "lengths[0]=-4");
    expect_error("mdl_adam_step_multi",
                 mdl_adam_step_multi(MDL_F32, 1, lens, 0.1, 0.9, 0.999, 1e-8, 0, bufs, bufs, bufs, bufs), "t=0");
    expect_error("mdl_copy_to_host", mdl_copy_to_host(NULL, buf, 8), "dst NULL");
    expect_error("mdl_copy_to_device", mdl_copy_to_device(buf, NULL, 8), "src NULL");
    expect_error("mdl_copy_device", mdl_copy_device(NULL, buf, 8), "dst NULL");
    expect_error("mdl_alloc", mdl_alloc(8, NULL), "out NULL");
    expect_error("mdl_device_info_get", mdl_device_info_get(NULL), "out NULL");
    expect_error("mdl_set_threads", mdl_set_threads(-1), "threads=-1");

    /* zero-length calls succeed and touch nothing, even with NULL buffers */
    int ok = mdl_fill(MDL_F32, 0, NULL, 1.0) == MDL_OK && mdl_map(MDL_F64, MDL_EXP, 0, NULL, NULL, 0) == MDL_OK &&
             mdl_zip(MDL_F32, MDL_ADD, 0, NULL, NULL, NULL) == MDL_OK &&
             mdl_gemm(MDL_F32, 0, 0, 0, 0, 5, 1.0, NULL, NULL, 0.0, NULL) == MDL_OK &&
             mdl_softmax(MDL_F64, 0, 4, NULL, NULL) == MDL_OK && mdl_dropout_mask(MDL_F32, 0, 0.5, 1, NULL) == MDL_OK &&
             mdl_adam_step(MDL_F32, 0, 0.1, 0.9, 0.999, 1e-8, 1, NULL, NULL, NULL, NULL) == MDL_OK &&
             mdl_copy_to_host(NULL, NULL, 0) == MDL_OK;
    check_true("zero-length calls with NULL buffers succeed", ok, mdl_last_error());
    mdl_free(buf);
}

int main(int argc, char** argv)
{
    int bench = 0, json = 0;
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--bench") == 0) bench = 1;
        else if (strcmp(argv[i], "--json") == 0) bench = json = 1;
        else if (strcmp(argv[i], "--quick") == 0) g_quick = 1;
        else if (strcmp(argv[i], "-q") == 0) g_verbose = 0;
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) g_only = argv[++i];
        else {
            fprintf(stderr, "usage: %s [--bench [--json]] [--quick] [-q] [--only GROUP]\n", argv[0]);
            return 2;
        }
    }
    setvbuf(stdout, NULL, _IOLBF, 0);

    mdl_device_info info;
    mdl_status st = mdl_device_info_get(&info);
    if (st == MDL_ERR_UNSUPPORTED) {
        printf("SKIP: no device (%s)\n", mdl_last_error());
        return 77;
    }
    if (st != MDL_OK) {
        printf("FAIL mdl_device_info_get: %s\n", mdl_last_error());
        return 1;
    }
    printf("MiniDL harness: backend=%s device='%s' workers=%d abi=%d\n", info.backend, info.name,
           info.multiprocessors, mdl_abi_version());
    if (bench) return run_bench(json);

    rng_seed(20240607);
    if (want("library")) test_library();
    if (want("errors")) test_errors();
    for (int d = 0; d < 2; ++d) {
        mdl_dtype dt = DTS[d];
        if (want("fill_scale_axpy")) test_fill_scale_axpy(dt);
        if (want("map")) test_map(dt);
        if (want("map")) test_map_extremes(dt);
        if (want("zip")) test_zip(dt);
        if (want("zip_row")) test_broadcast(dt, 1);
        if (want("zip_col")) test_broadcast(dt, 0);
        if (want("add_bias")) test_add_bias(dt);
        if (want("reductions")) test_reductions(dt);
        if (want("gemm")) test_gemm(dt);
        if (want("softmax")) test_softmax(dt);
        if (want("softmax")) test_softmax_exp_table(dt);
        if (want("softmax")) test_softmax_streaming(dt);
        if (want("dropout")) test_dropout(dt);
        if (want("optim")) test_optim(dt);
    }
    printf("SUMMARY: %d passed, %d failed (backend %s)\n", g_pass, g_fail, info.backend);
    return g_fail ? 1 : 0;
}
