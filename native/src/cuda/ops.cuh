/*
 * ops.cuh — the element-wise functions of minidl.h as device functions, shared by
 * elementwise.cu (map, zip), broadcast.cu (zip_row_broadcast, zip_column_broadcast, add_bias).
 *
 * The op is a runtime argument: a `switch` whose branch is the same for every thread of a
 * launch, so it costs a few instructions per element in a kernel that is bound by memory
 * bandwidth anyway (templating on the op would multiply the compile time by 16).
 *
 * Their plain float64 reference, with the derivation of each derivative: ref_unary,
 * ref_unary_derivative, ref_binary, ref_binary_grad_a/b in native/tests/reference.c.
 */
#pragma once

#include "common.cuh"

/* y = f(x; p) — the table of mdl_unary_op in minidl.h. */
template <typename T>
__host__ __device__ __forceinline__ T unary_forward(int op, T x, T p)
{
    switch (op) {
    case MDL_IDENTITY: return x;
    case MDL_NEG: return -x;
    case MDL_EXP: return exp(x);
    case MDL_LOG: return log(x);
    case MDL_RECIPROCAL: return T(1) / x;
    case MDL_SQUARE: return x * x;
    case MDL_SQRT: return sqrt(x);
    case MDL_ABS: return fabs(x);
    case MDL_ADD_CONST: return x + p;
    case MDL_MUL_CONST: return p * x;
    case MDL_POW_CONST: return pow(x, p);
    case MDL_SIGMOID: {
        /* 1/(1+e^-x) for x >= 0; e^x/(1+e^x) for x < 0 — e^-x never overflows. */
        if (x >= T(0)) return T(1) / (T(1) + exp(-x));
        T e = exp(x);
        return e / (T(1) + e);
    }
    case MDL_TANH: return tanh(x);
    case MDL_RELU: return x > T(0) ? x : T(0);
    case MDL_LEAKY_RELU: return x > T(0) ? x : p * x;
    /* expm1, not exp(x) - 1: in float e^x rounds to 1 for -3e-8 < x < 0 (y = 0 there, and the
       fused add-bias backward, which reads y for x, took the slope 1 instead of p) */
    case MDL_ELU: return x >= T(0) ? x : p * expm1(x);
    default: return x; /* unreachable: the op was validated on the host */
    }
}

/* f'(x; p), given x and the forward output y = f(x; p). Ops that use y: EXP (y), SQRT (1/(2y)),
 * SIGMOID (y(1-y)), TANH (1-y^2), ELU (for x < 0: d/dx p(e^x - 1) = p e^x = y + p); the steps:
 * ref_unary_derivative in native/tests/reference.c. mdl_map_backward passes NULL for x or y
 * where the op does not read it (api.c), and the kernels pass 0 in its place. */
template <typename T>
__host__ __device__ __forceinline__ T unary_derivative(int op, T x, T y, T p)
{
    switch (op) {
    case MDL_IDENTITY: return T(1);
    case MDL_NEG: return T(-1);
    case MDL_EXP: return y;
    case MDL_LOG: return T(1) / x;
    case MDL_RECIPROCAL: return T(-1) / (x * x);
    case MDL_SQUARE: return T(2) * x;
    case MDL_SQRT: return T(1) / (T(2) * y);
    case MDL_ABS: return x > T(0) ? T(1) : (x < T(0) ? T(-1) : T(0));
    case MDL_ADD_CONST: return T(1);
    case MDL_MUL_CONST: return p;
    case MDL_POW_CONST: return p * pow(x, p - T(1));
    case MDL_SIGMOID: return y * (T(1) - y);
    case MDL_TANH: return T(1) - y * y;
    case MDL_RELU: return x > T(0) ? T(1) : T(0);
    case MDL_LEAKY_RELU: return x > T(0) ? T(1) : p;
    case MDL_ELU: return x >= T(0) ? T(1) : y + p;
    default: return T(0);
    }
}

/* c = a op b — the table of mdl_binary_op. */
template <typename T>
__host__ __device__ __forceinline__ T binary_forward(int op, T a, T b)
{
    switch (op) {
    case MDL_ADD: return a + b;
    case MDL_SUB: return a - b;
    case MDL_MUL: return a * b;
    case MDL_DIV: return a / b;
    case MDL_MAX: return a >= b ? a : b;
    default: return a;
    }
}

/* dc/da and dc/db. MAX sends the gradient to a on ties (a >= b). DIV: c = a b^-1, dc/db = -a b^-2. */
template <typename T>
__host__ __device__ __forceinline__ T binary_grad_a(int op, T a, T b)
{
    switch (op) {
    case MDL_ADD: return T(1);
    case MDL_SUB: return T(1);
    case MDL_MUL: return b;
    case MDL_DIV: return T(1) / b;
    case MDL_MAX: return a >= b ? T(1) : T(0);
    default: return T(0);
    }
}
template <typename T>
__host__ __device__ __forceinline__ T binary_grad_b(int op, T a, T b)
{
    switch (op) {
    case MDL_ADD: return T(1);
    case MDL_SUB: return T(-1);
    case MDL_MUL: return a;
    case MDL_DIV: return -(a / b) / b; /* not -a / (b b): b b underflows for |b| < 1e-19 (float) */
    case MDL_MAX: return a >= b ? T(0) : T(1);
    default: return T(0);
    }
}
