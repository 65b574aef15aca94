/*
 * harness_library.c — the library and memory functions, and the error paths of every function.
 * (native/src/cuda/library.cu, memory.cu and native/src/common/api.c.) Each check compares with the float64
 * reference of reference.c; see harness_main.c for the rules every check follows.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness_util.h"
#include "minidl.h"
#include "reference.h"

/* The profile counts this thread's calls per family while on, and nothing while off. */
static void test_profile(void)
{
    double sec[MDL_FAMILY_COUNT];
    int64_t calls[MDL_FAMILY_COUNT];
    void *a = NULL, *c = NULL;
    if (!check_ok("mdl_alloc", mdl_alloc(64 * 64 * 4, &a)) || !check_ok("mdl_alloc", mdl_alloc(64 * 64 * 4, &c))) return;
    check_ok("mdl_profile(1)", mdl_profile(1));
    mdl_gemm(MDL_F32, 0, 0, 64, 64, 64, 1.0, a, a, 0.0, c);
    mdl_gemm(MDL_F32, 1, 0, 64, 64, 64, 1.0, a, a, 0.0, c);
    mdl_fill(MDL_F32, 64, c, 0.0);
    mdl_gemm(MDL_F32, -1, 0, 64, 64, 64, 1.0, a, a, 0.0, c); /* refused by the checks: not a kernel call */
    int ok = 1;
    for (int f = 0; f < MDL_FAMILY_COUNT; ++f) ok &= mdl_profile_read(f, &sec[f], &calls[f]) == MDL_OK;
    char d[200];
    snprintf(d, sizeof d, "gemm %lld calls %.3g s, memory %lld calls, softmax %lld calls", (long long)calls[MDL_FAMILY_GEMM],
             sec[MDL_FAMILY_GEMM], (long long)calls[MDL_FAMILY_MEMORY], (long long)calls[MDL_FAMILY_SOFTMAX]);
    check_true("mdl_profile counts 2 gemm and 1 fill call, time > 0, other families 0",
               ok && calls[MDL_FAMILY_GEMM] == 2 && sec[MDL_FAMILY_GEMM] > 0 && calls[MDL_FAMILY_MEMORY] == 1 &&
                   calls[MDL_FAMILY_SOFTMAX] == 0 && sec[MDL_FAMILY_SOFTMAX] == 0,
               d);
    check_ok("mdl_profile(0)", mdl_profile(0));
    mdl_gemm(MDL_F32, 0, 0, 64, 64, 64, 1.0, a, a, 0.0, c);
    ok = mdl_profile_read(MDL_FAMILY_GEMM, &sec[0], &calls[0]) == MDL_OK;
    check_true("mdl_profile(0) zeroes and stops counting", ok && calls[0] == 0 && sec[0] == 0, "");
    mdl_free(a);
    mdl_free(c);
}

/* The batch gathers: rows picked (with repeats) from a host float64 matrix, rounded to the dtype
 * (mdl_copy_rows_to_device), and the same rows from that matrix already in a buffer (mdl_gather_rows). */
static void test_gathers(void)
{
    enum { SRC = 37, COLS = 13, ROWS = 20 };
    double src[SRC * COLS];
    float srcf[SRC * COLS];
    int32_t idx[ROWS];
    for (int i = 0; i < SRC * COLS; ++i) {
        src[i] = (i % 7 - 3) * 0.1234567890123 + i * 1e-3;
        srcf[i] = (float)src[i];
    }
    for (int r = 0; r < ROWS; ++r) idx[r] = (r * 11 + 5) % SRC;
    idx[3] = idx[4]; /* a repeated row */
    mdl_dtype dts[2] = {MDL_F32, MDL_F64};
    for (int d = 0; d < 2; ++d) {
        const char* dt = dts[d] == MDL_F32 ? "f32" : "f64";
        size_t size = dts[d] == MDL_F32 ? sizeof(float) : sizeof(double);
        void *from = NULL, *buf[2] = {NULL, NULL};
        if (!check_ok("mdl_alloc", mdl_alloc(SRC * COLS * size, &from)) ||
            !check_ok("mdl_alloc", mdl_alloc(ROWS * COLS * size, &buf[0])) ||
            !check_ok("mdl_alloc", mdl_alloc(ROWS * COLS * size, &buf[1])))
            return;
        mdl_copy_to_device(from, dts[d] == MDL_F32 ? (const void*)srcf : (const void*)src, SRC * COLS * size);
        int ok[2] = {check_ok("mdl_copy_rows_to_device", mdl_copy_rows_to_device(dts[d], ROWS, COLS, src, SRC, idx, buf[0])),
                     check_ok("mdl_gather_rows", mdl_gather_rows(dts[d], ROWS, COLS, from, SRC, idx, buf[1]))};
        const char* what[2] = {"mdl_copy_rows_to_device %s: row r is source row idx[r], rounded once",
                               "mdl_gather_rows %s: row r is source row idx[r]"};
        for (int g = 0; g < 2; ++g) {
            double back[ROWS * COLS];
            float backf[ROWS * COLS];
            mdl_copy_to_host(dts[d] == MDL_F32 ? (void*)backf : (void*)back, buf[g], ROWS * COLS * size);
            int same = 1;
            for (int r = 0; r < ROWS; ++r)
                for (int j = 0; j < COLS; ++j)
                    same &= dts[d] == MDL_F32 ? backf[r * COLS + j] == srcf[idx[r] * COLS + j]
                                              : back[r * COLS + j] == src[idx[r] * COLS + j];
            char name[100];
            snprintf(name, sizeof name, what[g], dt);
            check_true(name, ok[g] && same, "20 rows of 13 from 37, one repeated");
        }
        mdl_free(from);
        mdl_free(buf[0]);
        mdl_free(buf[1]);
    }
}

/* The same gathers at a training batch's size (128 rows of 784: threaded, each thread its part of the
 * rows and columns, cpu_runtime.c's mdl_gather_part) with 1, 2 and 3 worker threads, odd column
 * count included: every element is its source row's, whatever the split. */
static void test_gathers_threaded(void)
{
    enum { SRC = 300, ROWS = 128 };
    const int64_t cols_list[2] = {784, 785};
    for (int ci = 0; ci < 2; ++ci) {
        int64_t cols = cols_list[ci];
        double* src = (double*)malloc((size_t)(SRC * cols) * sizeof(double));
        float* srcf = (float*)malloc((size_t)(SRC * cols) * sizeof(float));
        double* back = (double*)malloc((size_t)(ROWS * cols) * sizeof(double));
        int32_t idx[ROWS];
        if (!src || !srcf || !back) { free(src); free(srcf); free(back); check_true("test_gathers_threaded: malloc", 0, ""); return; }
        for (int64_t i = 0; i < SRC * cols; ++i) {
            src[i] = (double)(i % 1013) * 0.0371 - 17.0 + (double)i * 1e-7;
            srcf[i] = (float)src[i];
        }
        for (int r = 0; r < ROWS; ++r) idx[r] = (r * 97 + 13) % SRC;
        mdl_dtype dts[2] = {MDL_F32, MDL_F64};
        for (int d = 0; d < 2; ++d) {
            size_t size = dts[d] == MDL_F32 ? sizeof(float) : sizeof(double);
            void *from = NULL, *buf = NULL;
            if (!check_ok("mdl_alloc", mdl_alloc((size_t)(SRC * cols) * size, &from)) ||
                !check_ok("mdl_alloc", mdl_alloc((size_t)(ROWS * cols) * size, &buf))) {
                mdl_free(from);
                break;
            }
            mdl_copy_to_device(from, dts[d] == MDL_F32 ? (const void*)srcf : (const void*)src, (size_t)(SRC * cols) * size);
            for (int threads = 1; threads <= 3; ++threads) {
                for (int g = 0; g < 2; ++g) {
                    mdl_fill(dts[d], ROWS * cols, buf, -1234.5);
                    mdl_set_threads(threads);
                    int ok = g == 0 ? check_ok("mdl_copy_rows_to_device", mdl_copy_rows_to_device(dts[d], ROWS, cols, src, SRC, idx, buf))
                                    : check_ok("mdl_gather_rows", mdl_gather_rows(dts[d], ROWS, cols, from, SRC, idx, buf));
                    mdl_set_threads(0);
                    mdl_copy_to_host(back, buf, (size_t)(ROWS * cols) * size);
                    int64_t bad = -1;
                    for (int64_t i = 0; i < ROWS * cols && bad < 0; ++i) {
                        int64_t r = i / cols, j = i % cols;
                        int same = dts[d] == MDL_F32 ? ((float*)back)[i] == srcf[idx[r] * cols + j]
                                                     : back[i] == src[idx[r] * cols + j];
                        if (!same) bad = i;
                    }
                    char name[160], detail[120];
                    snprintf(name, sizeof name, "%s %s, %d thread%s: 128 rows of %lld, each its source row's",
                             g == 0 ? "mdl_copy_rows_to_device" : "mdl_gather_rows", dts[d] == MDL_F32 ? "f32" : "f64",
                             threads, threads == 1 ? "" : "s", (long long)cols);
                    if (bad < 0) snprintf(detail, sizeof detail, "all %lld elements", (long long)(ROWS * cols));
                    else snprintf(detail, sizeof detail, "first wrong element: row %lld, column %lld",
                                  (long long)(bad / cols), (long long)(bad % cols));
                    check_true(name, ok && bad < 0, detail);
                }
            }
            mdl_free(from);
            mdl_free(buf);
        }
        free(src);
        free(srcf);
        free(back);
    }
}

/* The harness's own guard bands (harness_util.c): a value written one past the end is reported
 * by its index and value, the detail every output check prints (check_close, the elu checks). */
static void test_guard_report(void)
{
    const double v[3] = {1.0, 2.0, 3.0};
    const float past = 5.5f;
    hbuf b = hb_new(MDL_F32, 3, v);
    int written = mdl_copy_to_device((char*)b.p + 3 * sizeof(float), &past, sizeof past) == MDL_OK;
    int reported = written && !hb_get(&b, NULL) && strstr(hb_guard_detail(), "at index [3] (= 5.5;") != NULL;
    check_true("harness: a write at y[n] is reported with its index and value", reported,
               reported ? "" : hb_guard_detail());
    hb_free(&b);
}

void test_library(void)
{
    char d[400];
    mdl_device_info info;
    int ok = check_ok("mdl_device_info_get", mdl_device_info_get(&info));
    if (ok) {
        snprintf(d, sizeof d, "name='%s' backend='%s' multiprocessors=%d total_memory=%lld cc=%d.%d", info.name,
                 info.backend, info.multiprocessors, (long long)info.total_memory, info.compute_major,
                 info.compute_minor);
        check_true("mdl_device_info_get fields", info.name[0] != 0 && info.backend[0] != 0 &&
                                                     info.multiprocessors > 0 && info.total_memory > 0, d);
    }
    snprintf(d, sizeof d, "library %d, header %d", mdl_abi_version(), MDL_ABI_VERSION);
    check_true("mdl_abi_version", mdl_abi_version() == MDL_ABI_VERSION, d);
    check_ok("mdl_synchronize", mdl_synchronize());

    void* p = (void*)1;
    check_true("mdl_alloc(0) gives NULL", mdl_alloc(0, &p) == MDL_OK && p == NULL, "");
    check_ok("mdl_free(NULL)", mdl_free(NULL));
    /* round trip through two buffers, and alignment of the pointers */
    unsigned char src[1000], dst[1000];
    for (int i = 0; i < 1000; ++i) src[i] = (unsigned char)(i * 7 + 3);
    void *b1 = NULL, *b2 = NULL;
    ok = check_ok("mdl_alloc", mdl_alloc(1000, &b1)) && check_ok("mdl_alloc", mdl_alloc(1000, &b2));
    if (ok) {
        check_true("mdl_alloc 64-byte aligned", ((uintptr_t)b1 % 64) == 0 && ((uintptr_t)b2 % 64) == 0, "");
        unsigned char zero[1000];
        mdl_copy_to_host(zero, b1, 1000);
        int allzero = 1;
        for (int i = 0; i < 1000; ++i) allzero &= zero[i] == 0;
        check_true("mdl_alloc zero-filled", allzero, "");
        ok = check_ok("mdl_copy_to_device", mdl_copy_to_device(b1, src, 1000)) &&
             check_ok("mdl_copy_device", mdl_copy_device(b2, b1, 1000)) &&
             check_ok("mdl_copy_to_host", mdl_copy_to_host(dst, b2, 1000));
        if (ok) check_true("mdl_copy_* round trip", memcmp(src, dst, 1000) == 0, "1000 bytes");
    }
    /* A large buffer (the CPU build puts buffers of 4 MB and more on 2 MB pages on Linux, with their
     * own alignment path): aligned, zero-filled to its last byte, and all of it writable. */
    {
        const size_t big = ((size_t)6 << 20) + 1000;
        void* lb = NULL;
        if (check_ok("mdl_alloc (6 MB + 1000 bytes)", mdl_alloc(big, &lb))) {
            unsigned char ends[2][512];
            mdl_copy_to_host(ends[0], lb, 512);
            mdl_copy_to_host(ends[1], (char*)lb + big - 512, 512);
            int zero_ends = 1;
            for (int i = 0; i < 512; ++i) zero_ends &= ends[0][i] == 0 && ends[1][i] == 0;
            check_true("mdl_alloc (6 MB + 1000 bytes) 64-byte aligned and zero-filled at both ends",
                       ((uintptr_t)lb % 64) == 0 && zero_ends, "");
            check_ok("mdl_fill over all of a 6 MB + 1000 byte buffer", mdl_fill(MDL_F32, (int64_t)(big / 4), lb, 2.5));
            float last = 0;
            mdl_copy_to_host(&last, (char*)lb + big - 4, 4);
            check_true("mdl_fill reaches the last element of a large buffer", last == 2.5f, "");
            mdl_free(lb);
        }
    }
    /* An allocation that cannot succeed fails with OUT_OF_MEMORY, and leaves nothing behind: the
     * next call works. (The CUDA build once reported that failure again at the next kernel
     * launch: a failed cudaMalloc also leaves its error for cudaGetLastError, which the launch
     * check reads. Found by running the kernels on the CPU emulator, tests/cuda_emu.) */
    void* huge = (void*)1;
    mdl_status st = mdl_alloc((size_t)1 << 60, &huge);
    check_true("mdl_alloc(2^60 bytes) fails with OUT_OF_MEMORY, out = NULL",
               st == MDL_ERR_OUT_OF_MEMORY && huge == NULL, mdl_last_error());
    if (b2 != NULL || check_ok("mdl_alloc", mdl_alloc(1000, &b2))) {
        check_ok("mdl_fill after a failed allocation", mdl_fill(MDL_F32, 250, b2, 1.5));
        check_ok("mdl_synchronize after a failed allocation", mdl_synchronize());
    }
    mdl_free(b1);
    mdl_free(b2);
    /* The CPU build reports its most threads as "multiprocessors": a fixed count when one is set,
     * 1 whatever is asked when it was built without OpenMP (Apple's clang, a bare toolchain). The
     * library and this harness are configured together, so the harness has OpenMP when it does. */
#ifdef _OPENMP
    const int want_threads = 3;
#else
    const int want_threads = 1;
#endif
    mdl_device_info fixed;
    if (check_ok("mdl_set_threads(3)", mdl_set_threads(3)) && mdl_device_info_get(&fixed) == MDL_OK &&
        strcmp(fixed.backend, "cpu") == 0) {
        char what[96], d[64];
        snprintf(what, sizeof what, "mdl_set_threads(3): device info reports %d thread%s", want_threads,
                 want_threads == 1 ? " (a build without OpenMP)" : "s");
        snprintf(d, sizeof d, "multiprocessors=%d", (int)fixed.multiprocessors);
        check_true(what, fixed.multiprocessors == want_threads, d);
    }
    check_ok("mdl_set_threads(0)", mdl_set_threads(0));
    test_profile();
    test_gathers();
    test_gathers_threaded();
    test_guard_report();
}

/* Bad arguments: a non-zero status and a message that names the function. */
static void expect_error(const char* fn, mdl_status st, const char* case_name)
{
    char what[300], d[600];
    const char* msg = mdl_last_error();
    snprintf(what, sizeof what, "error path %s: %s", fn, case_name);
    snprintf(d, sizeof d, "status=%d message='%s'", (int)st, msg ? msg : "(null)");
    check_true(what, st != MDL_OK && msg && strstr(msg, fn) != NULL, d);
}

void test_errors(void)
{
    void* buf = NULL;
    mdl_alloc(64 * 8, &buf);
    void* bufs[1] = {buf};
    int64_t lens[1] = {-4};
    expect_error("mdl_gemm", mdl_gemm(MDL_F32, 0, 0, -1, 4, 4, 1.0, buf, buf, 0.0, buf), "m=-1");
    expect_error("mdl_gemm", mdl_gemm(MDL_F32, 0, 0, 4, 4, -2, 1.0, buf, buf, 0.0, buf), "k=-2");
    expect_error("mdl_gemm", mdl_gemm(MDL_F64, 2, 0, 4, 4, 4, 1.0, buf, buf, 0.0, buf), "trans_a=2");
    expect_error("mdl_gemm", mdl_gemm(MDL_F64, 0, 0, 4, 4, 4, 1.0, NULL, buf, 0.0, buf), "a NULL");
    expect_error("mdl_gemm", mdl_gemm((mdl_dtype)7, 0, 0, 4, 4, 4, 1.0, buf, buf, 0.0, buf), "dtype 7");
    expect_error("mdl_map", mdl_map(MDL_F32, (mdl_unary_op)99, 4, buf, buf, 0.0), "op 99");
    expect_error("mdl_map", mdl_map(MDL_F32, (mdl_unary_op)-1, 4, buf, buf, 0.0), "op -1");
    expect_error("mdl_map", mdl_map((mdl_dtype)2, MDL_RELU, 4, buf, buf, 0.0), "dtype 2");
    expect_error("mdl_map_backward", mdl_map_backward(MDL_F32, MDL_SIGMOID, 4, buf, NULL, buf, buf, 0.0), "y NULL");
    expect_error("mdl_fill", mdl_fill(MDL_F32, -1, buf, 0.0), "n=-1");
    expect_error("mdl_scale", mdl_scale(MDL_F32, 4, 1.0, NULL), "y NULL");
    expect_error("mdl_axpy", mdl_axpy(MDL_F64, 5, 1.0, NULL, buf), "x NULL");
    expect_error("mdl_zip", mdl_zip(MDL_F32, (mdl_binary_op)5, 4, buf, buf, buf), "op 5");
    expect_error("mdl_zip_backward", mdl_zip_backward(MDL_F32, MDL_MUL, 4, buf, NULL, buf, buf, buf), "b NULL");
    expect_error("mdl_zip_row_broadcast", mdl_zip_row_broadcast(MDL_F32, MDL_ADD, -2, 4, buf, buf, buf), "rows=-2");
    expect_error("mdl_zip_row_broadcast_backward", mdl_zip_row_broadcast_backward(MDL_F32, MDL_ADD, 2, -4, buf, buf, buf, buf, buf), "cols=-4");
    expect_error("mdl_zip_column_broadcast", mdl_zip_column_broadcast(MDL_F64, (mdl_binary_op)9, 2, 4, buf, buf, buf), "op 9");
    expect_error("mdl_zip_column_broadcast_backward", mdl_zip_column_broadcast_backward(MDL_F64, MDL_ADD, 2, 4, buf, buf, NULL, buf, buf), "dy NULL");
    expect_error("mdl_add_bias", mdl_add_bias(MDL_F32, (mdl_unary_op)16, 2, 4, buf, buf, buf, 0.0), "act 16");
    expect_error("mdl_column_sums", mdl_column_sums(MDL_F32, 2, 4, NULL, 0.0, buf), "x NULL");
    expect_error("mdl_row_sums", mdl_row_sums(MDL_F32, -2, 4, buf, 0.0, buf), "rows=-2");
    expect_error("mdl_sum", mdl_sum(MDL_F32, 4, buf, 0.0, NULL), "out NULL");
    expect_error("mdl_transpose", mdl_transpose(MDL_F64, 3, -1, buf, buf), "cols=-1");
    expect_error("mdl_softmax", mdl_softmax(MDL_F32, -3, 4, buf, buf), "rows=-3");
    expect_error("mdl_log_softmax", mdl_log_softmax(MDL_F32, 3, 4, buf, NULL), "y NULL");
    expect_error("mdl_softmax_backward", mdl_softmax_backward((mdl_dtype)3, 3, 4, buf, buf, buf), "dtype 3");
    expect_error("mdl_log_softmax_backward", mdl_log_softmax_backward(MDL_F32, 3, 4, buf, NULL, buf), "dy NULL");
    expect_error("mdl_softmax_xent", mdl_softmax_xent(MDL_F32, 3, 4, buf, NULL, buf, buf), "targets NULL");
    expect_error("mdl_softmax_xent_backward", mdl_softmax_xent_backward(MDL_F32, 3, -4, buf, buf, buf, buf), "cols=-4");
    expect_error("mdl_dropout_mask", mdl_dropout_mask(MDL_F32, 4, 1.0, 1, buf), "p=1");
    expect_error("mdl_dropout_mask", mdl_dropout_mask(MDL_F32, 4, -0.1, 1, buf), "p=-0.1");
    expect_error("mdl_dropout_mask", mdl_dropout_mask(MDL_F64, 4, NAN, 1, buf), "p=NaN");
    expect_error("mdl_sgd_step", mdl_sgd_step(MDL_F32, 4, 0.1, NULL, buf), "g NULL");
    expect_error("mdl_momentum_step", mdl_momentum_step(MDL_F32, 4, 0.1, 0.9, buf, NULL, buf), "v NULL");
    expect_error("mdl_adam_step", mdl_adam_step(MDL_F32, 4, 0.1, 0.9, 0.999, 1e-8, 0, buf, buf, buf, buf), "t=0");
    expect_error("mdl_adam_step_multi",
                 mdl_adam_step_multi(MDL_F32, -1, lens, 0.1, 0.9, 0.999, 1e-8, 1, bufs, bufs, bufs, bufs), "count=-1");
    expect_error("mdl_adam_step_multi",
                 mdl_adam_step_multi(MDL_F32, 1, lens, 0.1, 0.9, 0.999, 1e-8, 1, bufs, bufs, bufs, bufs), "lengths[0]=-4");
    expect_error("mdl_adam_step_multi",
                 mdl_adam_step_multi(MDL_F32, 1, lens, 0.1, 0.9, 0.999, 1e-8, 0, bufs, bufs, bufs, bufs), "t=0");
    expect_error("mdl_copy_to_host", mdl_copy_to_host(NULL, buf, 8), "dst NULL");
    expect_error("mdl_copy_to_device", mdl_copy_to_device(buf, NULL, 8), "src NULL");
    expect_error("mdl_copy_device", mdl_copy_device(NULL, buf, 8), "dst NULL");
    expect_error("mdl_alloc", mdl_alloc(8, NULL), "out NULL");
    expect_error("mdl_device_info_get", mdl_device_info_get(NULL), "out NULL");
    expect_error("mdl_set_threads", mdl_set_threads(-1), "threads=-1");
    double seconds;
    int64_t calls;
    expect_error("mdl_profile_read", mdl_profile_read(MDL_FAMILY_COUNT, &seconds, &calls), "family=MDL_FAMILY_COUNT");
    expect_error("mdl_profile_read", mdl_profile_read(MDL_FAMILY_GEMM, NULL, &calls), "seconds NULL");
    double host[6] = {0};
    int32_t outside[2] = {0, 3}, negative[1] = {-1}, inside[2] = {0, 1};
    expect_error("mdl_copy_rows_to_device", mdl_copy_rows_to_device(MDL_F32, 2, 2, host, 3, outside, buf), "host_rows[1]=3 of 3");
    expect_error("mdl_copy_rows_to_device", mdl_copy_rows_to_device(MDL_F64, 1, 2, host, 3, negative, buf), "host_rows[0]=-1");
    expect_error("mdl_copy_rows_to_device", mdl_copy_rows_to_device(MDL_F32, 2, 2, host, 3, NULL, buf), "host_rows NULL");
    void* rows_src = NULL;
    mdl_alloc(6 * 8, &rows_src);
    expect_error("mdl_gather_rows", mdl_gather_rows(MDL_F32, 2, 2, rows_src, 3, outside, buf), "host_rows[1]=3 of 3");
    expect_error("mdl_gather_rows", mdl_gather_rows(MDL_F64, 1, 2, rows_src, 3, negative, buf), "host_rows[0]=-1");
    expect_error("mdl_gather_rows", mdl_gather_rows(MDL_F32, 2, 2, rows_src, 3, NULL, buf), "host_rows NULL");
    expect_error("mdl_gather_rows", mdl_gather_rows(MDL_F32, 2, 2, NULL, 3, outside, buf), "src NULL");
    expect_error("mdl_gather_rows", mdl_gather_rows(MDL_F32, 2, 2, rows_src, 3, inside, (char*)rows_src + 4), "dst overlaps src");
    mdl_free(rows_src);

    /* zero-length calls succeed and touch nothing, even with NULL buffers */
    int ok = mdl_fill(MDL_F32, 0, NULL, 1.0) == MDL_OK && mdl_map(MDL_F64, MDL_EXP, 0, NULL, NULL, 0) == MDL_OK &&
             mdl_zip(MDL_F32, MDL_ADD, 0, NULL, NULL, NULL) == MDL_OK &&
             mdl_gemm(MDL_F32, 0, 0, 0, 0, 5, 1.0, NULL, NULL, 0.0, NULL) == MDL_OK &&
             mdl_softmax(MDL_F64, 0, 4, NULL, NULL) == MDL_OK && mdl_dropout_mask(MDL_F32, 0, 0.5, 1, NULL) == MDL_OK &&
             mdl_adam_step(MDL_F32, 0, 0.1, 0.9, 0.999, 1e-8, 1, NULL, NULL, NULL, NULL) == MDL_OK &&
             mdl_copy_to_host(NULL, NULL, 0) == MDL_OK;
    check_true("zero-length calls with NULL buffers succeed", ok, mdl_last_error());
    mdl_free(buf);
}
