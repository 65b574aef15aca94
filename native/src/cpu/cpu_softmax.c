/*
 * cpu_softmax.c — softmax, log-softmax, their backwards and the fused softmax
 * cross-entropy (CPU build). Kernels in cpu_softmax.inc; here: the dispatch (api.c checks).
 */
#include <tgmath.h>

#include "cpu_internal.h"
#include "cpu_math.h"
#if MDL_HAVE_X86_KERNELS
#  include <immintrin.h> /* masked loads / stores of the short-row kernels (AVX-512 variant) */
#endif

#define MDL_KERNELS "cpu_softmax.inc"
#include "cpu_isa_variants.inc"

/* Rows shorter than one AVX-512 vector (16 floats; e.g. the 10 classes of an MLP's output)
 * would run entirely in the scalar remainder loop of the 512-bit code: use the AVX2 (8-wide)
 * variant for them (softmax_backward / log_softmax_backward). The forward kernels and the
 * cross-entropy have dedicated short-row kernels (NAME_short, padded 16-wide rows). */
#if MDL_HAVE_X86_KERNELS
#  define SOFTMAX_CALL(fn, args)                                              \
    (cols < 16 && mdl_cpu_isa() == MDL_ISA_AVX512 ? MDL_CAT(fn, avx2) args     \
                                                  : MDL_ISA_CALL(fn, args))
#else
#  define SOFTMAX_CALL(fn, args) MDL_ISA_CALL(fn, args)
#endif
#define MDL_SHORT_ROW 16
/* SHORT_CALL(softmax, f32, (args)): softmax_short_f32_ISA for rows of <= 16, else softmax_impl. */
#define SHORT_CALL(name, sfx, args)                                                          \
    (cols <= MDL_SHORT_ROW ? MDL_ISA_CALL(MDL_CAT(MDL_CAT(name, short), sfx), args)          \
                           : SOFTMAX_CALL(MDL_CAT(MDL_CAT(name, impl), sfx), args))

/* mdl_impl.h: the arguments were checked by api.c (rows, cols > 0 here). */

mdl_status mdl_impl_softmax(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, void* y)
{
    if (dt == MDL_F32) SHORT_CALL(softmax, f32, (rows, cols, (const float*)x, (float*)y));
    else               SHORT_CALL(softmax, f64, (rows, cols, (const double*)x, (double*)y));
    return MDL_OK;
}

mdl_status mdl_impl_log_softmax(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, void* y)
{
    if (dt == MDL_F32) SHORT_CALL(log_softmax, f32, (rows, cols, (const float*)x, (float*)y));
    else               SHORT_CALL(log_softmax, f64, (rows, cols, (const double*)x, (double*)y));
    return MDL_OK;
}

mdl_status mdl_impl_softmax_backward(mdl_dtype dt, int64_t rows, int64_t cols, const void* y, const void* dy,
                                     void* dx)
{
    if (dt == MDL_F32) SOFTMAX_CALL(softmax_backward_impl_f32, (rows, cols, (const float*)y, (const float*)dy, (float*)dx));
    else               SOFTMAX_CALL(softmax_backward_impl_f64, (rows, cols, (const double*)y, (const double*)dy, (double*)dx));
    return MDL_OK;
}

mdl_status mdl_impl_log_softmax_backward(mdl_dtype dt, int64_t rows, int64_t cols, const void* y, const void* dy,
                                         void* dx)
{
    if (dt == MDL_F32) SOFTMAX_CALL(log_softmax_backward_impl_f32, (rows, cols, (const float*)y, (const float*)dy, (float*)dx));
    else               SOFTMAX_CALL(log_softmax_backward_impl_f64, (rows, cols, (const double*)y, (const double*)dy, (double*)dx));
    return MDL_OK;
}

mdl_status mdl_impl_softmax_xent(mdl_dtype dt, int64_t rows, int64_t cols, const void* logits, const void* targets,
                                 void* probs, void* loss)
{
    if (dt == MDL_F32)
        SHORT_CALL(softmax_xent, f32, (rows, cols, (const float*)logits, (const float*)targets, (float*)probs, (float*)loss));
    else
        SHORT_CALL(softmax_xent, f64, (rows, cols, (const double*)logits, (const double*)targets, (double*)probs, (double*)loss));
    return MDL_OK;
}

mdl_status mdl_impl_softmax_xent_backward(mdl_dtype dt, int64_t rows, int64_t cols, const void* probs,
                                          const void* targets, const void* dloss, void* dlogits)
{
    if (dt == MDL_F32)
        SHORT_CALL(softmax_xent_backward, f32, (rows, cols, (const float*)probs, (const float*)targets,
                                       (const float*)dloss, (float*)dlogits));
    else
        SHORT_CALL(softmax_xent_backward, f64, (rows, cols, (const double*)probs, (const double*)targets,
                                       (const double*)dloss, (double*)dlogits));
    return MDL_OK;
}
