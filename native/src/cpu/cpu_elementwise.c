/*
 * cpu_elementwise.c — fill, scale, axpy, map, zip, the broadcasts and add-bias (CPU build).
 *
 * The kernels themselves are in cpu_elementwise.inc, instantiated for float and double.
 * This file holds the public ABI functions: validate every argument (the message names the
 * function and the offending value), then dispatch on the dtype.
 */
#include <tgmath.h>

#include "cpu_internal.h"
#include "cpu_math.h"
#if MDL_HAVE_X86_KERNELS
#  include <immintrin.h> /* the f64 sigmoid / tanh / elu map loops (AVX-512 variant) */
#endif

#define MDL_KERNELS "cpu_elementwise.inc"
#include "cpu_isa_variants.inc"

/* Which arguments of mdl_map_backward an op's derivative reads. */
static int op_needs_x(mdl_unary_op op)
{
    switch (op) {
    case MDL_LOG: case MDL_RECIPROCAL: case MDL_SQUARE: case MDL_ABS: case MDL_POW_CONST:
    case MDL_RELU: case MDL_LEAKY_RELU: case MDL_ELU:
        return 1;
    default:
        return 0;
    }
}

static int op_needs_y(mdl_unary_op op)
{
    return op == MDL_EXP || op == MDL_SQRT || op == MDL_SIGMOID || op == MDL_TANH || op == MDL_ELU;
}

mdl_status mdl_fill(mdl_dtype dt, int64_t n, void* x, double value)
{
    static const char fn[] = "mdl_fill";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_NONNEG(fn, "n", n);
    MDL_CHECK_PTR(fn, "x", x, n);
    if (dt == MDL_F32) MDL_ISA_CALL(fill_par_f32, (n, (float*)x, (float)value));
    else               MDL_ISA_CALL(fill_par_f64, (n, (double*)x, value));
    return MDL_OK;
}

mdl_status mdl_scale(mdl_dtype dt, int64_t n, double alpha, void* y)
{
    static const char fn[] = "mdl_scale";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_NONNEG(fn, "n", n);
    MDL_CHECK_PTR(fn, "y", y, n);
    if (dt == MDL_F32) MDL_ISA_CALL(scale_par_f32, (n, (float)alpha, (float*)y));
    else               MDL_ISA_CALL(scale_par_f64, (n, alpha, (double*)y));
    return MDL_OK;
}

mdl_status mdl_axpy(mdl_dtype dt, int64_t n, double alpha, const void* x, void* y)
{
    static const char fn[] = "mdl_axpy";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_NONNEG(fn, "n", n);
    MDL_CHECK_PTR(fn, "x", x, n);
    MDL_CHECK_PTR(fn, "y", y, n);
    if (dt == MDL_F32) MDL_ISA_CALL(axpy_par_f32, (n, (float)alpha, (const float*)x, (float*)y));
    else               MDL_ISA_CALL(axpy_par_f64, (n, alpha, (const double*)x, (double*)y));
    return MDL_OK;
}

mdl_status mdl_map(mdl_dtype dt, mdl_unary_op op, int64_t n, const void* x, void* y, double p)
{
    static const char fn[] = "mdl_map";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_UNARY(fn, op);
    MDL_CHECK_NONNEG(fn, "n", n);
    MDL_CHECK_PTR(fn, "x", x, n);
    MDL_CHECK_PTR(fn, "y", y, n);
    if (dt == MDL_F32) MDL_ISA_CALL(map_par_f32, (op, n, (const float*)x, (float*)y, (float)p));
    else               MDL_ISA_CALL(map_par_f64, (op, n, (const double*)x, (double*)y, p));
    return MDL_OK;
}

mdl_status mdl_map_backward(mdl_dtype dt, mdl_unary_op op, int64_t n, const void* x, const void* y,
                            const void* dy, void* dx, double p)
{
    static const char fn[] = "mdl_map_backward";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_UNARY(fn, op);
    MDL_CHECK_NONNEG(fn, "n", n);
    if (op_needs_x(op)) MDL_CHECK_PTR(fn, "x", x, n);
    if (op_needs_y(op)) MDL_CHECK_PTR(fn, "y", y, n);
    MDL_CHECK_PTR(fn, "dy", dy, n);
    MDL_CHECK_PTR(fn, "dx", dx, n);
    if (dt == MDL_F32)
        MDL_ISA_CALL(map_backward_par_f32, (op, n, (const float*)x, (const float*)y, (const float*)dy, (float*)dx, (float)p));
    else
        MDL_ISA_CALL(map_backward_par_f64, (op, n, (const double*)x, (const double*)y, (const double*)dy, (double*)dx, p));
    return MDL_OK;
}

mdl_status mdl_zip(mdl_dtype dt, mdl_binary_op op, int64_t n, const void* a, const void* b, void* c)
{
    static const char fn[] = "mdl_zip";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_BINARY(fn, op);
    MDL_CHECK_NONNEG(fn, "n", n);
    MDL_CHECK_PTR(fn, "a", a, n);
    MDL_CHECK_PTR(fn, "b", b, n);
    MDL_CHECK_PTR(fn, "c", c, n);
    if (dt == MDL_F32) MDL_ISA_CALL(zip_par_f32, (op, n, (const float*)a, (const float*)b, (float*)c));
    else               MDL_ISA_CALL(zip_par_f64, (op, n, (const double*)a, (const double*)b, (double*)c));
    return MDL_OK;
}

mdl_status mdl_zip_backward(mdl_dtype dt, mdl_binary_op op, int64_t n, const void* a, const void* b,
                            const void* dc, void* da, void* db)
{
    static const char fn[] = "mdl_zip_backward";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_BINARY(fn, op);
    MDL_CHECK_NONNEG(fn, "n", n);
    MDL_CHECK_PTR(fn, "a", a, n);
    MDL_CHECK_PTR(fn, "b", b, n);
    MDL_CHECK_PTR(fn, "dc", dc, n);
    if (dt == MDL_F32)
        MDL_ISA_CALL(zip_backward_par_f32, (op, n, (const float*)a, (const float*)b, (const float*)dc, (float*)da, (float*)db));
    else
        MDL_ISA_CALL(zip_backward_par_f64, (op, n, (const double*)a, (const double*)b, (const double*)dc, (double*)da, (double*)db));
    return MDL_OK;
}

/* Shared checks of the four broadcast functions. */
#define CHECK_MATRIX(fn, rows, cols)              \
    MDL_CHECK_DTYPE(fn, dt);                      \
    MDL_CHECK_BINARY(fn, op);                     \
    MDL_CHECK_NONNEG(fn, "rows", rows);           \
    MDL_CHECK_NONNEG(fn, "cols", cols)

mdl_status mdl_zip_row(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols, const void* x,
                       const void* r, void* y)
{
    static const char fn[] = "mdl_zip_row";
    CHECK_MATRIX(fn, rows, cols);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "r", r, rows * cols);
    MDL_CHECK_PTR(fn, "y", y, rows * cols);
    if (dt == MDL_F32) MDL_ISA_CALL(zip_row_par_f32, (op, rows, cols, (const float*)x, (const float*)r, (float*)y));
    else               MDL_ISA_CALL(zip_row_par_f64, (op, rows, cols, (const double*)x, (const double*)r, (double*)y));
    return MDL_OK;
}

mdl_status mdl_zip_row_backward(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols, const void* x,
                                const void* r, const void* dy, void* dx, void* dr)
{
    static const char fn[] = "mdl_zip_row_backward";
    CHECK_MATRIX(fn, rows, cols);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "r", r, rows * cols);
    MDL_CHECK_PTR(fn, "dy", dy, rows * cols);
    if (dt == MDL_F32)
        MDL_ISA_CALL(zip_row_backward_par_f32, (op, rows, cols, (const float*)x, (const float*)r, (const float*)dy,
                                 (float*)dx, (float*)dr));
    else
        MDL_ISA_CALL(zip_row_backward_par_f64, (op, rows, cols, (const double*)x, (const double*)r, (const double*)dy,
                                 (double*)dx, (double*)dr));
    return MDL_OK;
}

mdl_status mdl_zip_col(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols, const void* x,
                       const void* c, void* y)
{
    static const char fn[] = "mdl_zip_col";
    CHECK_MATRIX(fn, rows, cols);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "c", c, rows * cols);
    MDL_CHECK_PTR(fn, "y", y, rows * cols);
    if (dt == MDL_F32) MDL_ISA_CALL(zip_col_par_f32, (op, rows, cols, (const float*)x, (const float*)c, (float*)y));
    else               MDL_ISA_CALL(zip_col_par_f64, (op, rows, cols, (const double*)x, (const double*)c, (double*)y));
    return MDL_OK;
}

mdl_status mdl_zip_col_backward(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols, const void* x,
                                const void* c, const void* dy, void* dx, void* dc)
{
    static const char fn[] = "mdl_zip_col_backward";
    CHECK_MATRIX(fn, rows, cols);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "c", c, rows * cols);
    MDL_CHECK_PTR(fn, "dy", dy, rows * cols);
    if (dt == MDL_F32)
        MDL_ISA_CALL(zip_col_backward_par_f32, (op, rows, cols, (const float*)x, (const float*)c, (const float*)dy,
                                 (float*)dx, (float*)dc));
    else
        MDL_ISA_CALL(zip_col_backward_par_f64, (op, rows, cols, (const double*)x, (const double*)c, (const double*)dy,
                                 (double*)dx, (double*)dc));
    return MDL_OK;
}

mdl_status mdl_add_bias(mdl_dtype dt, mdl_unary_op act, int64_t rows, int64_t cols, const void* x,
                        const void* b, void* y, double p)
{
    static const char fn[] = "mdl_add_bias";
    MDL_CHECK_DTYPE(fn, dt);
    MDL_CHECK_UNARY(fn, act);
    MDL_CHECK_NONNEG(fn, "rows", rows);
    MDL_CHECK_NONNEG(fn, "cols", cols);
    MDL_CHECK_PTR(fn, "x", x, rows * cols);
    MDL_CHECK_PTR(fn, "b", b, rows * cols);
    MDL_CHECK_PTR(fn, "y", y, rows * cols);
    if (dt == MDL_F32)
        MDL_ISA_CALL(add_bias_par_f32, (act, rows, cols, (const float*)x, (const float*)b, (float*)y, (float)p));
    else
        MDL_ISA_CALL(add_bias_par_f64, (act, rows, cols, (const double*)x, (const double*)b, (double*)y, p));
    return MDL_OK;
}
