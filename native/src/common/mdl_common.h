/*
 * mdl_common.h — shared helpers of every MiniDL backend (CPU and CUDA).
 *
 * Not part of the ABI: everything here has hidden visibility. A backend compiles
 * native/src/common/mdl_common.c into its library (CMake: ${MINIDL_COMMON_SOURCES},
 * include directory ${MINIDL_COMMON_INCLUDE}) and gets:
 *
 *   mdl_fail(status, fmt, ...)   record a printf-style message in the thread-local
 *                                last-error buffer and return `status`.
 *                                Usage:  return mdl_fail(MDL_ERR_INVALID_ARGUMENT,
 *                                                        "mdl_gemm: m=%lld is negative", (long long)m);
 *   mdl_error_message()          the thread-local message ("" if none); mdl_last_error()
 *                                (api.c) returns it. Nothing clears it: a successful call
 *                                leaves the last failure's message in place.
 *
 * and the argument-checking macros below. Each one `return`s MDL_ERR_INVALID_ARGUMENT with a
 * message naming the function (`fn`, a string literal) and the offending value:
 *
 *   MDL_CHECK_DTYPE(fn, dt)           dt is MDL_F32 or MDL_F64
 *   MDL_CHECK_NONNEG(fn, name, v)     v >= 0                       ("mdl_gemm: m=-1 is negative")
 *   MDL_CHECK_SHAPE2(fn, rows, cols)  rows, cols >= 0, rows * cols fits in int64_t
 *   MDL_CHECK_PTR(fn, name, p, n)     p != NULL whenever n > 0     ("mdl_axpy: x is NULL with 5 elements")
 *   MDL_CHECK_UNARY(fn, op)           0 <= op < MDL_UNARY_OP_COUNT ("mdl_map: unknown op 99")
 *   MDL_CHECK_BINARY(fn, op)          0 <= op < MDL_BINARY_OP_COUNT
 *
 * The macros are plain C and also compile in CUDA (.cu) host code.
 */
#ifndef MDL_COMMON_H
#define MDL_COMMON_H

#include "minidl.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#  define MDL_HIDDEN __attribute__((visibility("hidden")))
#  define MDL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#  define MDL_HIDDEN
#  define MDL_PRINTF(f, a)
#endif

/* A variable with one instance per thread. */
#if defined(_MSC_VER)
#  define MDL_THREAD_LOCAL __declspec(thread)
#else
#  define MDL_THREAD_LOCAL _Thread_local
#endif

/* Size of the thread-local message buffer, in bytes. */
#define MDL_ERROR_CAPACITY 512

MDL_HIDDEN mdl_status mdl_fail(mdl_status status, const char* fmt, ...) MDL_PRINTF(2, 3);
MDL_HIDDEN const char* mdl_error_message(void);
/* Seconds on a monotonic clock (for the profile and the CPU build's thread policy). */
MDL_HIDDEN double mdl_clock_seconds(void);
/* Host rows gathered: row r of dst (rows x cols of dt) = row idx[r] of the float64 matrix src (cols columns),
 * rounded to dt. mdl_copy_rows_to_device's work on the host (the CPU build's buffer, the CUDA build's staging). */
MDL_HIDDEN void mdl_host_gather_rows(mdl_dtype dt, int64_t rows, int64_t cols, const double* src, const int32_t* idx, void* dst);
/* The same for columns [c0, c1) of each row only (the CPU build's threads each take a column half). */
MDL_HIDDEN void mdl_host_gather_cols(mdl_dtype dt, int64_t rows, int64_t cols, int64_t c0, int64_t c1, const double* src,
                                     const int32_t* idx, void* dst);

#define MDL_CHECK_DTYPE(fn, dt)                                                            \
    do {                                                                                   \
        if ((int)(dt) != MDL_F32 && (int)(dt) != MDL_F64)                                  \
            return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "%s: unknown dtype %d", fn, (int)(dt)); \
    } while (0)

#define MDL_CHECK_NONNEG(fn, name, v)                                                      \
    do {                                                                                   \
        if ((v) < 0)                                                                       \
            return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "%s: %s=%lld is negative", fn, name, \
                            (long long)(v));                                               \
    } while (0)

#define MDL_CHECK_SHAPE2(fn, rows, cols)                                                   \
    do {                                                                                   \
        MDL_CHECK_NONNEG(fn, "rows", rows);                                                \
        MDL_CHECK_NONNEG(fn, "cols", cols);                                                \
        if ((cols) > 0 && (rows) > INT64_MAX / (cols))                                     \
            return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "%s: rows=%lld x cols=%lld overflows", \
                            fn, (long long)(rows), (long long)(cols));                     \
    } while (0)

#define MDL_CHECK_PTR(fn, name, p, n)                                                      \
    do {                                                                                   \
        if ((n) > 0 && (p) == NULL)                                                        \
            return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "%s: %s is NULL with %lld elements", \
                            fn, name, (long long)(n));                                     \
    } while (0)

#define MDL_CHECK_UNARY(fn, op)                                                            \
    do {                                                                                   \
        if ((int)(op) < 0 || (int)(op) >= MDL_UNARY_OP_COUNT)                              \
            return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "%s: unknown op %d", fn, (int)(op)); \
    } while (0)

#define MDL_CHECK_BINARY(fn, op)                                                           \
    do {                                                                                   \
        if ((int)(op) < 0 || (int)(op) >= MDL_BINARY_OP_COUNT)                             \
            return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "%s: unknown op %d", fn, (int)(op)); \
    } while (0)

#ifdef __cplusplus
}
#endif

#endif /* MDL_COMMON_H */
