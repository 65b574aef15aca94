/*
 * cpu_optim.c — mdl_dropout_mask and the optimizer steps (SGD, momentum, Adam) of the
 * CPU build. Kernels in cpu_optim.inc; here: the dropout hash and the dispatch (api.c checks).
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

/* mdl_impl.h: the arguments were checked by api.c. */

mdl_status mdl_impl_dropout_mask(mdl_dtype dt, int64_t n, double p, uint64_t seed, void* mask)
{
    if (dt == MDL_F32) dropout_mask_impl_f32(n, p, seed, (float*)mask);
    else               dropout_mask_impl_f64(n, p, seed, (double*)mask);
    return MDL_OK;
}

mdl_status mdl_impl_sgd_step(mdl_dtype dt, int64_t n, double lr, const void* g, void* w)
{
    if (dt == MDL_F32) sgd_impl_f32(n, (float)lr, (const float*)g, (float*)w);
    else               sgd_impl_f64(n, lr, (const double*)g, (double*)w);
    return MDL_OK;
}

mdl_status mdl_impl_momentum_step(mdl_dtype dt, int64_t n, double lr, double beta, const void* g, void* v, void* w)
{
    if (dt == MDL_F32) momentum_impl_f32(n, (float)lr, (float)beta, (const float*)g, (float*)v, (float*)w);
    else               momentum_impl_f64(n, lr, beta, (const double*)g, (double*)v, (double*)w);
    return MDL_OK;
}

/* Every constant of the step is derived in double from the exact arguments, then rounded once to
 * the dtype: 1 - b1, 1 - b2 (in float, 1 - 0.999f = 9.9998713e-4, 1.3e-5 off 1e-3, which the
 * bias correction c2 computed in double from the exact b2 does not cancel) and the bias
 * corrections c1 = 1/(1 - b1^t), c2 = 1/(1 - b2^t). */
mdl_status mdl_impl_adam_step(mdl_dtype dt, int64_t n, double lr, double b1, double b2, double eps, int64_t t,
                              const void* g, void* m, void* v, void* w)
{
    double c1 = 1.0 / (1.0 - pow(b1, (double)t)), c2 = 1.0 / (1.0 - pow(b2, (double)t));
    if (dt == MDL_F32)
        adam_impl_f32(n, (float)lr, (float)b1, (float)(1.0 - b1), (float)b2, (float)(1.0 - b2), (float)eps,
                      (float)c1, (float)c2, (const float*)g, (float*)m, (float*)v, (float*)w);
    else
        adam_impl_f64(n, lr, b1, 1.0 - b1, b2, 1.0 - b2, eps, c1, c2, (const double*)g, (double*)m, (double*)v,
                      (double*)w);
    return MDL_OK;
}

mdl_status mdl_impl_adam_step_multi(mdl_dtype dt, int32_t count, const int64_t* lengths, double lr, double beta1,
                                    double beta2, double eps, int64_t t, void* const* g, void* const* m,
                                    void* const* v, void* const* w)
{
    for (int32_t k = 0; k < count; ++k)
        if (lengths[k] > 0) mdl_impl_adam_step(dt, lengths[k], lr, beta1, beta2, eps, t, g[k], m[k], v[k], w[k]);
    return MDL_OK;
}
