/* harness_util.c — see harness_util.h. */
#include "harness_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int g_pass = 0, g_fail = 0, g_verbose = 1;
char g_context[96] = "";
static char g_guard[200] = "";

const char* hb_guard_detail(void) { return g_guard; }

static uint64_t g_rng = 0x1234567887654321ull;

void rng_seed(uint64_t seed) { g_rng = seed; }

static uint64_t rng_next(void)
{
    uint64_t z = (g_rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double rng_uniform(double lo, double hi) { return lo + (hi - lo) * ((double)(rng_next() >> 11) * 0x1.0p-53); }

double* host_alloc(int64_t n)
{
    double* p = (double*)calloc((size_t)(n > 0 ? n : 1), sizeof(double));
    if (!p) { fprintf(stderr, "harness: out of host memory (%lld doubles)\n", (long long)n); exit(2); }
    return p;
}

double round_to(mdl_dtype dt, double v) { return dt == MDL_F32 ? (double)(float)v : v; }

void round_all(mdl_dtype dt, double* v, int64_t n)
{
    for (int64_t i = 0; i < n; ++i) v[i] = round_to(dt, v[i]);
}

double* host_random(mdl_dtype dt, int64_t n, double lo, double hi)
{
    double* p = host_alloc(n);
    for (int64_t i = 0; i < n; ++i) p[i] = round_to(dt, rng_uniform(lo, hi));
    return p;
}

size_t dt_size(mdl_dtype dt) { return dt == MDL_F32 ? 4 : 8; }
const char* dt_name(mdl_dtype dt) { return dt == MDL_F32 ? "f32" : "f64"; }

/* host doubles -> a staging array of dt */
static void* to_dt(mdl_dtype dt, const double* v, int64_t n)
{
    void* s = malloc((size_t)(n > 0 ? n : 1) * dt_size(dt));
    if (!s) { fprintf(stderr, "harness: out of host memory\n"); exit(2); }
    for (int64_t i = 0; i < n; ++i) {
        if (dt == MDL_F32) ((float*)s)[i] = (float)v[i];
        else ((double*)s)[i] = v[i];
    }
    return s;
}

hbuf hb_new(mdl_dtype dt, int64_t n, const double* init)
{
    hbuf b;
    b.dt = dt;
    b.n = n;
    static int made = 0;
    b.sentinel = HB_SENTINEL + 0.25 * (made++ % 64); /* exact in f32 and f64 */
    int64_t total = n + 2 * HB_GUARD;
    double* host = host_alloc(total);
    for (int64_t i = 0; i < total; ++i) host[i] = b.sentinel;
    for (int64_t i = 0; i < n; ++i) host[HB_GUARD + i] = init ? init[i] : NAN;
    void* stage = to_dt(dt, host, total);
    if (mdl_alloc((size_t)total * dt_size(dt), &b.base) != MDL_OK ||
        mdl_copy_to_device(b.base, stage, (size_t)total * dt_size(dt)) != MDL_OK) {
        fprintf(stderr, "harness: mdl_alloc/mdl_copy_to_device failed: %s\n", mdl_last_error());
        exit(2);
    }
    b.p = (char*)b.base + HB_GUARD * dt_size(dt);
    free(stage);
    free(host);
    return b;
}

int hb_get(const hbuf* b, double* out)
{
    int64_t total = b->n + 2 * HB_GUARD;
    void* stage = malloc((size_t)total * dt_size(b->dt));
    if (!stage) { fprintf(stderr, "harness: out of host memory\n"); exit(2); }
    if (mdl_copy_to_host(stage, b->base, (size_t)total * dt_size(b->dt)) != MDL_OK) {
        fprintf(stderr, "harness: mdl_copy_to_host failed: %s\n", mdl_last_error());
        exit(2);
    }
    int ok = 1;
    g_guard[0] = '\0';
    for (int64_t i = 0; i < total; ++i) {
        double v = b->dt == MDL_F32 ? (double)((float*)stage)[i] : ((double*)stage)[i];
        if (i < HB_GUARD || i >= HB_GUARD + b->n) {
            if (v != b->sentinel && ok) {
                ok = 0;
                if (i < HB_GUARD) /* report the changed element nearest the buffer (index -1 first) */
                    for (int64_t j = HB_GUARD - 1; j >= 0; --j) {
                        double w = b->dt == MDL_F32 ? (double)((float*)stage)[j] : ((double*)stage)[j];
                        if (w != b->sentinel) { i = j; v = w; break; }
                    }
                snprintf(g_guard, sizeof g_guard,
                         "WROTE OUTSIDE THE OUTPUT: %s its %lld elements, at index [%lld] (= %.9g; the guard "
                         "band of %d elements there should still hold %g)",
                         i < HB_GUARD ? "before the first of" : "past the last of", (long long)b->n,
                         (long long)(i - HB_GUARD), v, HB_GUARD, b->sentinel);
            }
        } else if (out) {
            out[i - HB_GUARD] = v;
        }
    }
    free(stage);
    return ok;
}

void hb_free(hbuf* b)
{
    mdl_free(b->base);
    b->base = b->p = NULL;
}

tol tol_for(mdl_dtype dt)
{
    tol t;
    if (dt == MDL_F32) { t.atol = 1e-5; t.rtol = 1e-4; }
    else               { t.atol = 1e-12; t.rtol = 1e-10; }
    return t;
}

static void report(int pass, const char* what, const char* detail)
{
    if (pass) g_pass++;
    else g_fail++;
    if (g_verbose || !pass)
        printf("%s %s%s%s%s%s\n", pass ? "PASS" : "FAIL", what, detail && *detail ? "  " : "", detail ? detail : "",
               !pass && g_context[0] ? "  " : "", !pass ? g_context : "");
}

int check_close(const char* what, const double* got, const double* ref, int64_t n, tol t, int guards_ok)
{
    double maxerr = 0;
    int64_t nbad = 0, shown[3];
    for (int64_t i = 0; i < n; ++i) {
        double g = got[i], r = ref[i];
        if (isnan(r) && isnan(g)) continue;
        if (isinf(r) && g == r) continue;
        double err = fabs(g - r);
        if (!(err <= t.atol + t.rtol * fabs(r))) { /* also catches NaN */
            if (nbad < 3) shown[nbad] = i;
            ++nbad;
            if (isnan(err)) err = INFINITY;
        }
        if (err > maxerr || isnan(err)) maxerr = err;
    }
    char detail[900];
    int len = snprintf(detail, sizeof detail, "compared %lld values, maxerr=%.3g", (long long)n, maxerr);
    if (nbad > 0) {
        len += snprintf(detail + len, sizeof detail - (size_t)len, "; %lld wrong (tolerance %.3g + %.3g |want|):",
                        (long long)nbad, t.atol, t.rtol);
        for (int k = 0; k < 3 && k < nbad; ++k)
            len += snprintf(detail + len, sizeof detail - (size_t)len, " [%lld] got %.9g want %.9g;",
                            (long long)shown[k], got[shown[k]], ref[shown[k]]);
    }
    if (!guards_ok) snprintf(detail + len, sizeof detail - (size_t)len, " %s", g_guard);
    int pass = nbad == 0 && guards_ok;
    report(pass, what, detail);
    return pass;
}

int check_true(const char* what, int cond, const char* detail)
{
    report(cond, what, detail);
    return cond;
}

int check_ok(const char* what, mdl_status st)
{
    if (st == MDL_OK) return 1;
    char detail[600];
    snprintf(detail, sizeof detail, "returned %d: %s", (int)st, mdl_last_error());
    report(0, what, detail);
    return 0;
}

/* ============================== shared by the harness_<family>.c files ============================== */

const mdl_dtype DTS[2] = {MDL_F32, MDL_F64};
const int64_t SIZES[N_SIZES] = {0, 1, 17, 33, 1023, 1029 * 917};
/* {128, 10} .. {9000, 10}: the short-row (cols <= 16) softmax kernels, one- and multi-threaded;
 * {3, 2500}, {2, 5000}: rows over 1024 columns (the CUDA build's one-block-per-row kernels) and
 * over 16 KB (the CPU kernels' no-prefetch path for long rows) */
const shape SHAPES[N_SHAPES] = {{0, 7},  {7, 0},     {1, 1},   {17, 33},  {33, 17}, {1023, 1},
                                {1, 1023}, {1029, 917}, {128, 10}, {5, 15}, {5, 16}, {9000, 10},
                                {3, 2500}, {2, 5000}};
int g_quick = 0;
int g_small = 0;

const char* UNARY_NAMES[MDL_UNARY_OP_COUNT] = {
    "identity", "neg", "exp", "log", "reciprocal", "square", "sqrt", "abs",
    "add_const", "mul_const", "pow_const", "sigmoid", "tanh", "relu", "leaky_relu", "elu"};
const char* BINARY_NAMES[MDL_BINARY_OP_COUNT] = {"add", "sub", "mul", "div", "max"};

double op_param(int op)
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

int positive_domain(int op)
{
    return op == MDL_LOG || op == MDL_SQRT || op == MDL_POW_CONST || op == MDL_RECIPROCAL;
}

/* x values for op: positive where f needs it, else [-3, 3] with some exact zeros */
double* unary_inputs(mdl_dtype dt, int op, int64_t n)
{
    if (positive_domain(op)) return host_random(dt, n, 0.25, 2.5);
    double* x = host_random(dt, n, -3.0, 3.0);
    for (int64_t i = 5; i < n; i += 13) x[i] = 0.0;
    return x;
}

/* b operand of a zip (n values): away from 0 (for div), with some ties to a[0:na] (for max) */
double* zip_b_inputs(mdl_dtype dt, const double* a, int64_t na, int64_t n)
{
    double* b = host_random(dt, n, 0.5, 2.0);
    for (int64_t i = 0; i < n; ++i) {
        if (i % 2) b[i] = -b[i];
        if (i % 7 == 3 && i < na) b[i] = a[i];
    }
    return b;
}

/* Read `out`, compare with ref, free nothing. */
int finish(const char* what, const hbuf* out, const double* ref, tol t)
{
    double* got = host_alloc(out->n);
    int g = hb_get(out, got);
    int r = check_close(what, got, ref, out->n, t, g);
    free(got);
    return r;
}

tol scaled(tol t, double by)
{
    if (by < 1) by = 1;
    t.atol *= by;
    return t;
}
