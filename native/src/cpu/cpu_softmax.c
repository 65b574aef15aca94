/*
 * cpu_softmax.c — softmax, log-softmax, their backwards and the fused softmax
 * cross-entropy (CPU build). Kernels in cpu_softmax.inc; here: validation + dispatch.
 */
#include <tgmath.h>

#include "cpu_internal.h"
#include "cpu_math.h"

#define T float
#define SFX f32
#define EXPT mdl_expf
#include "cpu_softmax.inc"
#undef T
#undef SFX
#undef EXPT

#define T double
#define SFX f64
#define EXPT exp
#include "cpu_softmax.inc"
#undef T
#undef SFX
#undef EXPT

#define CHECK_ROWS_COLS(fn)                 \
    MDL_CHECK_DTYPE(fn, dt);                \
    MDL_CHECK_NONNEG(fn, "rows", rows);     \
    MDL_CHECK_NONNEG(fn, "cols", cols)

mdl_status mdl_softmax(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, void* y)
{
    static const char fn[] = "mdl_softmax";
    CHECK_ROWS_COLS(fn);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "y", y, rows * cols);
    if (cols == 0) return MDL_OK;
    if (dt == MDL_F32) softmax_impl_f32(rows, cols, (const float*)x, (float*)y);
    else               softmax_impl_f64(rows, cols, (const double*)x, (double*)y);
    return MDL_OK;
}

mdl_status mdl_log_softmax(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, void* y)
{
    static const char fn[] = "mdl_log_softmax";
    CHECK_ROWS_COLS(fn);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "y", y, rows * cols);
    if (cols == 0) return MDL_OK;
    if (dt == MDL_F32) log_softmax_impl_f32(rows, cols, (const float*)x, (float*)y);
    else               log_softmax_impl_f64(rows, cols, (const double*)x, (double*)y);
    return MDL_OK;
}

mdl_status mdl_softmax_backward(mdl_dtype dt, int64_t rows, int64_t cols, const void* y, const void* dy, void* dx)
{
    static const char fn[] = "mdl_softmax_backward";
    CHECK_ROWS_COLS(fn);
    MDL_CHECK_PTR(fn, "y", y, rows * cols);
    MDL_CHECK_PTR(fn, "dy", dy, rows * cols);
    MDL_CHECK_PTR(fn, "dx", dx, rows * cols);
    if (dt == MDL_F32) softmax_backward_impl_f32(rows, cols, (const float*)y, (const float*)dy, (float*)dx);
    else               softmax_backward_impl_f64(rows, cols, (const double*)y, (const double*)dy, (double*)dx);
    return MDL_OK;
}

mdl_status mdl_log_softmax_backward(mdl_dtype dt, int64_t rows, int64_t cols, const void* y, const void* dy,
                                    void* dx)
{
    static const char fn[] = "mdl_log_softmax_backward";
    CHECK_ROWS_COLS(fn);
    MDL_CHECK_PTR(fn, "y", y, rows * cols);
    MDL_CHECK_PTR(fn, "dy", dy, rows * cols);
    MDL_CHECK_PTR(fn, "dx", dx, rows * cols);
    if (dt == MDL_F32) log_softmax_backward_impl_f32(rows, cols, (const float*)y, (const float*)dy, (float*)dx);
    else               log_softmax_backward_impl_f64(rows, cols, (const double*)y, (const double*)dy, (double*)dx);
    return MDL_OK;
}

/* With cols == 0 each row's loss is the empty sum 0 (loss has rows elements). */
mdl_status mdl_softmax_xent(mdl_dtype dt, int64_t rows, int64_t cols, const void* logits, const void* targets,
                            void* probs, void* loss)
{
    static const char fn[] = "mdl_softmax_xent";
    CHECK_ROWS_COLS(fn);
    MDL_CHECK_PTR(fn, "logits", logits, rows * cols);
    MDL_CHECK_PTR(fn, "targets", targets, rows * cols);
    MDL_CHECK_PTR(fn, "loss", loss, rows);
    if (cols == 0) return mdl_fill(dt, rows, loss, 0.0);
    if (dt == MDL_F32)
        softmax_xent_impl_f32(rows, cols, (const float*)logits, (const float*)targets, (float*)probs, (float*)loss);
    else
        softmax_xent_impl_f64(rows, cols, (const double*)logits, (const double*)targets, (double*)probs, (double*)loss);
    return MDL_OK;
}

mdl_status mdl_softmax_xent_backward(mdl_dtype dt, int64_t rows, int64_t cols, const void* probs,
                                     const void* targets, const void* dloss, void* dlogits)
{
    static const char fn[] = "mdl_softmax_xent_backward";
    CHECK_ROWS_COLS(fn);
    MDL_CHECK_PTR(fn, "probs", probs, rows * cols);
    MDL_CHECK_PTR(fn, "targets", targets, rows * cols);
    MDL_CHECK_PTR(fn, "dloss", dloss, rows);
    MDL_CHECK_PTR(fn, "dlogits", dlogits, rows * cols);
    if (dt == MDL_F32)
        softmax_xent_backward_impl_f32(rows, cols, (const float*)probs, (const float*)targets,
                                       (const float*)dloss, (float*)dlogits);
    else
        softmax_xent_backward_impl_f64(rows, cols, (const double*)probs, (const double*)targets,
                                       (const double*)dloss, (double*)dlogits);
    return MDL_OK;
}
