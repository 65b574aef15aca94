/*
 * cpu_math_test.c — the table-driven e^x of src/cpu/cpu_math.h (mdl_exp_neg_tab8,
 * mdl_expf_neg_tab8), the expm1 mdl_expm1_neg / mdl_expm1f_neg, their AVX2 forms
 * (src/cpu/cpu_math_avx2.h, when the CPU has AVX2 and FMA) and their AVX-512 forms
 * (src/cpu/cpu_math_avx512.h, when it has AVX-512, or emulated: tools/avx512-emu.sh)
 * against the C library's expl / expm1l in long double (64-bit significand: exact to ~0.001 ulp
 * of a double), over sweeps of x <= 0: the max error in ulp of the result is asserted (1.5;
 * measured at most 1.18), and the edge cases exactly (0, -0, -inf, NaN, below ln(DBL_MIN)).
 * Exit status 0 when every check passes.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cpu_math.h"

#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__) && !defined(__clang__)
#  define MDL_HAVE_X86_KERNELS 1
#  include <immintrin.h>
#  pragma GCC push_options
#  pragma GCC target("avx2,fma")
#  include "cpu_math_avx2.h"
#  pragma GCC pop_options
/* the AVX-512 forms (cpu_math_avx512.h), compiled as the kernels' AVX-512 pass is (in the
   emulated test build, tools/avx512-emu.sh, their intrinsics run over AVX2) */
#  include "cpu_avx512_push.inc"
#  include "cpu_math_avx512.h"
static void exp_v8(int n, const double* x, double* y)
{
    __m512d t_lo, t_hi;
    mdl_exp_table_v8(&t_lo, &t_hi);
    for (int i = 0; i < n; i += 8) _mm512_storeu_pd(y + i, mdl_exp_neg_v8(_mm512_loadu_pd(x + i), t_lo, t_hi));
}
static void expm1_v8(int n, const double* x, double* y)
{
    for (int i = 0; i < n; i += 8) _mm512_storeu_pd(y + i, mdl_expm1_neg_v8(_mm512_loadu_pd(x + i)));
}
static void expf_v16(int n, const double* x, double* y)
{
    __m512 tab = mdl_expf_table_v16();
    for (int i = 0; i < n; i += 16) {
        float xf[16], yf[16];
        for (int k = 0; k < 16; ++k) xf[k] = (float)x[i + k];
        _mm512_storeu_ps(yf, mdl_expf_neg_tab_v16(_mm512_loadu_ps(xf), tab));
        for (int k = 0; k < 16; ++k) y[i + k] = yf[k];
    }
}
#  include "cpu_avx512_pop.inc"
#endif

static int g_fail = 0;

/* |got - want| in units of the last place of want (2^(e - mant) for want in [2^e, 2^(e+1)),
 * mant = 52 for double, 23 for float) */
static double ulps(double got, long double want, int mant)
{
    if (want == 0) return got == 0 ? 0 : INFINITY;
    return (double)(fabsl((long double)got - want) / ldexpl(1.0L, ilogbl(want) - mant));
}

typedef void (*map_fn)(int n, const double* x, double* y);

static void exp_scalar(int n, const double* x, double* y) { for (int i = 0; i < n; ++i) y[i] = mdl_exp_neg_tab8(x[i]); }
static void expm1_scalar(int n, const double* x, double* y) { for (int i = 0; i < n; ++i) y[i] = mdl_expm1_neg(x[i]); }
/* float: x rounded to float first (check rounds the reference's argument the same way) */
static void expf_scalar(int n, const double* x, double* y)
{
    for (int i = 0; i < n; ++i) y[i] = mdl_expf_neg_tab8((float)x[i]);
}
static void expm1f_scalar(int n, const double* x, double* y)
{
    for (int i = 0; i < n; ++i) y[i] = mdl_expm1f_neg((float)x[i]);
}

#if defined(MDL_EXP_NEG_V4)
#  pragma GCC push_options
#  pragma GCC target("avx2,fma")
static void exp_v4(int n, const double* x, double* y)
{
    mdl_exp_table_v4 tab = mdl_exp_table_v4_load();
    for (int i = 0; i < n; i += 4) _mm256_storeu_pd(y + i, mdl_exp_neg_v4(_mm256_loadu_pd(x + i), &tab));
}
static void expm1_v4(int n, const double* x, double* y)
{
    for (int i = 0; i < n; i += 4) _mm256_storeu_pd(y + i, mdl_expm1_neg_v4(_mm256_loadu_pd(x + i)));
}
/* float: 8 at a time through float buffers (which = 0: e^x, 1: e^x - 1) */
static void expf_v8_any(int which, int n, const double* x, double* y)
{
    __m256 tab = mdl_expf_table_v8();
    float xf[8], yf[8];
    for (int i = 0; i < n; i += 8) {
        for (int k = 0; k < 8; ++k) xf[k] = (float)x[i + k];
        __m256 v = _mm256_loadu_ps(xf);
        _mm256_storeu_ps(yf, which ? mdl_expm1f_neg_v8(v) : mdl_expf_neg_v8(v, tab));
        for (int k = 0; k < 8; ++k) y[i + k] = yf[k];
    }
}
static void expf_v8(int n, const double* x, double* y) { expf_v8_any(0, n, x, y); }
static void expm1f_v8(int n, const double* x, double* y) { expf_v8_any(1, n, x, y); }
#  pragma GCC pop_options
#endif

/* one check: f over x[0..n) (n a multiple of 8) against ref, at most max_ulp; results below
 * the smallest normal must be 0 for exp, -1 for expm1, and NaN must stay NaN. flt: f takes
 * and returns floats (x rounded to float: the reference gets the same rounded x). */
static void check(const char* name, map_fn f, long double (*ref)(long double), int flt, int n, const double* x,
                  double* y, double max_ulp)
{
    f(n, x, y);
    double worst = 0, wx = 0;
    int bad_special = 0;
    const double lo = flt ? -87.33654475055310 : -708.396418532264079;
    for (int i = 0; i < n; ++i) {
        double xi = flt ? (double)(float)x[i] : x[i];
        if (isnan(xi)) { if (!isnan(y[i])) bad_special = 1; continue; }
        if (xi < lo) {
            if (y[i] != (ref == expl ? 0.0 : -1.0)) { bad_special = 1; wx = xi; }
            continue;
        }
        double u = ulps(y[i], ref((long double)xi), flt ? 23 : 52);
        if (!(u <= worst)) { worst = u; wx = xi; }
    }
    int ok = worst <= max_ulp && !bad_special;
    printf("%s %-26s max %.3f ulp (limit %.1f) at x = %.17g%s\n", ok ? "PASS" : "FAIL", name, worst, max_ulp, wx,
           bad_special ? "; a special value is wrong" : "");
    if (!ok) g_fail++;
}

int main(void)
{
    const int n = 1 << 20;
    double* x = malloc(sizeof(double) * n);
    double* y = malloc(sizeof(double) * n);
    if (!x || !y) return 2;
    /* the sweeps: random in [-745, 0], in [-1, 0] (the table steps, expm1's range of
       relative accuracy), logarithmic from -1e-300 to -1 (expm1 as x -> 0), plus the
       table boundaries (multiples of ln2/8) with their neighbours and the special values */
    uint64_t s = 12345;
    const double step = 0.6931471805599453 / 8;
    int m = 0;
    const double specials[] = {0.0, -0.0, -INFINITY, NAN, -708.396418532264079, -708.39, -708.4, -745.0, -1e-320};
    for (size_t k = 0; k < sizeof specials / sizeof specials[0]; ++k) x[m++] = specials[k];
    for (int k = 0; k <= 200 && m + 5 <= n; ++k) {
        double c = -k * step;
        x[m++] = c; x[m++] = nextafter(c, -1e9); x[m++] = nextafter(c, 1e9);
        x[m++] = c - 0.5 * step * (1 - 1e-12); x[m++] = c + 0.5 * step * (1 - 1e-12);
    }
    for (; m < n; ++m) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        double u = (double)(s >> 11) / 9007199254740992.0; /* [0, 1) */
        int which = m % 3;
        x[m] = which == 0 ? -745.0 * u : which == 1 ? -u : -pow(10.0, -300.0 * u);
    }
    for (int i = 0; i < m; ++i) if (x[i] > 0) x[i] = -x[i];
    check("mdl_exp_neg_tab8", exp_scalar, expl, 0, n, x, y, 1.5);
    check("mdl_expm1_neg", expm1_scalar, expm1l, 0, n, x, y, 1.5);
    check("mdl_expf_neg_tab8", expf_scalar, expl, 1, n, x, y, 1.5);
    check("mdl_expm1f_neg", expm1f_scalar, expm1l, 1, n, x, y, 1.5);
#if defined(MDL_EXP_NEG_V4)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        check("mdl_exp_neg_v4 (AVX2)", exp_v4, expl, 0, n, x, y, 1.5);
        check("mdl_expm1_neg_v4 (AVX2)", expm1_v4, expm1l, 0, n, x, y, 1.5);
        check("mdl_expf_neg_v8 (AVX2)", expf_v8, expl, 1, n, x, y, 1.5);
        check("mdl_expm1f_neg_v8 (AVX2)", expm1f_v8, expm1l, 1, n, x, y, 1.5);
    } else {
        printf("SKIP the AVX2 forms (the CPU has no AVX2 + FMA)\n");
    }
#endif
#if defined(MDL_EXP_NEG_V8)
#  if defined(MDL_AVX512_EMU)
    int avx512 = 1; /* emulated over AVX2 */
#  else
    int avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
                 __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw");
#  endif
    if (avx512) {
        check("mdl_exp_neg_v8 (AVX-512)", exp_v8, expl, 0, n, x, y, 1.5);
        check("mdl_expm1_neg_v8 (AVX-512)", expm1_v8, expm1l, 0, n, x, y, 1.5);
        check("mdl_expf_neg_tab_v16 (AVX-512)", expf_v16, expl, 1, n, x, y, 1.5);
    } else {
        printf("SKIP the AVX-512 forms (the CPU has no AVX-512; tools/avx512-emu.sh runs them emulated)\n");
    }
#endif
    free(x);
    free(y);
    printf("%s\n", g_fail ? "FAILED" : "all passed");
    return g_fail ? 1 : 0;
}
