/*
 * harness_util.h — helpers of the C test harness (native/tests/).
 *
 * The harness sees the library only through minidl.h: it moves data with
 * mdl_copy_to_device / mdl_copy_to_host and never dereferences a library buffer, so the
 * same sources test the CPU and the CUDA builds.
 *
 * A test buffer (hbuf) is a library buffer of n + 2*HB_GUARD elements; the kernel gets a
 * pointer HB_GUARD elements in (which keeps the 64-byte alignment for f32 and f64), and the
 * guard bands on both sides hold a sentinel (HB_SENTINEL + k/4, k per buffer), checked unchanged
 * after every call: a write past either end fails with the side and the index (hb_guard_detail).
 */
#ifndef MDL_HARNESS_UTIL_H
#define MDL_HARNESS_UTIL_H

#include <stdint.h>

#include "minidl.h"

#define HB_GUARD 16
#define HB_SENTINEL 777.25

typedef struct hbuf {
    mdl_dtype dt;
    int64_t n;     /* elements the kernel sees */
    void* base;    /* the library buffer (n + 2*HB_GUARD elements) */
    void* p;       /* base + HB_GUARD elements: what the kernel gets */
    double sentinel; /* what the guard bands hold: HB_SENTINEL + a quarter per buffer made, so that
                        a copy of another buffer's guard (y[n] = x[n]) shows too */
} hbuf;

/* ---- random numbers (SplitMix64, fixed seed) ---- */
void rng_seed(uint64_t seed);
double rng_uniform(double lo, double hi);

/* ---- host arrays ---- */
double* host_alloc(int64_t n);                           /* zero-filled, never NULL (exits on OOM) */
/* n values uniform in [lo, hi], rounded to dt (so the reference sees what the kernel sees) */
double* host_random(mdl_dtype dt, int64_t n, double lo, double hi);
double round_to(mdl_dtype dt, double v);
void round_all(mdl_dtype dt, double* v, int64_t n);

/* ---- library buffers ---- */
/* A buffer holding `init` (n values), or NaN everywhere when init is NULL (poison). */
hbuf hb_new(mdl_dtype dt, int64_t n, const double* init);
/* Copies the n values into out (may be NULL) and returns 1 if both guard bands are intact; else
 * hb_guard_detail() says which side, the first changed index and its value. */
int hb_get(const hbuf* b, double* out);
const char* hb_guard_detail(void);
void hb_free(hbuf* b);
size_t dt_size(mdl_dtype dt);
const char* dt_name(mdl_dtype dt);

/* ---- checks ---- */
typedef struct tol { double atol, rtol; } tol;
tol tol_for(mdl_dtype dt);       /* element-wise tolerance of dt */
/* PASS if every |got - ref| <= atol + rtol |ref| (NaN == NaN) and guards are intact. A FAIL
 * prints the first few bad indices with got / want, and the guard band detail. */
int check_close(const char* what, const double* got, const double* ref, int64_t n, tol t, int guards_ok);
/* PASS if cond; prints the line. */
int check_true(const char* what, int cond, const char* detail);
/* Run a kernel: FAIL (and print the library's message) when it does not return MDL_OK. */
int check_ok(const char* what, mdl_status st);
extern int g_pass, g_fail, g_verbose;
extern char g_context[96];   /* e.g. "[softmax version 1]": appended to every FAIL line */

/* ---- shared by the harness_<family>.c files (defined in harness_util.c) ---- */
extern const mdl_dtype DTS[2];
#define N_SIZES 6
extern const int64_t SIZES[N_SIZES];          /* vector lengths: 0, 1, 17, 33, 1023, 1029 * 917 */
typedef struct shape { int64_t r, c; } shape;
#define N_SHAPES 14
extern const shape SHAPES[N_SHAPES];          /* matrix shapes, empty to 1029 x 917 */
extern int g_quick;                           /* --quick: skip the largest GEMM references */
extern int g_small;                           /* --small: softmax without the shapes of > 1024 rows (a block
                                                 per row of those is slow on the emulator) */
extern const char* UNARY_NAMES[MDL_UNARY_OP_COUNT];
extern const char* BINARY_NAMES[MDL_BINARY_OP_COUNT];
double op_param(int op);                      /* the parameter p the checks use for op */
int positive_domain(int op);                  /* log, sqrt, pow, reciprocal want x > 0 */
double* unary_inputs(mdl_dtype dt, int op, int64_t n);
double* zip_b_inputs(mdl_dtype dt, const double* a, int64_t na, int64_t n);
/* Read `out` back, compare with ref (check_close), free nothing. */
int finish(const char* what, const hbuf* out, const double* ref, tol t);
tol scaled(tol t, double by);                 /* atol * max(by, 1): sums of `by` terms */

/* ---- the test groups, one file per kernel family (mirroring native/src/cuda/) ---- */
void test_library(void);                      /* harness_library.c: device info, memory */
void test_errors(void);                       /*   bad arguments: status + message */
void test_fill_scale_axpy(mdl_dtype dt);      /* harness_elementwise.c */
void test_map(mdl_dtype dt);
void test_map_streaming(mdl_dtype dt);
void test_map_extremes(mdl_dtype dt);
void test_zip(mdl_dtype dt);
void test_dropout(mdl_dtype dt);
void test_broadcast(mdl_dtype dt, int by_row); /* harness_broadcast.c */
void test_add_bias(mdl_dtype dt);
void test_reductions(mdl_dtype dt);           /* harness_reduce.c */
void test_gemm(mdl_dtype dt);                 /* harness_gemm.c */
void test_gemm_threads(mdl_dtype dt);         /*   the same bits with 1, 2 and 3 threads */
void test_softmax(mdl_dtype dt);              /* harness_softmax.c */
void test_softmax_exp_table(mdl_dtype dt);
void test_softmax_streaming(mdl_dtype dt);
void test_softmax_overflow(mdl_dtype dt);
void test_optim(mdl_dtype dt);                /* harness_optimizer.c */
void test_adam_f32_constants(void);
void test_optim_subnormal(mdl_dtype dt);    /*   momentum and Adam state that decays below the smallest normal */
int run_bench(int json);                      /* bench.c */

#endif /* MDL_HARNESS_UTIL_H */
