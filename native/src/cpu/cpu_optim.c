/*
 * cpu_optim.c — mdl_dropout_mask and the optimizer steps (SGD, momentum, Adam) of the
 * CPU build. Kernels in cpu_optim.inc; here: the dropout hash, validation and dispatch.
 */
#include <math.h>
#include <tgmath.h>

#include "cpu_internal.h"

/* The dropout uniform u_i in [0,1) — every build and the managed reference compute exactly:
 *   z = seed + (i+1) * 0x9E3779B97F4A7C15            (mod 2^64)
 *   z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
 *   z = (z ^ (z >> 27)) * 0x94D049BB133111EB
 *   z =  z ^ (z >> 31)
 *   u = (z >> 11) * 2^-53                             (53 random bits -> a double in [0,1))
 * This is SplitMix64's output for the (i+1)-th state after `seed`, so element i needs no
 * state from element i-1 and any thread (or GPU lane) can compute it on its own. */
static inline double mdl_dropout_uniform(uint64_t seed, uint64_t i)
{
    uint64_t z = seed + (i + 1) * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (double)(z >> 11) * (1.0 / 9007199254740992.0);
}

#define T float
#define SFX f32
#include "cpu_optim.inc"
#undef T
#undef SFX

#define T double
#define SFX f64
#include "cpu_optim.inc"
#undef T
#undef SFX

mdl_status mdl_dropout_mask(mdl_dtype dt, int64_t n, double p, uint64_t seed, void* mask)
{
    static const char fn[] = "mdl_dropout_mask";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_NONNEG(fn, "n", n);
    if (!(p >= 0.0 && p < 1.0)) return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "mdl_dropout_mask: p=%g is outside [0,1)", p);
    MDL_CHECK_PTR(fn, "mask", mask, n);
    if (dt == MDL_F32) dropout_mask_impl_f32(n, p, seed, (float*)mask);
    else               dropout_mask_impl_f64(n, p, seed, (double*)mask);
    return MDL_OK;
}

mdl_status mdl_sgd_step(mdl_dtype dt, int64_t n, double lr, const void* g, void* w)
{
    static const char fn[] = "mdl_sgd_step";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_NONNEG(fn, "n", n);
    MDL_CHECK_PTR(fn, "g", g, n);
    MDL_CHECK_PTR(fn, "w", w, n);
    if (dt == MDL_F32) sgd_impl_f32(n, (float)lr, (const float*)g, (float*)w);
    else               sgd_impl_f64(n, lr, (const double*)g, (double*)w);
    return MDL_OK;
}

mdl_status mdl_momentum_step(mdl_dtype dt, int64_t n, double lr, double beta, const void* g, void* v, void* w)
{
    static const char fn[] = "mdl_momentum_step";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_NONNEG(fn, "n", n);
    MDL_CHECK_PTR(fn, "g", g, n);
    MDL_CHECK_PTR(fn, "v", v, n);
    MDL_CHECK_PTR(fn, "w", w, n);
    if (dt == MDL_F32) momentum_impl_f32(n, (float)lr, (float)beta, (const float*)g, (float*)v, (float*)w);
    else               momentum_impl_f64(n, lr, beta, (const double*)g, (double*)v, (double*)w);
    return MDL_OK;
}

/* Checks shared by mdl_adam_step and mdl_adam_step_multi. */
static mdl_status check_adam(const char* fn, mdl_dtype dt, double beta1, double beta2, int64_t t)
{
    MDL_CHECK_DTYPE(fn, dt);
    if (t < 1) return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "%s: t=%lld must be >= 1", fn, (long long)t);
    if (beta1 == 1.0 || beta2 == 1.0)
        return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "%s: beta1=%g, beta2=%g must differ from 1", fn, beta1, beta2);
    return MDL_OK;
}

static void adam_dispatch(mdl_dtype dt, int64_t n, double lr, double b1, double b2, double eps, int64_t t,
                          const void* g, void* m, void* v, void* w)
{
    double c1 = 1.0 / (1.0 - pow(b1, (double)t)), c2 = 1.0 / (1.0 - pow(b2, (double)t));
    if (dt == MDL_F32)
        adam_impl_f32(n, (float)lr, (float)b1, (float)b2, (float)eps, (float)c1, (float)c2, (const float*)g,
                      (float*)m, (float*)v, (float*)w);
    else
        adam_impl_f64(n, lr, b1, b2, eps, c1, c2, (const double*)g, (double*)m, (double*)v, (double*)w);
}

mdl_status mdl_adam_step(mdl_dtype dt, int64_t n, double lr, double beta1, double beta2, double eps, int64_t t,
                         const void* g, void* m, void* v, void* w)
{
    static const char fn[] = "mdl_adam_step";
    mdl_status st = check_adam(fn, dt, beta1, beta2, t);
    if (st != MDL_OK) return st;
    MDL_CHECK_NONNEG(fn, "n", n);
    MDL_CHECK_PTR(fn, "g", g, n);
    MDL_CHECK_PTR(fn, "m", m, n);
    MDL_CHECK_PTR(fn, "v", v, n);
    MDL_CHECK_PTR(fn, "w", w, n);
    adam_dispatch(dt, n, lr, beta1, beta2, eps, t, g, m, v, w);
    return MDL_OK;
}

mdl_status mdl_adam_step_multi(mdl_dtype dt, int32_t count, const int64_t* lengths, double lr, double beta1,
                               double beta2, double eps, int64_t t, void* const* g, void* const* m,
                               void* const* v, void* const* w)
{
    static const char fn[] = "mdl_adam_step_multi";
    mdl_status st = check_adam(fn, dt, beta1, beta2, t);
    if (st != MDL_OK) return st;
    MDL_CHECK_NONNEG(fn, "count", count);
    if (count == 0) return MDL_OK;
    if (!lengths || !g || !m || !v || !w)
        return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "mdl_adam_step_multi: lengths/g/m/v/w array is NULL with count=%d", count);
    /* Validate everything before touching anything, so a bad entry changes no tensor. */
    for (int32_t k = 0; k < count; ++k) {
        if (lengths[k] < 0)
            return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "mdl_adam_step_multi: lengths[%d]=%lld is negative", k,
                            (long long)lengths[k]);
        if (lengths[k] > 0 && (!g[k] || !m[k] || !v[k] || !w[k]))
            return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "mdl_adam_step_multi: a buffer of tensor %d is NULL with %lld elements",
                            k, (long long)lengths[k]);
    }
    for (int32_t k = 0; k < count; ++k)
        if (lengths[k] > 0) adam_dispatch(dt, lengths[k], lr, beta1, beta2, eps, t, g[k], m[k], v[k], w[k]);
    return MDL_OK;
}
