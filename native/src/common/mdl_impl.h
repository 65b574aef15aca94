/*
 * mdl_impl.h — what each build (CPU, CUDA, and the CUDA sources on the emulator) implements.
 *
 * native/src/common/api.c defines every exported mdl_* function of minidl.h once for all
 * builds: it validates the arguments (on failure: the status and a last-error message naming the
 * function and the offending value), returns early for the zero-length cases, then calls the
 * build's mdl_impl_<name> below with the same arguments. An mdl_impl_* function may therefore
 * assume: dt is MDL_F32 or MDL_F64, ops are in range, lengths are > 0 and rows * cols does not
 * overflow, and every buffer the call reads or writes is non-NULL (except those minidl.h allows
 * to be NULL: dx/dr/dc of the broadcast backwards, da/db of zip_backward, probs of softmax_xent,
 * x/y of map_backward when the op's derivative does not read them — api.c passes NULL then).
 * It still reports the failures only the build can see (out of memory, a CUDA error, a size the
 * build cannot index).
 *
 * Not part of the ABI: hidden visibility.
 */
#ifndef MDL_IMPL_H
#define MDL_IMPL_H

#include "mdl_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- library and memory ---- */
MDL_HIDDEN mdl_status mdl_impl_device_info_get(mdl_device_info* out); /* out is zeroed */
MDL_HIDDEN mdl_status mdl_impl_set_threads(int32_t threads);          /* threads >= 0 */
MDL_HIDDEN mdl_status mdl_impl_synchronize(void);
MDL_HIDDEN mdl_status mdl_impl_alloc(size_t bytes, void** out);       /* bytes > 0 */
MDL_HIDDEN mdl_status mdl_impl_free(void* buffer);                    /* buffer != NULL */
MDL_HIDDEN mdl_status mdl_impl_copy_to_device(void* dst, const void* host_src, size_t bytes);
MDL_HIDDEN mdl_status mdl_impl_copy_rows_to_device(mdl_dtype dt, int64_t rows, int64_t cols, const double* host_src,
                                                   const int32_t* host_rows, void* dst);
MDL_HIDDEN mdl_status mdl_impl_gather_rows(mdl_dtype dt, int64_t rows, int64_t cols, const void* src,
                                          const int32_t* host_rows, void* dst);
MDL_HIDDEN mdl_status mdl_impl_copy_to_host(void* host_dst, const void* src, size_t bytes);
MDL_HIDDEN mdl_status mdl_impl_copy_device(void* dst, const void* src, size_t bytes); /* dst != src */

/* ---- element-wise ---- */
MDL_HIDDEN mdl_status mdl_impl_fill(mdl_dtype dt, int64_t n, void* x, double value);
MDL_HIDDEN mdl_status mdl_impl_scale(mdl_dtype dt, int64_t n, double alpha, void* y);
MDL_HIDDEN mdl_status mdl_impl_axpy(mdl_dtype dt, int64_t n, double alpha, const void* x, void* y);
MDL_HIDDEN mdl_status mdl_impl_map(mdl_dtype dt, mdl_unary_op op, int64_t n, const void* x, void* y, double p);
MDL_HIDDEN mdl_status mdl_impl_map_backward(mdl_dtype dt, mdl_unary_op op, int64_t n, const void* x,
                                            const void* y, const void* dy, void* dx, double p);
MDL_HIDDEN mdl_status mdl_impl_zip(mdl_dtype dt, mdl_binary_op op, int64_t n, const void* a, const void* b,
                                   void* c);
MDL_HIDDEN mdl_status mdl_impl_zip_backward(mdl_dtype dt, mdl_binary_op op, int64_t n, const void* a,
                                            const void* b, const void* dc, void* da, void* db);
MDL_HIDDEN mdl_status mdl_impl_zip_row_broadcast(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols,
                                       const void* x, const void* r, void* y);
MDL_HIDDEN mdl_status mdl_impl_zip_row_broadcast_backward(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols,
                                                const void* x, const void* r, const void* dy, void* dx, void* dr);
MDL_HIDDEN mdl_status mdl_impl_zip_column_broadcast(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols,
                                       const void* x, const void* c, void* y);
MDL_HIDDEN mdl_status mdl_impl_zip_column_broadcast_backward(mdl_dtype dt, mdl_binary_op op, int64_t rows, int64_t cols,
                                                const void* x, const void* c, const void* dy, void* dx, void* dc);
MDL_HIDDEN mdl_status mdl_impl_add_bias(mdl_dtype dt, mdl_unary_op act, int64_t rows, int64_t cols,
                                        const void* x, const void* b, void* y, double p);

/* ---- reductions, matrix products ---- */
MDL_HIDDEN mdl_status mdl_impl_column_sums(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, double beta,
                                        void* y); /* cols > 0; rows may be 0 (y = beta y) */
MDL_HIDDEN mdl_status mdl_impl_row_sums(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, double beta,
                                        void* y); /* rows > 0; cols may be 0 (y = beta y) */
MDL_HIDDEN mdl_status mdl_impl_sum(mdl_dtype dt, int64_t n, const void* x, double beta, void* out); /* n >= 0 */
MDL_HIDDEN mdl_status mdl_impl_gemm(mdl_dtype dt, int32_t trans_a, int32_t trans_b, int64_t m, int64_t n,
                                    int64_t k, double alpha, const void* a, const void* b, double beta,
                                    void* c); /* m, n > 0; k may be 0 (C = beta C) */
MDL_HIDDEN mdl_status mdl_impl_transpose(mdl_dtype dt, int64_t rows, int64_t cols, const void* x,
                                         void* y); /* x != y */

/* ---- softmax family ---- */
MDL_HIDDEN mdl_status mdl_impl_softmax(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, void* y);
MDL_HIDDEN mdl_status mdl_impl_log_softmax(mdl_dtype dt, int64_t rows, int64_t cols, const void* x, void* y);
MDL_HIDDEN mdl_status mdl_impl_softmax_backward(mdl_dtype dt, int64_t rows, int64_t cols, const void* y,
                                                const void* dy, void* dx);
MDL_HIDDEN mdl_status mdl_impl_log_softmax_backward(mdl_dtype dt, int64_t rows, int64_t cols, const void* y,
                                                    const void* dy, void* dx);
MDL_HIDDEN mdl_status mdl_impl_softmax_xent(mdl_dtype dt, int64_t rows, int64_t cols, const void* logits,
                                            const void* targets, void* probs, void* loss);
MDL_HIDDEN mdl_status mdl_impl_softmax_xent_backward(mdl_dtype dt, int64_t rows, int64_t cols,
                                                     const void* probs, const void* targets, const void* dloss,
                                                     void* dlogits);

/* ---- dropout, optimizers ---- */
MDL_HIDDEN mdl_status mdl_impl_dropout_mask(mdl_dtype dt, int64_t n, double p, uint64_t seed, void* mask);
MDL_HIDDEN mdl_status mdl_impl_sgd_step(mdl_dtype dt, int64_t n, double lr, const void* g, void* w);
MDL_HIDDEN mdl_status mdl_impl_momentum_step(mdl_dtype dt, int64_t n, double lr, double beta, const void* g,
                                             void* v, void* w);
MDL_HIDDEN mdl_status mdl_impl_adam_step(mdl_dtype dt, int64_t n, double lr, double beta1, double beta2,
                                         double eps, int64_t t, const void* g, void* m, void* v, void* w);
/* count > 0; every lengths[k] >= 0, the buffers of every non-empty tensor non-NULL. */
MDL_HIDDEN mdl_status mdl_impl_adam_step_multi(mdl_dtype dt, int32_t count, const int64_t* lengths, double lr,
                                               double beta1, double beta2, double eps, int64_t t, void* const* g,
                                               void* const* m, void* const* v, void* const* w);

#ifdef __cplusplus
}
#endif

#endif /* MDL_IMPL_H */
