/*
 * versions.cuh — numbered kernel versions, chosen at run time (one switch per kernel family).
 *
 *   MINIDL_KERNEL_<FAMILY>=N     run version N of that family's kernels (read at every call)
 *
 * | family (env suffix) | versions | default | file            |
 * |---------------------|----------|---------|-----------------|
 * | ELEMENTWISE         | 1, 2     | 2       | elementwise.cu  |  1 scalar grid-stride, 2 16-byte packs where aligned
 * | BROADCAST           | 1, 2     | 2       | broadcast.cu    |  1 scalar, 2 packs where cols and pointers allow
 * | REDUCE              | 1, 2     | 2       | reduce.cu       |  mdl_sum: 1 one block, shared-memory tree; 2 two passes
 * |                     |          |         |                 |  (column_sums, row_sums: one version each)
 * | GEMM                | 1 … 4    | 4       | gemm.cu         |  see the GEMM table in README.md (MINIDL_GEMM_KERNEL too;
 * |                     |          |         |                 |  transpose: one version)
 * | SOFTMAX             | 1, 2     | 2       | softmax.cu      |  1 a block per row always, 2 a warp per row up to 1024 cols
 * | OPTIMIZER           | 1, 2     | 2       | optimizer.cu    |  1 scalar, 2 packs where aligned; adam_multi: 1 a launch
 * |                     |          |         |                 |  per tensor, 2 one launch per 64 tensors (adam_multi_kernel1)
 *
 * A version outside 1..count is an error (MDL_ERR_INVALID_ARGUMENT, the message names the
 * variable and the valid range), never a silent fall-back. The count of a family whose launcher
 * dispatches through a table (map_versions() in elementwise.cu, sum_versions() in reduce.cu) is the
 * table's length: adding a row adds a version, without touching the launcher.
 * The harness (native/tests/harness_main.c, FAMILIES) lists the same families and asks the library
 * how many versions each has (--list, --versions).
 */
#pragma once

#include <stdlib.h>

#include "mdl_common.h"
#include "minidl.h"

/* *version = MINIDL_KERNEL_<family> (or `def` when unset or empty); an error outside 1..count.
 * `fn` names the MiniDL function for the message. */
static inline mdl_status mdl_kernel_version(const char* env_name, int count, int def, const char* fn, int* version)
{
    const char* s = getenv(env_name);
    *version = def;
    if (!s || !*s) return MDL_OK;
    char* end = 0;
    long v = strtol(s, &end, 10);
    if (*end != '\0' || v < 1 || v > count)
        return mdl_fail(MDL_ERR_INVALID_ARGUMENT, "%s: %s=%s is not a kernel version (this build has 1..%d)", fn,
                        env_name, s, count);
    *version = (int)v;
    return MDL_OK;
}

/* The families without a table: the number of versions and the default. */
#define MDL_ELEMENTWISE_DEFAULT 2
#define MDL_BROADCAST_VERSIONS 2
#define MDL_BROADCAST_DEFAULT 2
#define MDL_REDUCE_DEFAULT 2
#define MDL_GEMM_VERSIONS 4
#define MDL_GEMM_DEFAULT 4
#define MDL_SOFTMAX_VERSIONS 2
#define MDL_SOFTMAX_DEFAULT 2
#define MDL_OPTIMIZER_VERSIONS 2
#define MDL_OPTIMIZER_DEFAULT 2

/* `return` the error of a bad MINIDL_KERNEL_<FAMILY>; else `version` holds the choice. */
#define MDL_KERNEL_VERSION(version, FAMILY, count, fn)                                                 \
    int version = 0;                                                                                   \
    do {                                                                                               \
        mdl_status mdl_vs_ = mdl_kernel_version("MINIDL_KERNEL_" #FAMILY, (count), MDL_##FAMILY##_DEFAULT, \
                                                (fn), &version);                                       \
        if (mdl_vs_ != MDL_OK) return mdl_vs_;                                                          \
    } while (0)
