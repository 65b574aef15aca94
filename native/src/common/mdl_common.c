/*
 * mdl_common.c — the thread-local last-error message shared by every backend.
 * See mdl_common.h for the contract.
 */
#include "mdl_common.h"

#include <stdarg.h>
#include <stdio.h>

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

void mdl_error_clear(void) { g_error[0] = '\0'; }

const char* mdl_dtype_name(mdl_dtype dt)
{
    switch (dt) {
    case MDL_F32: return "f32";
    case MDL_F64: return "f64";
    default: return "dtype?";
    }
}

size_t mdl_dtype_size(mdl_dtype dt)
{
    switch (dt) {
    case MDL_F32: return 4;
    case MDL_F64: return 8;
    default: return 0;
    }
}
