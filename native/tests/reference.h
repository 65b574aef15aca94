/*
 * reference.h — the meaning of every kernel of minidl.h, as plain float64 loops (reference.c).
 *
 * One function per computing ABI function, same name with ref_ for mdl_, same arguments in double
 * and without the dtype (mdl_adam_step_multi is ref_adam_step on each tensor; the memory functions
 * have none). The C harness (harness_*.c) checks both builds (CPU and CUDA, and the CUDA
 * sources on the CPU emulator) against these; a student porting a kernel reads them first.
 * Every array is dense and row-major. "+=" means the function accumulates into its output.
 */
#ifndef MDL_REFERENCE_H
#define MDL_REFERENCE_H

#include <stdint.h>

#include "minidl.h"

/* ---- one element (the op tables of minidl.h) ---- */
double ref_unary(int op, double x, double p);                       /* f(x; p) */
double ref_unary_derivative(int op, double x, double y, double p);  /* f'(x; p), y = f(x; p) */
double ref_binary(int op, double a, double b);                      /* a op b */
double ref_binary_grad_a(int op, double a, double b);               /* d(a op b)/da */
double ref_binary_grad_b(int op, double a, double b);               /* d(a op b)/db */
double ref_dropout_uniform(uint64_t seed, uint64_t i);              /* u_i in [0,1) */

/* ---- element-wise ---- */
void ref_fill(int64_t n, double* x, double value);
void ref_scale(int64_t n, double alpha, double* y);
void ref_axpy(int64_t n, double alpha, const double* x, double* y);
void ref_map(int op, int64_t n, const double* x, double* y, double p);
void ref_map_backward(int op, int64_t n, const double* x, const double* y, const double* dy, double* dx, double p);
void ref_zip(int op, int64_t n, const double* a, const double* b, double* c);
void ref_zip_backward(int op, int64_t n, const double* a, const double* b, const double* dc, double* da, double* db);
void ref_zip_row_broadcast(int op, int64_t rows, int64_t cols, const double* x, const double* r, double* y);
void ref_zip_row_broadcast_backward(int op, int64_t rows, int64_t cols, const double* x, const double* r, const double* dy,
                          double* dx, double* dr);
void ref_zip_column_broadcast(int op, int64_t rows, int64_t cols, const double* x, const double* c, double* y);
void ref_zip_column_broadcast_backward(int op, int64_t rows, int64_t cols, const double* x, const double* c, const double* dy,
                          double* dx, double* dc);
void ref_add_bias(int act, int64_t rows, int64_t cols, const double* x, const double* b, double* y, double p);

/* ---- reductions, matrix products ---- */
void ref_column_sums(int64_t rows, int64_t cols, const double* x, double beta, double* y);
void ref_row_sums(int64_t rows, int64_t cols, const double* x, double beta, double* y);
void ref_sum(int64_t n, const double* x, double beta, double* out);
void ref_gemm(int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, double alpha, const double* a,
              const double* b, double beta, double* c);
void ref_transpose(int64_t rows, int64_t cols, const double* x, double* y);

/* ---- softmax family ---- */
void ref_softmax(int64_t rows, int64_t cols, const double* x, double* y);
void ref_log_softmax(int64_t rows, int64_t cols, const double* x, double* y);
void ref_softmax_backward(int64_t rows, int64_t cols, const double* y, const double* dy, double* dx);
void ref_log_softmax_backward(int64_t rows, int64_t cols, const double* y, const double* dy, double* dx);
void ref_softmax_xent(int64_t rows, int64_t cols, const double* logits, const double* targets, double* probs,
                      double* loss);
void ref_softmax_xent_backward(int64_t rows, int64_t cols, const double* probs, const double* targets,
                               const double* dloss, double* dlogits);

/* ---- dropout, optimizers ---- */
void ref_dropout_mask(int64_t n, double p, uint64_t seed, double* mask);
void ref_sgd_step(int64_t n, double lr, const double* g, double* w);
void ref_momentum_step(int64_t n, double lr, double beta, const double* g, double* v, double* w);
void ref_adam_step(int64_t n, double lr, double beta1, double beta2, double eps, int64_t t, const double* g,
                   double* m, double* v, double* w);

#endif /* MDL_REFERENCE_H */
