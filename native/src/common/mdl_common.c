/*
 * mdl_common.c — the thread-local last-error message shared by every backend, the clock and the host row gather.
 * See mdl_common.h for the contract.
 */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#  define _POSIX_C_SOURCE 200809L /* clock_gettime */
#endif
#include "mdl_common.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#if defined(_WIN32)
#  define WIN32_LEAN_AND_MEAN
#  include <windows.h>
#else
#  include <time.h>
#endif

/* One message per thread: a failing call on thread A never overwrites thread B's. */
static MDL_THREAD_LOCAL char g_error[MDL_ERROR_CAPACITY];

mdl_status mdl_fail(mdl_status status, const char* fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    vsnprintf(g_error, sizeof g_error, fmt, args);
    va_end(args);
    return status;
}

const char* mdl_error_message(void) { return g_error; }

double mdl_clock_seconds(void)
{
#if defined(_WIN32)
    LARGE_INTEGER t, f;
    QueryPerformanceCounter(&t);
    QueryPerformanceFrequency(&f);
    return (double)t.QuadPart / (double)f.QuadPart;
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
#endif
}

void mdl_host_gather_cols(mdl_dtype dt, int64_t rows, int64_t cols, int64_t c0, int64_t c1, const double* src,
                          const int32_t* idx, void* dst)
{
    for (int64_t r = 0; r < rows; ++r) {
        const double* s = src + (int64_t)idx[r] * cols;
        if (dt == MDL_F32) {
            float* d = (float*)dst + r * cols;
            for (int64_t j = c0; j < c1; ++j) d[j] = (float)s[j];
        } else {
            memcpy((double*)dst + r * cols + c0, s + c0, (size_t)(c1 - c0) * sizeof(double));
        }
    }
}

void mdl_host_gather_rows(mdl_dtype dt, int64_t rows, int64_t cols, const double* src, const int32_t* idx, void* dst)
{
    mdl_host_gather_cols(dt, rows, cols, 0, cols, src, idx, dst);
}
