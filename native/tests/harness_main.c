/*
 * harness_main.c — the C test harness of MiniDL's native ABI (minidl.h).
 *
 *   minidl_harness_cpu                  check every kernel, both dtypes, against the float64
 *                                       reference (reference.c); exit 0 iff all pass
 *   --list                              the groups, the ABI functions each checks, and the kernel
 *                                       families with the versions this build has
 *   --only NAME[,NAME...]               only these groups, or every group of these families
 *                                       (an unknown name: exit 2 and the list)
 *   --kernel FAMILY=N                   run version N of FAMILY (sets MINIDL_KERNEL_<FAMILY>=N); a version
 *                                       the build lacks, here or in the variable: exit 2 before any check
 *   --versions all|others               every version of each family (others: all but the default)
 *   --quick                             without the largest GEMMs (sanitizer builds)
 *   --small                             softmax without the shapes of more than 1024 rows
 *   -q                                  print only failures and the summary
 *   --bench [--json]                    the benchmark (bench.c)
 *
 * Every check: random inputs (fixed seed) rounded to the dtype, outputs poisoned with NaN
 * (or set to known values where the kernel accumulates, "+="), guard bands of HB_GUARD
 * elements on both sides of every output checked unchanged (a kernel that writes past either
 * end of its output fails, naming the side and the index), and the rule
 *     |got - ref| <= atol + rtol |ref|
 * with atol (harness_util.c tol_for: f32 1e-5, rtol 1e-4; f64 1e-12, rtol 1e-10) scaled where the
 * output is a sum (harness_util.c scaled): by 4k for GEMM, by the summed length for the reductions,
 * the broadcast vectors' gradients and the softmax backward, by 10 cols for the cross-entropy loss,
 * by 10 for log-softmax.
 * The checks live in one file per kernel family, as native/src/cuda/ does: harness_library.c
 * (library, memory, error paths), harness_elementwise.c, harness_broadcast.c, harness_reduce.c,
 * harness_gemm.c, harness_softmax.c, harness_optimizer.c; the shared utilities in harness_util.c.
 * Exit code 77 (CTest: skipped) when the build finds no device (MDL_ERR_UNSUPPORTED).
 */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* setenv, unsetenv, strdup */
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness_util.h"
#include "minidl.h"

#ifdef _WIN32 /* the POSIX environment calls, on the C runtime of Windows */
#define setenv(name, value, overwrite) _putenv_s(name, value)
#define unsetenv(name) _putenv_s(name, "")
#define strdup _strdup
#endif

/* ---- the groups and the kernel families --------------------------------------------------- */

typedef struct family {
    const char* name;    /* --kernel NAME=N, --only NAME */
    const char* env;     /* the library's switch (native/src/cuda/versions.cuh) */
    int def;             /* the default version */
    const char* file;    /* native/src/cuda/<file> */
    const char* where;   /* where the CUDA build registers a new version */
    const char* alias;   /* an older name of the variable, read when env is unset (NULL: none) */
} family;

/* The CUDA build's families (native/src/cuda/versions.cuh). The number of versions is asked
 * from the library (versions_of), so a version added there is looped over here unchanged. */
static const family FAMILIES[] = {
    {"library", NULL, 0, "library.cu, memory.cu", NULL, NULL},
    {"elementwise", "MINIDL_KERNEL_ELEMENTWISE", 2, "elementwise.cu",
     "a row of map_versions() in native/src/cuda/elementwise.cu", NULL},
    {"broadcast", "MINIDL_KERNEL_BROADCAST", 2, "broadcast.cu",
     "MDL_BROADCAST_VERSIONS in native/src/cuda/versions.cuh and broadcast_launch in broadcast.cu", NULL},
    {"reduce", "MINIDL_KERNEL_REDUCE", 2, "reduce.cu", "a row of sum_versions() in native/src/cuda/reduce.cu", NULL},
    {"gemm", "MINIDL_KERNEL_GEMM", 4, "gemm.cu",
     "MDL_GEMM_VERSIONS in native/src/cuda/versions.cuh and gemm_launch in gemm.cu", "MINIDL_GEMM_KERNEL"},
    {"softmax", "MINIDL_KERNEL_SOFTMAX", 2, "softmax.cu",
     "MDL_SOFTMAX_VERSIONS in native/src/cuda/versions.cuh and sm_per_block in softmax.cu", NULL},
    {"optimizer", "MINIDL_KERNEL_OPTIMIZER", 2, "optimizer.cu",
     "MDL_OPTIMIZER_VERSIONS in native/src/cuda/versions.cuh and the *_launch functions of optimizer.cu", NULL},
};
#define N_FAMILIES (int)(sizeof FAMILIES / sizeof FAMILIES[0])

typedef struct group {
    const char* name;
    int family;          /* index in FAMILIES */
    const char* checks;  /* the ABI functions it checks */
} group;

static const group GROUPS[] = {
    {"library", 0, "mdl_device_info_get mdl_alloc mdl_free mdl_copy_to_device mdl_copy_to_host mdl_copy_device"},
    {"errors", 0, "every function's argument checks (status and message)"},
    {"fill_scale_axpy", 1, "mdl_fill mdl_scale mdl_axpy"},
    {"map", 1, "mdl_map mdl_map_backward"},
    {"zip", 1, "mdl_zip mdl_zip_backward"},
    {"zip_row_broadcast", 2, "mdl_zip_row_broadcast mdl_zip_row_broadcast_backward"},
    {"zip_column_broadcast", 2, "mdl_zip_column_broadcast mdl_zip_column_broadcast_backward"},
    {"add_bias", 2, "mdl_add_bias"},
    {"reductions", 3, "mdl_column_sums mdl_row_sums mdl_sum mdl_transpose"},
    {"gemm", 4, "mdl_gemm"},
    {"softmax", 5, "mdl_softmax mdl_log_softmax mdl_softmax_backward mdl_log_softmax_backward mdl_softmax_xent "
                   "mdl_softmax_xent_backward"},
    {"dropout", 1, "mdl_dropout_mask"},
    {"optim", 6, "mdl_sgd_step mdl_momentum_step mdl_adam_step mdl_adam_step_multi"},
};
#define N_GROUPS (int)(sizeof GROUPS / sizeof GROUPS[0])

static int g_selected[N_GROUPS];

static void run_group(int gi, mdl_dtype dt)
{
    switch (gi) {
    case 0: test_library(); break;
    case 1: test_errors(); break;
    case 2: test_fill_scale_axpy(dt); break;
    case 3: test_map(dt); test_map_streaming(dt); test_map_extremes(dt); break;
    case 4: test_zip(dt); break;
    case 5: test_broadcast(dt, 1); break;
    case 6: test_broadcast(dt, 0); break;
    case 7: test_add_bias(dt); break;
    case 8: test_reductions(dt); break;
    case 9: test_gemm(dt); test_gemm_threads(dt); break;
    case 10:
        test_softmax(dt); test_softmax_exp_table(dt); test_softmax_streaming(dt); test_softmax_overflow(dt);
        break;
    case 11: test_dropout(dt); break;
    case 12: test_optim(dt); test_optim_subnormal(dt); break;
    }
}

/* 1 if a selected group checks family f */
static int family_selected(int f)
{
    for (int g = 0; g < N_GROUPS; ++g)
        if (g_selected[g] && GROUPS[g].family == f) return 1;
    return 0;
}

static int family_index(const char* name)
{
    for (int f = 0; f < N_FAMILIES; ++f)
        if (strcmp(FAMILIES[f].name, name) == 0) return f;
    return -1;
}

/* One call of family f's dispatching launcher: MDL_OK, or the library's error. */
static mdl_status probe(int f, void* a, void* b, void* c)
{
    switch (f) {
    case 1: return mdl_map(MDL_F32, MDL_IDENTITY, 1, a, b, 0.0);
    case 2: return mdl_zip_row_broadcast(MDL_F32, MDL_ADD, 1, 1, a, b, c);
    case 3: return mdl_sum(MDL_F32, 1, a, 0.0, b);
    case 4: return mdl_gemm(MDL_F32, 0, 0, 1, 1, 1, 1.0, a, b, 0.0, c);
    case 5: return mdl_softmax(MDL_F32, 1, 1, a, b);
    case 6: return mdl_sgd_step(MDL_F32, 1, 0.1, a, b);
    default: return MDL_OK;
    }
}

/* How many versions of family f the library has: it rejects MINIDL_KERNEL_<F>=N beyond them
 * (versions.cuh). 0: the library ignores the switch (the CPU build), or the family has none. */
static int versions_of(int f)
{
    if (!FAMILIES[f].env) return 0;
    const char* saved = getenv(FAMILIES[f].env);
    char* keep = saved ? strdup(saved) : NULL;
    void* buf[3] = {NULL, NULL, NULL};
    for (int i = 0; i < 3; ++i) {
        if (mdl_alloc(64, &buf[i]) != MDL_OK) { fprintf(stderr, "harness: mdl_alloc failed\n"); exit(2); }
    }
    int count = 0;
    setenv(FAMILIES[f].env, "99", 1);
    if (probe(f, buf[0], buf[1], buf[2]) != MDL_OK) { /* the switch is read: find the last version */
        for (int v = 1; v < 99; ++v) {
            char s[16];
            snprintf(s, sizeof s, "%d", v);
            setenv(FAMILIES[f].env, s, 1);
            if (probe(f, buf[0], buf[1], buf[2]) != MDL_OK) break;
            count = v;
        }
    }
    if (keep) { setenv(FAMILIES[f].env, keep, 1); free(keep); }
    else unsetenv(FAMILIES[f].env);
    for (int i = 0; i < 3; ++i) mdl_free(buf[i]);
    return count;
}

static int wider(int width, const char* s) { return (int)strlen(s) > width ? (int)strlen(s) : width; }

static void print_list(FILE* out, int with_versions)
{
    int wg = 0, wf = 0, we = 0; /* the columns: as wide as their longest entry, plus one */
    for (int g = 0; g < N_GROUPS; ++g) wg = wider(wg, GROUPS[g].name);
    for (int f = 1; f < N_FAMILIES; ++f) {
        wf = wider(wf, FAMILIES[f].name);
        we = wider(we, FAMILIES[f].env);
    }
    fprintf(out, "groups (--only GROUP or --only FAMILY; a comma list is fine):\n");
    for (int g = 0; g < N_GROUPS; ++g)
        fprintf(out, "  %-*s %-*s %s\n", wg + 1, GROUPS[g].name, wf + 1, FAMILIES[GROUPS[g].family].name,
                GROUPS[g].checks);
    fprintf(out, "kernel families (--kernel FAMILY=N, or the variable; native/src/cuda/versions.cuh):\n");
    for (int f = 1; f < N_FAMILIES; ++f) {
        fprintf(out, "  %-*s %-*s default %d", wf + 1, FAMILIES[f].name, we + 1, FAMILIES[f].env, FAMILIES[f].def);
        if (with_versions) {
            int n = versions_of(f);
            if (n) fprintf(out, ", versions 1..%d in this build", n);
            else fprintf(out, ", no run-time versions in this build");
        }
        fprintf(out, "  (%s)\n", FAMILIES[f].file);
    }
}

/* The version family f is told to run: MINIDL_KERNEL_<F>, else the variable's older name (gemm);
 * NULL when neither is set. *var: the variable read. */
static const char* chosen_version(int f, const char** var)
{
    const char* names[2] = {FAMILIES[f].env, FAMILIES[f].alias};
    for (int k = 0; k < 2; ++k) {
        const char* s = names[k] ? getenv(names[k]) : NULL;
        if (s && *s) {
            if (var) *var = names[k];
            return s;
        }
    }
    return NULL;
}

/* Before any check runs: the version chosen for family f (by --kernel when `forced`, else by the
 * environment) must be one the library has; else one line on stderr and 0. The CPU build has no
 * versions (versions_of: 0): it ignores the variables, and --kernel there is the error. */
static int version_ok(int f, int forced, const char* backend)
{
    const char* var = FAMILIES[f].env;
    const char* s = chosen_version(f, &var);
    if (!s) return 1;
    char how[128];
    if (forced) snprintf(how, sizeof how, "--kernel %s=%s", FAMILIES[f].name, s);
    else snprintf(how, sizeof how, "%s=%s (in the environment)", var, s);
    int n = versions_of(f);
    if (n == 0) {
        if (!forced) return 1;
        fprintf(stderr,
                "error: %s: this build (backend %s) has no run-time kernel versions; --kernel and "
                "MINIDL_KERNEL_<FAMILY> choose among the CUDA build's kernels (native/src/cuda/versions.cuh)\n",
                how, backend);
        return 0;
    }
    char* end = NULL;
    long v = strtol(s, &end, 10);
    if (*end == '\0' && v >= 1 && v <= n) return 1;
    fprintf(stderr, "error: %s: %s has no version %s in this build (it has 1..%d); to add one: %s\n",
            how, FAMILIES[f].name, s, n, FAMILIES[f].where);
    return 0;
}

/* A name that is not a group or family: say where it lives if it is an ABI function. */
static void unknown_name(const char* name)
{
    fprintf(stderr, "error: --only %s: no such group or family.", name);
    for (int g = 0; g < N_GROUPS; ++g) {
        const char* c = GROUPS[g].checks;
        size_t len = strlen(name);
        for (const char* p = strstr(c, name); p; p = strstr(p + 1, name)) {
            int starts = p == c || p[-1] == ' ' || (p - c >= 4 && strncmp(p - 4, "mdl_", 4) == 0);
            if (starts && (p[len] == ' ' || p[len] == '\0')) {
                fprintf(stderr, " %s is checked by group '%s' (--only %s).", name, GROUPS[g].name, GROUPS[g].name);
                break;
            }
        }
    }
    fprintf(stderr, "\n");
    print_list(stderr, 0);
}

/* --only a,b,c: select groups by group or family name; 0 on an unknown name. */
static int select_groups(const char* list)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", list);
    for (char* tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        int found = 0, f = family_index(tok);
        for (int g = 0; g < N_GROUPS; ++g)
            if (strcmp(GROUPS[g].name, tok) == 0 || GROUPS[g].family == f) g_selected[g] = found = 1;
        if (!found) { unknown_name(tok); return 0; }
    }
    return 1;
}

static int usage(const char* argv0)
{
    fprintf(stderr,
            "usage: %s [--list] [--only GROUP|FAMILY[,...]] [--kernel FAMILY=N]... [--versions all|others]\n"
            "       [--quick] [--small] [-q] [--bench [--json]]\n",
            argv0);
    return 2;
}

int main(int argc, char** argv)
{
    int bench = 0, json = 0, list = 0;
    const char* only = NULL;
    const char* versions = NULL;
    int forced[N_FAMILIES] = {0};
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--bench") == 0) bench = 1;
        else if (strcmp(argv[i], "--json") == 0) bench = json = 1;
        else if (strcmp(argv[i], "--quick") == 0) g_quick = 1;
        else if (strcmp(argv[i], "--small") == 0) g_small = 1;
        else if (strcmp(argv[i], "-q") == 0) g_verbose = 0;
        else if (strcmp(argv[i], "--list") == 0) list = 1;
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) only = argv[++i];
        else if (strcmp(argv[i], "--versions") == 0 && i + 1 < argc) {
            versions = argv[++i];
            if (strcmp(versions, "all") != 0 && strcmp(versions, "others") != 0) return usage(argv[0]);
        } else if (strcmp(argv[i], "--kernel") == 0 && i + 1 < argc) {
            char name[64];
            const char* eq = strchr(argv[++i], '=');
            int f = -1;
            long v = 0;
            if (eq && eq - argv[i] < (long)sizeof name) {
                snprintf(name, sizeof name, "%.*s", (int)(eq - argv[i]), argv[i]);
                f = family_index(name);
                char* end = NULL;
                v = strtol(eq + 1, &end, 10);
                if (*end != '\0') v = 0;
            }
            if (f < 1 || v < 1) { /* one line: what is wrong, and the families */
                fprintf(stderr, "error: --kernel %s: ", argv[i]);
                if (eq && f < 1) fprintf(stderr, "no kernel family '%s'", name);
                else fprintf(stderr, "want FAMILY=N with N >= 1");
                fprintf(stderr, " (the families:");
                for (int k = 1; k < N_FAMILIES; ++k) fprintf(stderr, " %s", FAMILIES[k].name);
                fprintf(stderr, "; --list shows their versions)\n");
                return 2;
            }
            setenv(FAMILIES[f].env, eq + 1, 1);
            forced[f] = 1;
        } else return usage(argv[0]);
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (only) {
        if (!select_groups(only)) return 2;
    } else {
        for (int g = 0; g < N_GROUPS; ++g) g_selected[g] = 1;
    }

    mdl_device_info info;
    mdl_status st = mdl_device_info_get(&info);
    if (list) { /* the versions are asked from the library when there is one */
        print_list(stdout, st == MDL_OK);
        return 0;
    }
    if (st == MDL_ERR_UNSUPPORTED) {
        printf("SKIP: no device (%s)\n", mdl_last_error());
        return 77;
    }
    if (st != MDL_OK) {
        printf("FAIL mdl_device_info_get: %s\n", mdl_last_error());
        return 1;
    }
    /* A version the build does not have (--kernel or the variable): one error, before any check,
     * not a FAIL per call. Checked for the families that run, and every one --kernel names. */
    for (int f = 1; f < N_FAMILIES; ++f)
        if ((forced[f] || family_selected(f)) && !version_ok(f, forced[f], info.backend)) return 2;
    printf("MiniDL harness: backend=%s device='%s' workers=%d abi=%d\n", info.backend, info.name,
           info.multiprocessors, mdl_abi_version());
    if (bench) return run_bench(json);

    /* Which versions each family runs: the variable's (set by the user or --kernel), the default,
     * or with --versions every version the library has (others: all but the default). */
    int first[N_FAMILIES], last[N_FAMILIES], skip[N_FAMILIES];
    for (int f = 0; f < N_FAMILIES; ++f) {
        first[f] = last[f] = 0; /* 0: leave the variable as it is */
        skip[f] = 0;
        if (f == 0 || forced[f] || !versions) continue;
        if (!family_selected(f)) continue;
        if (chosen_version(f, NULL)) continue; /* the user chose one */
        int n = versions_of(f);
        if (n == 0) continue;
        first[f] = 1;
        last[f] = n;
        if (strcmp(versions, "others") == 0) skip[f] = FAMILIES[f].def;
    }

    rng_seed(20240607);
    for (int d = 0; d < 2; ++d) {
        for (int g = 0; g < N_GROUPS; ++g) {
            if (!g_selected[g]) continue;
            if ((g == 0 || g == 1) && d == 1) continue; /* library, errors: once */
            const int f = GROUPS[g].family;
            if (first[f] == 0) {
                const char* env = FAMILIES[f].env ? chosen_version(f, NULL) : NULL;
                if (env) snprintf(g_context, sizeof g_context, "[%s version %s]", FAMILIES[f].name, env);
                else if (FAMILIES[f].env) snprintf(g_context, sizeof g_context, "[%s default version]", FAMILIES[f].name);
                else g_context[0] = '\0';
                run_group(g, DTS[d]);
                continue;
            }
            for (int v = first[f]; v <= last[f]; ++v) {
                if (v == skip[f]) continue;
                char s[16];
                snprintf(s, sizeof s, "%d", v);
                setenv(FAMILIES[f].env, s, 1);
                snprintf(g_context, sizeof g_context, "[%s version %d]", FAMILIES[f].name, v);
                if (g_verbose) printf("-- %s %s\n", GROUPS[g].name, g_context);
                run_group(g, DTS[d]);
                unsetenv(FAMILIES[f].env);
            }
        }
    }
    if (g_selected[12]) { g_context[0] = '\0'; test_adam_f32_constants(); }
    g_context[0] = '\0';
    printf("SUMMARY: %d passed, %d failed (backend %s)\n", g_pass, g_fail, info.backend);
    return g_fail ? 1 : 0;
}
