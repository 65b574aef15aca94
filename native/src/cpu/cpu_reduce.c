/*
 * cpu_reduce.c — mdl_sum_rows, mdl_sum_cols, mdl_sum and mdl_transpose (CPU build).
 * Kernels in cpu_reduce.inc; this file dispatches on the dtype (api.c checked the arguments).
 */
#include "cpu_internal.h"

#define MDL_KERNELS "cpu_reduce.inc"
#include "cpu_isa_variants.inc"

/* mdl_impl.h: the arguments were checked by api.c. */

mdl_status mdl_impl_sum_rows(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, double beta, void* y)
{
    if (dt == MDL_F32) return MDL_ISA_CALL(sum_rows_impl_f32, (rows, cols, (const float*)x, (float)beta, (float*)y));
    return MDL_ISA_CALL(sum_rows_impl_f64, (rows, cols, (const double*)x, beta, (double*)y));
}

mdl_status mdl_impl_sum_cols(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, double beta, void* y)
{
    if (dt == MDL_F32) MDL_ISA_CALL(sum_cols_impl_f32, (rows, cols, (const float*)x, (float)beta, (float*)y));
    else               MDL_ISA_CALL(sum_cols_impl_f64, (rows, cols, (const double*)x, beta, (double*)y));
    return MDL_OK;
}

mdl_status mdl_impl_sum(mdl_dtype dt, int64_t n, const void* x, double beta, void* out)
{
    if (dt == MDL_F32) MDL_ISA_CALL(sum_impl_f32, (n, (const float*)x, (float)beta, (float*)out));
    else               MDL_ISA_CALL(sum_impl_f64, (n, (const double*)x, beta, (double*)out));
    return MDL_OK;
}

mdl_status mdl_impl_transpose(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, void* y)
{
    if (dt == MDL_F32) MDL_ISA_CALL(transpose_impl_f32, (rows, cols, (const float*)x, (float*)y));
    else               MDL_ISA_CALL(transpose_impl_f64, (rows, cols, (const double*)x, (double*)y));
    return MDL_OK;
}
