/*
 * harness_main.c — the C test harness of MiniDL's native ABI (minidl.h).
 *
 *   minidl_harness_cpu             check every kernel, both dtypes, against the float64
 *                                  reference (reference.c); exit 0 iff all pass
 *   minidl_harness_cpu --quick     the same without the largest GEMMs (sanitizer builds)
 *   minidl_harness_cpu --only gemm only the test groups whose name contains "gemm"
 *   minidl_harness_cpu -q          print only failures and the summary
 *   minidl_harness_cpu --bench [--json]   the benchmark (bench.c)
 *
 * Every check: random inputs (fixed seed) rounded to the dtype, outputs poisoned with NaN
 * (or set to known values where the kernel accumulates, "+="), guard bands of HB_GUARD
 * elements on both sides of every output checked unchanged, and the rule
 *     |got - ref| <= atol + rtol |ref|
 * with atol scaled by the summed length for GEMM and the reductions.
 * The checks live in one file per kernel family, as native/src/cuda/ does: harness_library.c
 * (library, memory, error paths), harness_elementwise.c, harness_broadcast.c, harness_reduce.c,
 * harness_gemm.c, harness_softmax.c, harness_optimizer.c; the shared utilities in harness_util.c.
 * Exit code 77 (CTest: skipped) when the build finds no device (MDL_ERR_UNSUPPORTED).
 */
#include <stdio.h>
#include <string.h>

#include "harness_util.h"
#include "minidl.h"

static const char* g_only = NULL;
static int want(const char* group) { return !g_only || strstr(group, g_only) != NULL; }

int main(int argc, char** argv)
{
    int bench = 0, json = 0;
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--bench") == 0) bench = 1;
        else if (strcmp(argv[i], "--json") == 0) bench = json = 1;
        else if (strcmp(argv[i], "--quick") == 0) g_quick = 1;
        else if (strcmp(argv[i], "-q") == 0) g_verbose = 0;
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) g_only = argv[++i];
        else {
            fprintf(stderr, "usage: %s [--bench [--json]] [--quick] [-q] [--only GROUP]\n", argv[0]);
            return 2;
        }
    }
    setvbuf(stdout, NULL, _IOLBF, 0);

    mdl_device_info info;
    mdl_status st = mdl_device_info_get(&info);
    if (st == MDL_ERR_UNSUPPORTED) {
        printf("SKIP: no device (%s)\n", mdl_last_error());
        return 77;
    }
    if (st != MDL_OK) {
        printf("FAIL mdl_device_info_get: %s\n", mdl_last_error());
        return 1;
    }
    printf("MiniDL harness: backend=%s device='%s' workers=%d abi=%d\n", info.backend, info.name,
           info.multiprocessors, mdl_abi_version());
    if (bench) return run_bench(json);

    rng_seed(20240607);
    if (want("library")) test_library();
    if (want("errors")) test_errors();
    for (int d = 0; d < 2; ++d) {
        mdl_dtype dt = DTS[d];
        if (want("fill_scale_axpy")) test_fill_scale_axpy(dt);
        if (want("map")) test_map(dt);
        if (want("map")) test_map_extremes(dt);
        if (want("zip")) test_zip(dt);
        if (want("zip_row_broadcast")) test_broadcast(dt, 1);
        if (want("zip_column_broadcast")) test_broadcast(dt, 0);
        if (want("add_bias")) test_add_bias(dt);
        if (want("reductions")) test_reductions(dt);
        if (want("gemm")) test_gemm(dt);
        if (want("softmax")) test_softmax(dt);
        if (want("softmax")) test_softmax_exp_table(dt);
        if (want("softmax")) test_softmax_streaming(dt);
        if (want("softmax")) test_softmax_overflow(dt);
        if (want("dropout")) test_dropout(dt);
        if (want("optim")) test_optim(dt);
    }
    if (want("optim")) test_adam_f32_constants();
    printf("SUMMARY: %d passed, %d failed (backend %s)\n", g_pass, g_fail, info.backend);
    return g_fail ? 1 : 0;
}
