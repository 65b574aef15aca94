/*
 * harness_optimizer.c — sgd, momentum, adam, adam_multi.
 * (native/src/cuda/optimizer.cu on the CUDA build.) Each check compares with the float64
 * reference of reference.c; see harness_main.c for the rules every check follows.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness_util.h"
#include "minidl.h"
#include "reference.h"

/* The calling thread's floating-point control (x86: MXCSR without its sticky exception flags;
 * AArch64: FPCR), to check that a kernel leaves it as it found it. fp_control_ieee() first
 * clears the flush-to-zero bits (x86: FTZ and DAZ; AArch64: FZ), so that an earlier call
 * that left them set cannot hide a later one doing the same. */
#if defined(__x86_64__) || defined(_M_X64)
#  include <xmmintrin.h>
static unsigned long long fp_control(void) { return _mm_getcsr() & ~0x3Fu; }
static unsigned long long fp_control_ieee(void)
{
    _mm_setcsr(_mm_getcsr() & ~(0x8000u | 0x40u));
    return fp_control();
}
#elif (defined(__GNUC__) || defined(__clang__)) && defined(__aarch64__)
static unsigned long long fp_control(void)
{
    unsigned long long r;
    __asm__ volatile("mrs %0, fpcr" : "=r"(r) : : "memory");
    return r;
}
static unsigned long long fp_control_ieee(void)
{
    unsigned long long r = fp_control() & ~(1ull << 24);
    __asm__ volatile("msr fpcr, %0" : : "r"(r) : "memory");
    return fp_control();
}
#else
static unsigned long long fp_control(void) { return 0; }
static unsigned long long fp_control_ieee(void) { return 0; }
#endif

void test_optim(mdl_dtype dt)
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

        memcpy(rw, w, sizeof(double) * (size_t)(n));
        ref_sgd_step(n, lr, g, rw);
        hbuf hg = hb_new(dt, n, g), hw = hb_new(dt, n, w);
        snprintf(what, sizeof what, "mdl_sgd_step %s n=%lld", dt_name(dt), (long long)n);
        if (check_ok(what, mdl_sgd_step(dt, n, lr, hg.p, hw.p))) finish(what, &hw, rw, t);
        hb_free(&hw);

        memcpy(rm, m, sizeof(double) * (size_t)(n));
        memcpy(rw, w, sizeof(double) * (size_t)(n));
        ref_momentum_step(n, lr, beta, g, rm, rw);
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
            memcpy(rm, m, sizeof(double) * (size_t)(n));
            memcpy(rv, v, sizeof(double) * (size_t)(n));
            memcpy(rw, w, sizeof(double) * (size_t)(n));
            ref_adam_step(n, lr2, b1, b2, eps, st, g, rm, rv, rw);
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
    for (int q = 0; q < CNT; ++q) {
        int64_t n = lens[q];
        double* g = host_random(dt, n, -1, 1);
        double* m = host_random(dt, n, -0.1, 0.1);
        double* v = host_random(dt, n, 0, 0.01);
        double* w = host_random(dt, n, -1, 1);
        rm[q] = host_alloc(n); rv[q] = host_alloc(n); rw[q] = host_alloc(n);
        memcpy(rm[q], m, sizeof(double) * (size_t)(n));
        memcpy(rv[q], v, sizeof(double) * (size_t)(n));
        memcpy(rw[q], w, sizeof(double) * (size_t)(n));
        ref_adam_step(n, lr, b1, b2, eps, st, g, rm[q], rv[q], rw[q]);
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

/* The float32 Adam step must derive its constants (1 - b1, 1 - b2, the bias corrections) in
 * double from the exact betas: 1 - 0.999f in float is 9.9998713e-4, 1.3e-5 off 1e-3, and that
 * error is not cancelled by c2 = 1/(1 - b2^t) computed in double, so the first steps came out
 * ~6e-6 (relative) too large. Here w, m and v start at 0, so the f32 outputs keep float's full
 * relative precision (6e-8), and steps 1..3 (single and multi-tensor) are compared with the
 * float64 reference at rtol 1e-6, which the float-derived constants fail. */
void test_adam_f32_constants(void)
{
    const mdl_dtype dt = MDL_F32;
    const int64_t n = 1029;
    const double lr = 0.001, b1 = 0.9, b2 = 0.999, eps = 1e-8;
    tol tight = {1e-30, 1e-6};
    double* g = host_random(dt, n, -1, 1);
    double* rm = host_alloc(n);
    double* rv = host_alloc(n);
    double* rw = host_alloc(n);
    char what[200];
    for (int multi = 0; multi < 2; ++multi) {
        hbuf hg = hb_new(dt, n, g), hm = hb_new(dt, n, rm), hv = hb_new(dt, n, rv), hw = hb_new(dt, n, rw);
        double* zm = host_alloc(n);
        double* zv = host_alloc(n);
        double* zw = host_alloc(n);
        for (int64_t t = 1; t <= 3; ++t) {
            ref_adam_step(n, lr, b1, b2, eps, t, g, zm, zv, zw);
            mdl_status st;
            if (multi) {
                void *pg[1] = {hg.p}, *pm[1] = {hm.p}, *pv[1] = {hv.p}, *pw[1] = {hw.p};
                int64_t len[1] = {n};
                st = mdl_adam_step_multi(dt, 1, len, lr, b1, b2, eps, t, pg, pm, pv, pw);
            } else {
                st = mdl_adam_step(dt, n, lr, b1, b2, eps, t, hg.p, hm.p, hv.p, hw.p);
            }
            snprintf(what, sizeof what, "%s f32 t=%lld from w = m = v = 0: constants derived in double (rtol 1e-6)",
                     multi ? "mdl_adam_step_multi" : "mdl_adam_step", (long long)t);
            if (check_ok(what, st)) {
                finish(what, &hv, zv, tight);
                finish(what, &hw, zw, tight);
            }
        }
        hb_free(&hg); hb_free(&hm); hb_free(&hv); hb_free(&hw);
        free(zm); free(zv); free(zw);
    }
    free(g); free(rm); free(rv); free(rw);
}

/* The CPU build's flush (test_optim_subnormal): every value of b whose reference, rounded to the
 * dtype, is below the smallest normal `tiny` must be exactly 0, and no other may be 0. */
static int flush_checked(const char* what, const hbuf* b, const double* ref, double tiny)
{
    double* got = host_alloc(b->n);
    hb_get(b, got);
    int64_t bad = -1;
    for (int64_t i = 0; i < b->n && bad < 0; ++i) {
        int flushed = fabs(round_to(b->dt, ref[i])) < tiny;
        if (flushed ? got[i] != 0 : got[i] == 0) bad = i;
    }
    char detail[160] = "";
    if (bad >= 0)
        snprintf(detail, sizeof detail, "index %lld: %.9g where the reference rounds to %.9g", (long long)bad,
                 got[bad], round_to(b->dt, ref[bad]));
    free(got);
    return check_true(what, bad < 0, detail);
}

/* Optimizer state that decays into subnormal numbers (cpu_optim.inc, "Subnormals in the optimizer
 * state"): momentum's v and Adam's m and v where g = 0, for a serial (33) and a threaded (200,704,
 * the 784 x 256 weight's) length. Half the elements hold a subnormal state and g = 0, the others
 * ordinary values.
 *   every build: v, m and w within the element-wise tolerance of the float64 reference;
 *   the CPU build: each state that the reference leaves subnormal in dt comes back as exactly 0
 *     (flushed: the step's speed on x86 depends on it), and each that is normal is not;
 *   every build: the caller's floating-point control is unchanged, and a threaded mdl_scale
 *     run right after still writes subnormal results (no thread was left flushing). */
void test_optim_subnormal(mdl_dtype dt)
{
    mdl_device_info info;
    const int cpu = mdl_device_info_get(&info) == MDL_OK && strcmp(info.backend, "cpu") == 0;
    const double tiny = dt == MDL_F32 ? 1.1754943508222875e-38 : 2.2250738585072014e-308; /* smallest normal */
    const int64_t lengths[2] = {33, 200704};
    tol t = tol_for(dt);
    char what[200];
    for (int s = 0; s < 2; ++s) {
        const int64_t n = lengths[s];
        double* g = host_random(dt, n, -1, 1);
        double* m = host_random(dt, n, -0.1, 0.1);
        double* v = host_random(dt, n, 0, 0.01);
        double* w = host_random(dt, n, -1, 1);
        for (int64_t i = 0; i < n; i += 2) { /* a dead unit's weight: no gradient, the state has decayed */
            g[i] = 0;
            m[i] = round_to(dt, (i % 4 ? -1 : 1) * tiny * rng_uniform(0.01, 0.9));
            v[i] = round_to(dt, tiny * rng_uniform(0.01, 0.9));
        }
        double* rm = host_alloc(n);
        double* rv = host_alloc(n);
        double* rw = host_alloc(n);
        for (int adam = 0; adam < 2; ++adam) {
            const unsigned long long before = fp_control_ieee();
            memcpy(rm, m, sizeof(double) * (size_t)n);
            memcpy(rv, v, sizeof(double) * (size_t)n);
            memcpy(rw, w, sizeof(double) * (size_t)n);
            hbuf hg = hb_new(dt, n, g), hm = hb_new(dt, n, m), hv = hb_new(dt, n, v), hw = hb_new(dt, n, w);
            mdl_status st;
            if (adam) {
                ref_adam_step(n, 0.001, 0.9, 0.999, 1e-8, 900, g, rm, rv, rw);
                st = mdl_adam_step(dt, n, 0.001, 0.9, 0.999, 1e-8, 900, hg.p, hm.p, hv.p, hw.p);
            } else {
                ref_momentum_step(n, 0.05, 0.9, g, rv, rw);
                st = mdl_momentum_step(dt, n, 0.05, 0.9, hg.p, hv.p, hw.p);
            }
            const char* name = adam ? "mdl_adam_step" : "mdl_momentum_step";
            snprintf(what, sizeof what, "%s %s n=%lld, half the state subnormal with g = 0", name, dt_name(dt),
                     (long long)n);
            if (check_ok(what, st)) {
                if (adam) finish(what, &hm, rm, t);
                finish(what, &hv, rv, t);
                finish(what, &hw, rw, t);
                if (cpu) {
                    snprintf(what, sizeof what, "%s %s n=%lld: the CPU build stores each subnormal state as 0", name,
                             dt_name(dt), (long long)n);
                    if (flush_checked(what, &hv, rv, tiny) && adam) flush_checked(what, &hm, rm, tiny);
                }
            }
            snprintf(what, sizeof what, "%s %s n=%lld leaves the caller's floating-point control as it was", name,
                     dt_name(dt), (long long)n);
            check_true(what, fp_control() == before, fp_control() == before ? "" : "the control register changed");
            hb_free(&hg); hb_free(&hm); hb_free(&hv); hb_free(&hw);
        }
        free(g); free(m); free(v); free(w); free(rm); free(rv); free(rw);
    }

    /* Right after the steps, on every thread the library runs: y = a x with a result of ~tiny/4. */
    const int64_t n = 200704;
    const double x0 = dt == MDL_F32 ? 1e-20 : 1e-160, a = tiny / 4 / x0;
    double* x = host_alloc(n);
    double* ref = host_alloc(n);
    for (int64_t i = 0; i < n; ++i) { x[i] = round_to(dt, x0 * (1 + (double)(i % 7) / 8)); ref[i] = round_to(dt, a * x[i]); }
    hbuf hx = hb_new(dt, n, x);
    snprintf(what, sizeof what, "mdl_scale %s n=%lld after the optimizer steps: subnormal results kept", dt_name(dt),
             (long long)n);
    tol rel = {0, 1e-6}; /* no absolute slack: a result flushed to 0 fails */
    if (check_ok(what, mdl_scale(dt, n, a, hx.p))) finish(what, &hx, ref, rel);
    hb_free(&hx);
    free(x); free(ref);
}
