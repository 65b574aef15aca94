/*
 * cpu_math.h — vectorizable e^x and tanh(x) for float and double (not part of the ABI).
 *
 * The C library's expf / exp / tanh are one opaque call per element, so a loop that calls
 * them cannot be vectorized (without -ffast-math). The functions below are plain arithmetic
 * and compare-selects, with no branches and no table look-ups, so the compiler can put a
 * whole loop of them into SIMD registers: 16 floats (or 8 doubles) at a time with AVX-512.
 *
 * e^x, by range reduction:
 *
 *   e^x = 2^n e^r   with  n = round(x / ln 2),  r = x - n ln 2   (so |r| <= ln2 / 2 = 0.347)
 *
 *   - n ln 2 is subtracted in two steps, with ln 2 = C1 + C2 where C1 has few mantissa bits:
 *     n * C1 is then exact and r keeps its full precision (Cody & Waite).
 *   - e^r on [-0.347, 0.347] is a short polynomial:
 *       float:  Cephes' degree-7 minimax polynomial (about 1 ulp);
 *       double: a degree-11 minimax polynomial (mdl_exp_poly; the Taylor series would need
 *               degree 13).
 *   - 2^n is made directly as a bit pattern: a float is (n + 127) << 23, a double
 *     (n + 1023) << 52.
 *   - round(): adding then subtracting M = 1.5 * 2^23 (float) / 1.5 * 2^52 (double) rounds to
 *     an integer in the current (nearest) rounding mode, and the integer n itself is then the
 *     difference of the bit patterns of (t = y + M) and M. This avoids float->int64
 *     conversions, which AVX2 does not have for vectors.
 *   - 2^n would overflow the exponent field for n = 128 (float) / 1024 (double), which
 *     e^88.7 / e^709.7 need: for n > 0 we build 2^(n-1) and multiply by 2 at the end.
 *
 * Edge cases (selects at the end, so the hot path has no branches):
 *   x > ln(max)  -> +inf          x < ln(min normal) -> 0  (no subnormal results, which
 *   NaN -> NaN                    would run at a fraction of the speed on many CPUs)
 * Relative error: about 1-2 ulp everywhere else (the harness checks against float64 libm).
 */
#ifndef MDL_CPU_MATH_H
#define MDL_CPU_MATH_H

#include <math.h>
#include <stdint.h>
#include <string.h>

/* Bit pattern <-> value (memcpy is the portable way; it compiles to nothing). */
static inline int32_t mdl_f2i(float x) { int32_t i; memcpy(&i, &x, sizeof i); return i; }
static inline float mdl_i2f(int32_t i) { float x; memcpy(&x, &i, sizeof x); return x; }
static inline int64_t mdl_d2i(double x) { int64_t i; memcpy(&i, &x, sizeof i); return i; }
static inline double mdl_i2d(int64_t i) { double x; memcpy(&x, &i, sizeof x); return x; }

static inline float mdl_expf(float x)
{
    const float hi = 88.72283905206835f;  /* ln(FLT_MAX) */
    const float lo = -87.33654475055310f; /* ln(FLT_MIN), the smallest normal float */
    float xc = x > hi ? hi : x;
    xc = xc < lo ? lo : xc;
    /* n = round(x log2 e) via the 1.5 * 2^23 trick; in = n as an integer */
    const float magic = 12582912.0f;
    float t = xc * 1.44269504088896341f + magic;
    float n = t - magic;
    int32_t in = mdl_f2i(t) - mdl_f2i(magic);
    /* r = x - n ln2, with ln2 = 0.693359375 - 2.12194440e-4 (the first part is exact times n) */
    float r = xc - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    /* e^r = 1 + r + r^2 p(r) */
    float p = 1.9875691500E-4f;
    p = p * r + 1.3981999507E-3f;
    p = p * r + 8.3334519073E-3f;
    p = p * r + 4.1665795894E-2f;
    p = p * r + 1.6666665459E-1f;
    p = p * r + 5.0000001201E-1f;
    float er = p * r * r + r + 1.0f;
    /* 2^n = 2^(n-s) * 2^s with s = 1 for n > 0, so that n = 128 does not overflow */
    int32_t s = in > 0 ? 1 : 0;
    /* shifted as unsigned: for NaN / out-of-range x the pattern is garbage (replaced by the
       selects below), and a signed shift would overflow, which is undefined behaviour */
    float y = er * mdl_i2f((int32_t)((uint32_t)(in - s + 127) << 23));
    y = in > 0 ? y + y : y;
    y = x < lo ? 0.0f : y;
    y = x > hi ? INFINITY : y;
    return y; /* NaN: r is NaN, so y is NaN */
}

/* e^r for |r| <= ln2/2, double: 1 + r + r^2 P(r) with P of degree 9, a near-minimax fit
 * (Chebyshev interpolation with mpmath, 50 digits) of (e^r - 1 - r) / r^2. The plain Taylor
 * series needs degree 13 for the same accuracy (its error piles up at the ends of the
 * interval, a minimax fit spreads it evenly): truncation error 0.08 ulp, 2 FMAs fewer. */
static inline double mdl_expm1_poly(double r);
static inline double mdl_exp_poly(double r) { return mdl_expm1_poly(r) + 1.0; }

/* P's coefficients, highest first, for the vector forms (cpu_math_avx2.h, cpu_math_avx512.h); the
 * scalar mdl_expm1_poly below writes the same ten out (a loop over this array compiles to other code) */
static const double mdl_expm1_poly_c[10] = {
    2.51003758325612336644e-8, 2.76200758799833665859e-7, 2.75572684803100255256e-6, 2.4801521322368693266e-5,
    1.98412698630405452706e-4, 1.38888889171967190767e-3, 8.33333333333006444947e-3, 4.16666666666241619026e-2,
    1.66666666666666674519e-1, 5.00000000000000102109e-1};

/* e^r - 1 for |r| <= ln2/2: the same fit without its constant term, r + r^2 P(r) (accurate
 * relative to e^r - 1 itself as r -> 0, which 1 + r + r^2 P(r) minus 1 is not) */
static inline double mdl_expm1_poly(double r)
{
    double p = 2.51003758325612336644e-8;
    p = p * r + 2.76200758799833665859e-7;
    p = p * r + 2.75572684803100255256e-6;
    p = p * r + 2.4801521322368693266e-5;
    p = p * r + 1.98412698630405452706e-4;
    p = p * r + 1.38888889171967190767e-3;
    p = p * r + 8.33333333333006444947e-3;
    p = p * r + 4.16666666666241619026e-2;
    p = p * r + 1.66666666666666674519e-1;
    p = p * r + 5.00000000000000102109e-1;
    return p * r * r + r;
}

static inline double mdl_exp(double x)
{
    const double hi = 709.782712893383973;  /* ln(DBL_MAX) */
    const double lo = -708.396418532264079; /* ln(DBL_MIN), the smallest normal double */
    double xc = x > hi ? hi : x;
    xc = xc < lo ? lo : xc;
    const double magic = 6755399441055744.0; /* 1.5 * 2^52 */
    double t = xc * 1.44269504088896340736 + magic;
    double n = t - magic;
    int64_t in = mdl_d2i(t) - mdl_d2i(magic);
    double r = xc - n * 6.93145751953125E-1;  /* ln2 = C1 + C2 (Cephes) */
    r = r - n * 1.42860682030941723212E-6;
    double er = mdl_exp_poly(r);
    int64_t s = in > 0 ? 1 : 0;
    double y = er * mdl_i2d((int64_t)((uint64_t)(in - s + 1023) << 52)); /* unsigned: see mdl_expf */
    y = in > 0 ? y + y : y;
    y = x < lo ? 0.0 : y;
    y = x > hi ? (double)INFINITY : y;
    return y;
}

/*
 * e^x for x <= 0 only (or NaN): the cheap version for softmax (x - max <= 0), tanh (e^{-2|x|}),
 * sigmoid (e^{-|x|}) and elu (e^{min(x,0)}). The result is in [0, 1], so all the overflow
 * work of mdl_expf goes away: no upper clamp, no 2^(n-1) * 2 split, no +inf select.
 * About a third fewer vector instructions per element, which is what these compute-bound
 * loops pay for.
 *
 * One more trick builds 2^n in a single shift. The plain version is
 *     t = y + M;  n = t - M;  in = bits(t) - bits(M);  2^n = bits_to_float((in + 127) << 23)
 * If instead the magic constant is M' = M + 127, the low mantissa bits of t = y + M' already
 * hold n + 127 (an integer in [1, 127] here), and shifting bits(t) left by 23 pushes out
 * everything above them: 2^n = bits_to_float(bits(t) << 23), no subtraction, no bias add.
 */
static inline float mdl_expf_neg(float x)
{
    const float lo = -87.33654475055310f; /* ln(FLT_MIN): below it the result would be subnormal */
    float xc = x < lo ? lo : x;
    const float magic = 12582912.0f + 127.0f; /* 1.5 * 2^23 + the exponent bias */
    float t = xc * 1.44269504088896341f + magic;
    float n = t - magic;
    float r = xc - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    /* e^r = 1 + c4 r + c3 r^2 + c2 r^3 + c1 r^4 + c0 r^5: a degree-5 minimax polynomial (the
     * coefficients of Arm's optimized-routines vector expf; max error 1.95 ulp, checked over
     * every float in [-87.3, 0]) instead of mdl_expf's degree-7 Cephes one (~1 ulp).
     * Evaluated in pairs (Estrin's scheme) on r and r^2, so the two halves run in parallel:
     *     the plain Horner form   ((((c0 r + c1) r + c2) r + c3) r + c4) r
     *     becomes                 ((c0 r + c1) r^2 + (c2 r + c3)) r^2 + c4 r
     * and 2^n (1 + poly) is one fused multiply-add, s poly + s. About 2 multiply-adds fewer
     * per vector than mdl_expf's tail: the softmax family is bound by exactly these. */
    float r2 = r * r;
    /* (hex float literals: the exact bits of the fit; 0x1.0e4020p-7 = 0.0082473904) */
    float p = 0x1.0e4020p-7f * r + 0x1.573e2ep-5f;
    float q = 0x1.555e66p-3f * r + 0x1.fffdb6p-2f;
    q = p * r2 + q;
    float poly = q * r2 + 0x1.ffffecp-1f * r;
    float sc = mdl_i2f((int32_t)((uint32_t)mdl_f2i(t) << 23)); /* 2^n, see above */
    float y = sc * poly + sc;
    return x < lo ? 0.0f : y; /* also -inf -> 0; NaN: r is NaN, so y is NaN */
}

static inline double mdl_exp_neg(double x)
{
    const double lo = -708.396418532264079; /* ln(DBL_MIN) */
    double xc = x < lo ? lo : x;
    const double magic = 6755399441055744.0 + 1023.0; /* 1.5 * 2^52 + the exponent bias */
    double t = xc * 1.44269504088896340736 + magic;
    double n = t - magic;
    double r = xc - n * 6.93145751953125E-1;
    r = r - n * 1.42860682030941723212E-6;
    double y = mdl_exp_poly(r) * mdl_i2d((int64_t)((uint64_t)mdl_d2i(t) << 52));
    return x < lo ? 0.0 : y;
}

/*
 * e^x - 1 for x <= 0 (or NaN), for elu. The plain e^x - 1 cancels as x -> 0: in float,
 * e^x rounds to 1 for -3e-8 < x < 0, so e^x - 1 is 0 there (and off by 6e-8 / |x| relative
 * above it), where the true value is x. Written as e^x - 1 = 2^n e^r - 1 = 2^n (e^r - 1) + (2^n - 1):
 *   - n = 0 (|x| <= ln2/2): the polynomial for e^r - 1 alone, r + r^2 p(r), accurate relative
 *     to itself for tiny r (r = x exactly; x = -1e-30 gives -1e-30);
 *   - n < 0: 2^n - 1 is exact (n >= -24, float) or rounded once, and |e^x - 1| >= 0.29, so
 *     there is no cancellation left.
 * Same reduction as mdl_expf_neg / mdl_exp_neg; float takes Cephes' degree-7 polynomial of
 * mdl_expf (whose linear coefficient is exactly 1, unlike mdl_expf_neg's degree-5 fit).
 * x < ln(FLT_MIN) / ln(DBL_MIN) (-inf included) -> -1.
 */
static inline float mdl_expm1f_neg(float x)
{
    const float lo = -87.33654475055310f;
    float xc = x < lo ? lo : x;
    const float magic = 12582912.0f + 127.0f; /* 1.5 * 2^23 + the exponent bias: see mdl_expf_neg */
    float t = xc * 1.44269504088896341f + magic;
    float n = t - magic;
    float r = xc - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float p = 1.9875691500E-4f;
    p = p * r + 1.3981999507E-3f;
    p = p * r + 8.3334519073E-3f;
    p = p * r + 4.1665795894E-2f;
    p = p * r + 1.6666665459E-1f;
    p = p * r + 5.0000001201E-1f;
    float em1 = p * r * r + r;                                  /* e^r - 1 */
    float sc = mdl_i2f((int32_t)((uint32_t)mdl_f2i(t) << 23)); /* 2^n */
    float y = sc * em1 + (sc - 1.0f);
    return x < lo ? -1.0f : y; /* NaN: r is NaN, so y is NaN */
}

static inline double mdl_expm1_neg(double x)
{
    const double lo = -708.396418532264079;
    double xc = x < lo ? lo : x;
    const double magic = 6755399441055744.0 + 1023.0;
    double t = xc * 1.44269504088896340736 + magic;
    double n = t - magic;
    double r = xc - n * 6.93145751953125E-1;
    r = r - n * 1.42860682030941723212E-6;
    double sc = mdl_i2d((int64_t)((uint64_t)mdl_d2i(t) << 52));
    double y = sc * mdl_expm1_poly(r) + (sc - 1.0);
    return x < lo ? -1.0 : y;
}

/*
 * Table-driven e^x for x <= 0 (or NaN), double: the same result as mdl_exp_neg (<= ~1.5 ulp)
 * with a degree-6 polynomial instead of degree 11. The plain formula is
 *
 *     e^x = 2^k * 2^(j/16) * e^r   with  N = round(x * 16 / ln2),  k = floor(N / 16),
 *                                        j = N mod 16 (0..15),   r = x - N ln2/16
 *
 * i.e. the reduction step is ln2/16 instead of ln2, so |r| <= ln2/32 = 0.0217 and e^r needs
 * far fewer terms: 1 + r + r^2 P(r), P of degree 4 (a Chebyshev fit with mpmath of
 * (e^r - 1 - r) / r^2 on [-ln2/32, ln2/32]: truncation error 2.8e-17, 0.13 ulp; the Taylor
 * series would need degree 7 for that). The 16 values 2^(j/16) are a table
 * (mdl_exp2_j16: correctly rounded, <= 0.37 ulp each).
 *   - N comes out of the 1.5 * 2^52 rounding trick as before: bits(t) = bits(M) + N, so
 *     j = bits(t) & 15 and, because bits(M) has four zero low bits, (bits(t) >> 4) << 52 is
 *     k << 52 (the >> 4 of the biased pattern is the floor division, for negative N too).
 *   - 2^k * T[j] is then one integer add, bits(T[j]) + (k << 52): T[j] is in [1, 2), so this
 *     only moves its exponent (k >= -1022 here, the result stays normal).
 *   - N ln2/16 is subtracted in two parts, C1 with 32 significant bits (N has at most 15,
 *     so N C1 is exact) and the rest C2 (Cody & Waite, as for mdl_exp).
 * mdl_exp_neg_tab is the plain scalar form (the reference for the tests). In the kernels it
 * is used only by the AVX-512 build, as mdl_exp_neg_v8 (cpu_softmax.inc), which looks T[j]
 * up with vpermt2pd from two registers holding T[0..7] and T[8..15]: gcc 12 does not
 * vectorize the plain T[j] load at all (the whole loop stays scalar), so the plain-C kernels
 * and the other builds keep mdl_exp_neg (AVX2: the 8-entry form below, mdl_exp_neg_tab8).
 */
static const double mdl_exp2_j16[16] = {
    0x1.0000000000000p+0, 0x1.0b5586cf9890fp+0, 0x1.172b83c7d517bp+0, 0x1.2387a6e756238p+0,
    0x1.306fe0a31b715p+0, 0x1.3dea64c123422p+0, 0x1.4bfdad5362a27p+0, 0x1.5ab07dd485429p+0,
    0x1.6a09e667f3bcdp+0, 0x1.7a11473eb0187p+0, 0x1.8ace5422aa0dbp+0, 0x1.9c49182a3f090p+0,
    0x1.ae89f995ad3adp+0, 0x1.c199bdd85529cp+0, 0x1.d5818dcfba487p+0, 0x1.ea4afa2a490dap+0,
};
#define MDL_EXP_TAB_C1 0x1.62e42fee00000p-5  /* ln2/16, the first 32 bits */
#define MDL_EXP_TAB_C2 0x1.a39ef35793c76p-37 /* ln2/16 - C1 */

/* e^r for |r| <= ln2/32: 1 + r + r^2 P(r), P the degree-4 fit above */
static inline double mdl_exp_tab_poly(double r)
{
    double p = 0x1.6c17bb5ebddb4p-10;
    p = p * r + 0x1.11120b03cd855p-7;
    p = p * r + 0x1.555555551946fp-5;
    p = p * r + 0x1.55555554dd388p-3;
    p = p * r + 0.5;
    return p * (r * r) + r; /* e^r - 1 */
}

/* The reduction, for a table of 16 / f entries (f = 1: 16, f = 2: the 8 of mdl_exp_neg_tab8):
 * N = round(x (16/f) / ln2), r = x - N (f ln2/16), j = N mod (16/f); returns sc = 2^k T[j] with
 * T[j] = mdl_exp2_j16[f j] and sets *r, *j (scaling by f = 2 is exact, C1 f N stays exact). */
static inline double mdl_exp_tab_reduce(double xc, int f, double* r, int* j)
{
    const double magic = 6755399441055744.0; /* 1.5 * 2^52 */
    const int bits = f == 1 ? 4 : 3;         /* log2 of the table size */
    double t = xc * (0x1.71547652b82fep+4 / f) + magic; /* x * 16/(f ln2) + M: N in the low bits */
    double n = t - magic;
    *r = (xc - n * (f * MDL_EXP_TAB_C1)) - n * (f * MDL_EXP_TAB_C2);
    uint64_t it = (uint64_t)mdl_d2i(t);
    *j = (int)(it & ((16u / (unsigned)f) - 1));
    return mdl_i2d((int64_t)((uint64_t)mdl_d2i(mdl_exp2_j16[f * *j]) + ((it >> bits) << 52)));
}

static inline double mdl_exp_neg_tab(double x)
{
    const double lo = -708.396418532264079; /* ln(DBL_MIN) */
    double r;
    int j;
    double sc = mdl_exp_tab_reduce(x < lo ? lo : x, 1, &r, &j);
    double y = sc * mdl_exp_tab_poly(r) + sc; /* 2^k T[j] e^r */
    return x < lo ? 0.0 : y; /* -inf -> 0; NaN: r is NaN, so y is NaN */
}

/*
 * The same table-driven e^x for x <= 0 with an 8-entry table, for AVX2 (4 doubles a vector):
 *
 *     e^x = 2^k * T[j] * e^r   with  N = round(x * 8 / ln2),  k = floor(N / 8),  j = N mod 8,
 *                                    r = x - N ln2/8,  |r| <= ln2/16 = 0.0433
 *
 * T[j] = 2^(j/8) = mdl_exp2_j16[2j]. Why 8 and not 16 entries: AVX2 has no two-register
 * permute of doubles (AVX-512's vpermt2pd); its one variable cross-lane permute is vpermd (8
 * dwords), so a table of 8 doubles is looked up as two vpermd, one for the low and one for the
 * high halves of the bit patterns (cpu_math_avx2.h). A 16-entry table would take twice the
 * permutes and two blends, for one multiply-add fewer in the polynomial.
 * e^r - 1 = r + r^2 P(r), P of degree 5 (a Chebyshev fit with mpmath of (e^r - 1 - r) / r^2 on
 * [-ln2/16, ln2/16]: truncation error 0.09 ulp; mdl_exp_poly needs degree 9 on [-ln2/2, ln2/2]).
 * Max error of e^x: 1.13 ulp (measured against expl: native/tests/cpu_math_test.c).
 * N ln2/8 in two parts: twice those of ln2/16 (|N| <= 8176 has 13 bits: N C1 stays exact).
 * e^x - 1 (elu, tanh) keeps mdl_expm1_neg: from a table, (sc - 1) + sc (e^r - 1) carries the
 * entry's rounding error, half an ulp of 1, which is 16 ulp of e^-0.043 - 1; the fix (a second
 * table of the entries' tails) made it slower than mdl_expm1_neg on the AVX2 test machine.
 */
#define MDL_EXP8_C1 (2 * MDL_EXP_TAB_C1)  /* ln2/8, the first 32 bits */
#define MDL_EXP8_C2 (2 * MDL_EXP_TAB_C2)  /* ln2/8 - C1 */
#define MDL_EXP8_INV 0x1.71547652b82fep+3 /* 8 / ln2 */

/* e^r - 1 for |r| <= ln2/16: r + r^2 P(r) (the degree-5 fit above) */
static inline double mdl_exp8_poly(double r)
{
    double p = 0x1.a01e2bdf0ac83p-13;
    p = p * r + 0x1.6c1b70f434f0fp-10;
    p = p * r + 0x1.1111110e10a41p-7;
    p = p * r + 0x1.5555554e945dbp-5;
    p = p * r + 0x1.555555555556ap-3;
    p = p * r + 0x1.000000000002ep-1;
    return p * (r * r) + r;
}

/* e^x for x <= 0 (or NaN): 2^k T[j] + 2^k T[j] (e^r - 1); 0 below ln(DBL_MIN) (no subnormals) */
static inline double mdl_exp_neg_tab8(double x)
{
    const double lo = -708.396418532264079; /* ln(DBL_MIN) */
    double r;
    int j;
    double sc = mdl_exp_tab_reduce(x < lo ? lo : x, 2, &r, &j);
    double y = sc * mdl_exp8_poly(r) + sc;
    return x < lo ? 0.0 : y; /* -inf -> 0; NaN: r is NaN, so y is NaN */
}

/*
 * The same table-driven e^x for x <= 0 (or NaN) in float: N = round(x 16/ln2), k = floor(N/16),
 * j = N mod 16, r = x - N ln2/16 with |r| <= ln2/32, and e^x = 2^k T[j] e^r. In float the
 * short interval pays off even more: the Taylor polynomial e^r = 1 + r + r^2/2 + r^3/6 is
 * enough (its remainder r^4/24 <= 9.2e-9 is under 0.08 ulp), where mdl_expf_neg needs a
 * degree-5 polynomial on [-ln2/2, ln2/2]. Max error ~1 ulp (the table entries are correctly
 * rounded floats, <= 0.5 ulp; checked against float64 by the harness).
 *   - 1.5 * 2^23 as the rounding constant: bits(t) = bits(M) + N, j = bits(t) & 15, and
 *     (bits(t) >> 4) << 23 = k << 23 (the low bits of bits(M) are zero, as for double).
 *   - N ln2/16 in two parts: C1 with 12 significant bits (|N| <= 2016 has 11, so N C1 is
 *     exact) and C2 = ln2/16 - C1 rounded to float (together ~36 bits of ln2/16).
 *   - 2^k T[j] = bits(T[j]) + (k << 23): T[j] is in [1, 2), k >= -126 (x >= ln FLT_MIN).
 * Used by the AVX-512 build as mdl_expf_neg_tab_v16 (cpu_math_avx512.h: the table is one
 * register, T[j] one vpermps), in the f32 softmax family; other builds keep mdl_expf_neg
 * (AVX2: mdl_expf_neg_tab8).
 */
static const float mdl_exp2f_j16[16] = {
    0x1.000000p+0f, 0x1.0b5586p+0f, 0x1.172b84p+0f, 0x1.2387a6p+0f, 0x1.306fe0p+0f, 0x1.3dea64p+0f,
    0x1.4bfdaep+0f, 0x1.5ab07ep+0f, 0x1.6a09e6p+0f, 0x1.7a1148p+0f, 0x1.8ace54p+0f, 0x1.9c4918p+0f,
    0x1.ae89fap+0f, 0x1.c199bep+0f, 0x1.d5818ep+0f, 0x1.ea4afap+0f,
};
#define MDL_EXPF_TAB_C1 0x1.62ep-5f     /* ln2/16, the first 12 bits */
#define MDL_EXPF_TAB_C2 0x1.0bfbe8p-19f /* ln2/16 - C1 */

/* The reduction, as mdl_exp_tab_reduce: 16 / f entries (f = 1 or 2), T[j] = mdl_exp2f_j16[f j] */
static inline float mdl_expf_tab_reduce(float xc, int f, float* r, int* j)
{
    const float magic = 12582912.0f; /* 1.5 * 2^23 */
    const int bits = f == 1 ? 4 : 3;
    float t = xc * (0x1.715476p+4f / (float)f) + magic; /* x * 16/(f ln2) + M: N in the low bits */
    float n = t - magic;
    *r = (xc - n * ((float)f * MDL_EXPF_TAB_C1)) - n * ((float)f * MDL_EXPF_TAB_C2);
    uint32_t it = (uint32_t)mdl_f2i(t);
    *j = (int)(it & ((16u / (unsigned)f) - 1));
    return mdl_i2f((int32_t)((uint32_t)mdl_f2i(mdl_exp2f_j16[f * *j]) + ((it >> bits) << 23)));
}

static inline float mdl_expf_neg_tab(float x)
{
    const float lo = -87.33654475055310f; /* ln(FLT_MIN) */
    float r;
    int j;
    float sc = mdl_expf_tab_reduce(x < lo ? lo : x, 1, &r, &j);
    float p = (0x1.555556p-3f * r + 0.5f) * (r * r) + r; /* e^r - 1 = r + r^2/2 + r^3/6 */
    float y = sc * p + sc;
    return x < lo ? 0.0f : y; /* -inf -> 0; NaN: r is NaN, so y is NaN */
}

/*
 * ... and with an 8-entry table, for AVX2 (cpu_math_avx2.h: one vpermps of a register of 8
 * floats; 16 entries would take two and a blend): T[j] = 2^(j/8) = mdl_exp2f_j16[2j],
 * N = round(x 8/ln2), |r| <= ln2/16 = 0.0433, e^r - 1 = r + r^2/2 + r^3/6 + r^4/24 (the Taylor
 * remainder r^5/120 <= 1.3e-9, 0.01 ulp). N ln2/8 = 2 (N ln2/16): the same two parts, doubled
 * (exact). 2^k T[j] = bits(T[j]) + (k << 23). Max error 1.1 ulp (native/tests/cpu_math_test.c).
 */
/* e^r - 1 = r + r^2/2 + r^3/6 + r^4/24 for |r| <= ln2/16 */
static inline float mdl_expf8_poly(float r)
{
    return ((0x1.555556p-5f * r + 0x1.555556p-3f) * r + 0.5f) * (r * r) + r;
}

static inline float mdl_expf_neg_tab8(float x)
{
    const float lo = -87.33654475055310f; /* ln(FLT_MIN) */
    float r;
    int j;
    float sc = mdl_expf_tab_reduce(x < lo ? lo : x, 2, &r, &j);
    float y = sc * mdl_expf8_poly(r) + sc;
    return x < lo ? 0.0f : y; /* -inf -> 0; NaN: r is NaN, so y is NaN */
}

/*
 * sigmoid(x) = 1 / (1 + e^{-x}), written with e = e^{-|x|} <= 1 so that the cheap exp above
 * serves both signs:   x >= 0:  1 / (1 + e)      x < 0:  e / (1 + e)  (= 1 / (1 + e^{-x}))
 * Both come from one reciprocal; a select picks the numerator. +-inf give 1 / 0, NaN stays NaN.
 */
static inline float mdl_sigmoidf(float x)
{
    float e = mdl_expf_neg(-fabsf(x));
    float r = 1.0f / (1.0f + e);
    return x >= 0 ? r : e * r;
}

static inline double mdl_sigmoid(double x)
{
    double e = mdl_exp_neg(-fabs(x));
    double r = 1.0 / (1.0 + e);
    return x >= 0 ? r : e * r;
}

/*
 * tanh(x) from e^x:
 *   |x| >= 0.625:  with t = e^{-2|x|} (in (0, 0.29]),  tanh|x| = (1 - t) / (1 + t)
 *                  (no cancellation, since 1 - t >= 0.71; for |x| > 44 t is 0 and tanh = 1);
 *   |x| <  0.625:  1 - t would lose digits, so an odd polynomial / rational function
 *                  (Cephes tanhf / tanh) is used: tanh x = x + x z P(z) [/ Q(z)], z = x^2.
 * Both are computed and one is selected (branch-free); the sign is put back at the end.
 * e^{-2|x|} <= 1, so the cheaper mdl_expf_neg / mdl_exp_neg do.
 */
static inline float mdl_tanhf(float x)
{
    float a = fabsf(x);
    float t = mdl_expf_neg(-2.0f * a); /* argument <= 0: the cheap exp */
    float big = (1.0f - t) / (1.0f + t);
    float z = x * x;
    float p = -5.70498872745E-3f;
    p = p * z + 2.06390887954E-2f;
    p = p * z - 5.37397155531E-2f;
    p = p * z + 1.33314422036E-1f;
    p = p * z - 3.33332819422E-1f;
    float small = p * z * a + a;
    float y = a < 0.625f ? small : big;
    /* put the sign back: copysign is two bit operations (the plain x < 0 ? -y : y needs a
       compare and a blend); a NaN x gives a NaN y through t, so it stays NaN */
    return copysignf(y, x);
}

static inline double mdl_tanh(double x)
{
    double a = fabs(x);
    double t = mdl_exp_neg(-2.0 * a);
    double z = x * x;
    double p = (-9.64399179425052238628E-1 * z - 9.92877231001918586564E1) * z - 1.61468768441708447952E3;
    double q = ((z + 1.12811678491632931402E2) * z + 2.23548839060100448583E3) * z + 4.84406305325125486048E3;
    /* The plain form divides twice and then selects:
     *     small = a + a z (p / q);   big = (1 - t) / (1 + t);   y = a < 0.625 ? small : big
     * A double divide is the slowest vector instruction here, so the numerators and the
     * denominators are selected first and divided once: small = (a q + a z p) / q,
     * with the numerator as a (q + z p) (one multiply fewer). */
    int is_small = a < 0.625;
    double num = is_small ? a * (q + z * p) : 1.0 - t;
    double den = is_small ? q : 1.0 + t;
    double y = num / den;
    return copysign(y, x);
}

#endif /* MDL_CPU_MATH_H */
