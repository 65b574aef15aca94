/*
 * cpu_elementwise.c — fill, scale, axpy, map, zip, the broadcasts and add-bias (CPU build).
 *
 * The kernels themselves are in cpu_elementwise.inc, instantiated for float and double.
 * This file holds the build's kernel entries (mdl_impl.h): dispatch on the dtype and on the
 * CPU's instruction set. native/src/common/api.c has already checked the arguments.
 */
#include <tgmath.h>

#include "cpu_internal.h"
#include "cpu_math.h"
#if MDL_HAVE_X86_KERNELS
#  include <immintrin.h> /* the f64 sigmoid / tanh / elu map loops (AVX-512 variant) */
#endif

#define MDL_KERNELS "cpu_elementwise.inc"
#include "cpu_isa_variants.inc"

/* mdl_impl.h: the arguments were checked by api.c; dispatch on the dtype and the CPU's level. */

mdl_status mdl_impl_fill(mdl_dtype dt, int64_t n, void* x, double value)
{
    if (dt == MDL_F32) MDL_ISA_CALL(fill_par_f32, (n, (float*)x, (float)value));
    else               MDL_ISA_CALL(fill_par_f64, (n, (double*)x, value));
    return MDL_OK;
}

mdl_status mdl_impl_scale(mdl_dtype dt, int64_t n, double alpha, void* y)
{
    if (dt == MDL_F32) MDL_ISA_CALL(scale_par_f32, (n, (float)alpha, (float*)y));
    else               MDL_ISA_CALL(scale_par_f64, (n, alpha, (double*)y));
    return MDL_OK;
}

mdl_status mdl_impl_axpy(mdl_dtype dt, int64_t n, double alpha, const void* x, void* y)
{
    if (dt == MDL_F32) MDL_ISA_CALL(axpy_par_f32, (n, (float)alpha, (const float*)x, (float*)y));
    else               MDL_ISA_CALL(axpy_par_f64, (n, alpha, (const double*)x, (double*)y));
    return MDL_OK;
}

mdl_status mdl_impl_map(mdl_dtype dt, mdl_unary_op op, int64_t n, const void* x, void* y, double p)
{
    if (dt == MDL_F32) MDL_ISA_CALL(map_par_f32, (op, n, (const float*)x, (float*)y, (float)p));
    else               MDL_ISA_CALL(map_par_f64, (op, n, (const double*)x, (double*)y, p));
    return MDL_OK;
}

mdl_status mdl_impl_map_backward(mdl_dtype dt, mdl_unary_op op, int64_t n, const void* x, const void* y,
                                 const void* dy, void* dx, double p)
{
    if (dt == MDL_F32)
        MDL_ISA_CALL(map_backward_par_f32, (op, n, (const float*)x, (const float*)y, (const float*)dy, (float*)dx, (float)p));
    else
        MDL_ISA_CALL(map_backward_par_f64, (op, n, (const double*)x, (const double*)y, (const double*)dy, (double*)dx, p));
    return MDL_OK;
}

mdl_status mdl_impl_zip(mdl_dtype dt, mdl_binary_op op, int64_t n, const void* a, const void* b, void* c)
{
    if (dt == MDL_F32) MDL_ISA_CALL(zip_par_f32, (op, n, (const float*)a, (const float*)b, (float*)c));
    else               MDL_ISA_CALL(zip_par_f64, (op, n, (const double*)a, (const double*)b, (double*)c));
    return MDL_OK;
}

mdl_status mdl_impl_zip_backward(mdl_dtype dt, mdl_binary_op op, int64_t n, const void* a, const void* b,
                                 const void* dc, void* da, void* db)
{
    if (dt == MDL_F32)
        MDL_ISA_CALL(zip_backward_par_f32, (op, n, (const float*)a, (const float*)b, (const float*)dc, (float*)da, (float*)db));
    else
        MDL_ISA_CALL(zip_backward_par_f64, (op, n, (const double*)a, (const double*)b, (const double*)dc, (double*)da, (double*)db));
    return MDL_OK;
}

mdl_status mdl_impl_zip_row(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols, const void* x,
                            const void* r, void* y)
{
    if (dt == MDL_F32) MDL_ISA_CALL(zip_row_par_f32, (op, rows, cols, (const float*)x, (const float*)r, (float*)y));
    else               MDL_ISA_CALL(zip_row_par_f64, (op, rows, cols, (const double*)x, (const double*)r, (double*)y));
    return MDL_OK;
}

mdl_status mdl_impl_zip_row_backward(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols, const void* x,
                                     const void* r, const void* dy, void* dx, void* dr)
{
    if (dt == MDL_F32)
        MDL_ISA_CALL(zip_row_backward_par_f32, (op, rows, cols, (const float*)x, (const float*)r, (const float*)dy,
                                 (float*)dx, (float*)dr));
    else
        MDL_ISA_CALL(zip_row_backward_par_f64, (op, rows, cols, (const double*)x, (const double*)r, (const double*)dy,
                                 (double*)dx, (double*)dr));
    return MDL_OK;
}

mdl_status mdl_impl_zip_col(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols, const void* x,
                            const void* c, void* y)
{
    if (dt == MDL_F32) MDL_ISA_CALL(zip_col_par_f32, (op, rows, cols, (const float*)x, (const float*)c, (float*)y));
    else               MDL_ISA_CALL(zip_col_par_f64, (op, rows, cols, (const double*)x, (const double*)c, (double*)y));
    return MDL_OK;
}

mdl_status mdl_impl_zip_col_backward(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols, const void* x,
                                     const void* c, const void* dy, void* dx, void* dc)
{
    if (dt == MDL_F32)
        MDL_ISA_CALL(zip_col_backward_par_f32, (op, rows, cols, (const float*)x, (const float*)c, (const float*)dy,
                                 (float*)dx, (float*)dc));
    else
        MDL_ISA_CALL(zip_col_backward_par_f64, (op, rows, cols, (const double*)x, (const double*)c, (const double*)dy,
                                 (double*)dx, (double*)dc));
    return MDL_OK;
}

mdl_status mdl_impl_add_bias(mdl_dtype dt, mdl_unary_op act, int64_t rows, int64_t cols, const void* x,
                             const void* b, void* y, double p)
{
    if (dt == MDL_F32)
        MDL_ISA_CALL(add_bias_par_f32, (act, rows, cols, (const float*)x, (const float*)b, (float*)y, (float)p));
    else
        MDL_ISA_CALL(add_bias_par_f64, (act, rows, cols, (const double*)x, (const double*)b, (double*)y, p));
    return MDL_OK;
}
