/*
 * cpu_reduce.c — mdl_sum_rows, mdl_sum_cols, mdl_sum and mdl_transpose (CPU build).
 * Kernels in cpu_reduce.inc; this file validates the arguments and dispatches on dtype.
 */
#include "cpu_internal.h"

#define MDL_KERNELS "cpu_reduce.inc"
#include "cpu_isa_variants.inc"

mdl_status mdl_sum_rows(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, double beta, void* y)
{
    static const char fn[] = "mdl_sum_rows";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_NONNEG(fn, "rows", rows);
    MDL_CHECK_NONNEG(fn, "cols", cols);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "y", y, cols);
    if (cols == 0) return MDL_OK;
    if (dt == MDL_F32) return MDL_ISA_CALL(sum_rows_impl_f32, (rows, cols, (const float*)x, (float)beta, (float*)y));
    return MDL_ISA_CALL(sum_rows_impl_f64, (rows, cols, (const double*)x, beta, (double*)y));
}

mdl_status mdl_sum_cols(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, double beta, void* y)
{
    static const char fn[] = "mdl_sum_cols";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_NONNEG(fn, "rows", rows);
    MDL_CHECK_NONNEG(fn, "cols", cols);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "y", y, rows);
    if (dt == MDL_F32) MDL_ISA_CALL(sum_cols_impl_f32, (rows, cols, (const float*)x, (float)beta, (float*)y));
    else               MDL_ISA_CALL(sum_cols_impl_f64, (rows, cols, (const double*)x, beta, (double*)y));
    return MDL_OK;
}

mdl_status mdl_sum(mdl_dtype dt, int64_t n, const void* x, double beta, void* out)
{
    static const char fn[] = "mdl_sum";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_NONNEG(fn, "n", n);
    MDL_CHECK_PTR(fn, "x", x, n);
    if (!out) return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "mdl_sum: out is NULL");
    if (dt == MDL_F32) MDL_ISA_CALL(sum_impl_f32, (n, (const float*)x, (float)beta, (float*)out));
    else               MDL_ISA_CALL(sum_impl_f64, (n, (const double*)x, beta, (double*)out));
    return MDL_OK;
}

mdl_status mdl_transpose(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, void* y)
{
    static const char fn[] = "mdl_transpose";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_NONNEG(fn, "rows", rows);
    MDL_CHECK_NONNEG(fn, "cols", cols);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "y", y, rows * cols);
    if (x == y && rows * cols > 1 && rows > 1 && cols > 1)
        return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "mdl_transpose: x and y must not be the same buffer (%lldx%lld)",
                        (long long)rows, (long long)cols);
    if (dt == MDL_F32) MDL_ISA_CALL(transpose_impl_f32, (rows, cols, (const float*)x, (float*)y));
    else               MDL_ISA_CALL(transpose_impl_f64, (rows, cols, (const double*)x, (double*)y));
    return MDL_OK;
}
