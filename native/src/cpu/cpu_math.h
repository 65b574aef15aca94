/*
 * cpu_math.h — a vectorizable e^x for float (not part of the ABI).
 *
 * The C library's expf is one opaque call per element, so a loop that calls it cannot be
 * vectorized (without -ffast-math). mdl_expf is plain arithmetic the compiler can put in
 * SIMD registers, 16 floats at a time with AVX-512:
 *
 *   e^x = 2^n e^r   with  n = round(x / ln 2),  r = x - n ln 2   (|r| <= ln2 / 2)
 *   e^r ~ 1 + r + r^2 (1/2 + r/6 + r^2/24 + ...)   (Cephes' degree-7 minimax polynomial)
 *   2^n is built directly as the float bit pattern (n + 127) << 23.
 *
 * Relative error about 1-2 ulp for -87.3 < x < 88.3. Below -87.3 it returns 0 (the true
 * value is a subnormal under 1.2e-38); above 88.72 it returns +inf; NaN gives NaN.
 * (The few inputs in 88.37..88.72 return e^88.37 = 2.4e38 instead of up to 3.4e38.)
 */
#ifndef MDL_CPU_MATH_H
#define MDL_CPU_MATH_H

#include <math.h>
#include <stdint.h>
#include <string.h>

static inline float mdl_expf(float x)
{
    const float hi = 88.3762626647949f, lo = -87.3365447505531f;
    float xc = x > hi ? hi : x;
    xc = xc < lo ? lo : xc;
    /* n = round(x log2 e): adding and subtracting 1.5 * 2^23 rounds to an integer */
    const float magic = 12582912.0f;
    float n = (xc * 1.44269504088896341f + magic) - magic;
    /* r = x - n ln2, with ln2 split in two parts so that n * ln2_hi is exact */
    float r = xc - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float p = 1.9875691500E-4f;
    p = p * r + 1.3981999507E-3f;
    p = p * r + 8.3334519073E-3f;
    p = p * r + 4.1665795894E-2f;
    p = p * r + 1.6666665459E-1f;
    p = p * r + 5.0000001201E-1f;
    float er = p * r * r + r + 1.0f;
    int32_t bits = ((int32_t)n + 127) << 23; /* 2^n */
    float two_n;
    memcpy(&two_n, &bits, sizeof two_n);
    float y = er * two_n;
    y = x < lo ? 0.0f : y;
    y = x > 88.72283935546875f ? INFINITY : y;
    return y;
}

#endif /* MDL_CPU_MATH_H */
