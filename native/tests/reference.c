/*
 * reference.c — the float64 reference of every kernel of minidl.h (declared in reference.h).
 *
 * Readable loops, no speed tricks: the formula of each function is the comment above it. The
 * harness computes these on the same (dtype-rounded) inputs it gives the library, and compares.
 */
#include "reference.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

/* ============================== one element ============================== */

/* y = f(x; p), the table of mdl_unary_op in minidl.h */
double ref_unary(int op, double x, double p)
{
    switch (op) {
    case MDL_IDENTITY: return x;
    case MDL_NEG: return -x;
    case MDL_EXP: return exp(x);
    case MDL_LOG: return log(x);
    case MDL_RECIPROCAL: return 1.0 / x;
    case MDL_SQUARE: return x * x;
    case MDL_SQRT: return sqrt(x);
    case MDL_ABS: return fabs(x);
    case MDL_ADD_CONST: return x + p;
    case MDL_MUL_CONST: return p * x;
    case MDL_POW_CONST: return pow(x, p);
    case MDL_SIGMOID: return 1.0 / (1.0 + exp(-x));
    case MDL_TANH: return tanh(x);
    case MDL_RELU: return x > 0 ? x : 0.0;
    case MDL_LEAKY_RELU: return x > 0 ? x : p * x;
    case MDL_ELU: return x >= 0 ? x : p * (exp(x) - 1.0);
    }
    return NAN;
}

/* f'(x; p), given x and the forward output y = f(x; p). Where f' is cheaper from y:
 *   exp:      (e^x)' = e^x = y
 *   sqrt:     (x^(1/2))' = 1 / (2 x^(1/2)) = 1 / (2y)
 *   sigmoid:  y = 1 / (1 + e^-x),  y' = e^-x / (1 + e^-x)^2 = y (e^-x / (1 + e^-x)) = y (1 - y)
 *   tanh:     y = sinh x / cosh x,  y' = (cosh^2 x - sinh^2 x) / cosh^2 x = 1 - y^2
 *   elu:      x < 0: y = p (e^x - 1),  y' = p e^x = p (e^x - 1) + p = y + p;  x >= 0: y' = 1
 * (relu, leaky_relu: 0 or p at x = 0, the left slope, as PyTorch.) */
double ref_unary_derivative(int op, double x, double y, double p)
{
    switch (op) {
    case MDL_IDENTITY: return 1;
    case MDL_NEG: return -1;
    case MDL_EXP: return y;
    case MDL_LOG: return 1.0 / x;
    case MDL_RECIPROCAL: return -1.0 / (x * x);
    case MDL_SQUARE: return 2 * x;
    case MDL_SQRT: return 1.0 / (2 * y);
    case MDL_ABS: return x > 0 ? 1 : (x < 0 ? -1 : 0);
    case MDL_ADD_CONST: return 1;
    case MDL_MUL_CONST: return p;
    case MDL_POW_CONST: return p * pow(x, p - 1);
    case MDL_SIGMOID: return y * (1 - y);
    case MDL_TANH: return 1 - y * y;
    case MDL_RELU: return x > 0 ? 1 : 0;
    case MDL_LEAKY_RELU: return x > 0 ? 1 : p;
    case MDL_ELU: return x >= 0 ? 1 : y + p;
    }
    return NAN;
}

/* c = a op b, the table of mdl_binary_op */
double ref_binary(int op, double a, double b)
{
    switch (op) {
    case MDL_ADD: return a + b;
    case MDL_SUB: return a - b;
    case MDL_MUL: return a * b;
    case MDL_DIV: return a / b;
    case MDL_MAX: return a >= b ? a : b;
    }
    return NAN;
}

/* dc/da: 1, 1, b, 1/b, [a >= b] */
double ref_binary_grad_a(int op, double a, double b)
{
    switch (op) {
    case MDL_ADD: case MDL_SUB: return 1;
    case MDL_MUL: return b;
    case MDL_DIV: return 1.0 / b;
    case MDL_MAX: return a >= b ? 1 : 0;
    }
    return NAN;
}

/* dc/db: 1, -1, a, -a/b^2 (c = a b^-1, dc/db = -a b^-2), [a < b] */
double ref_binary_grad_b(int op, double a, double b)
{
    switch (op) {
    case MDL_ADD: return 1;
    case MDL_SUB: return -1;
    case MDL_MUL: return a;
    case MDL_DIV: return -a / (b * b);
    case MDL_MAX: return a < b ? 1 : 0;
    }
    return NAN;
}

/* u_i = SplitMix64's (i+1)-th output after state `seed`, top 53 bits * 2^-53 (minidl.h) */
double ref_dropout_uniform(uint64_t seed, uint64_t i)
{
    uint64_t z = seed + (i + 1) * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (double)(z >> 11) * 0x1.0p-53;
}

/* ============================== element-wise ============================== */

/* x[i] = value */
void ref_fill(int64_t n, double* x, double value)
{
    for (int64_t i = 0; i < n; ++i) x[i] = value;
}

/* y[i] = alpha y[i] */
void ref_scale(int64_t n, double alpha, double* y)
{
    for (int64_t i = 0; i < n; ++i) y[i] = alpha * y[i];
}

/* y[i] += alpha x[i] */
void ref_axpy(int64_t n, double alpha, const double* x, double* y)
{
    for (int64_t i = 0; i < n; ++i) y[i] += alpha * x[i];
}

/* y[i] = f(x[i]; p) */
void ref_map(int op, int64_t n, const double* x, double* y, double p)
{
    for (int64_t i = 0; i < n; ++i) y[i] = ref_unary(op, x[i], p);
}

/* dx[i] += dy[i] f'(x[i]; p)   (chain rule; y = f(x) from the forward) */
void ref_map_backward(int op, int64_t n, const double* x, const double* y, const double* dy, double* dx, double p)
{
    for (int64_t i = 0; i < n; ++i) dx[i] += dy[i] * ref_unary_derivative(op, x ? x[i] : 0, y ? y[i] : 0, p);
}

/* c[i] = a[i] op b[i] */
void ref_zip(int op, int64_t n, const double* a, const double* b, double* c)
{
    for (int64_t i = 0; i < n; ++i) c[i] = ref_binary(op, a[i], b[i]);
}

/* da[i] += dc[i] dc/da,  db[i] += dc[i] dc/db   (da or db may be NULL) */
void ref_zip_backward(int op, int64_t n, const double* a, const double* b, const double* dc, double* da, double* db)
{
    for (int64_t i = 0; i < n; ++i) {
        if (da) da[i] += dc[i] * ref_binary_grad_a(op, a[i], b[i]);
        if (db) db[i] += dc[i] * ref_binary_grad_b(op, a[i], b[i]);
    }
}

/* y[i,j] = x[i,j] op r[j]   (a row vector broadcast over the rows) */
void ref_zip_row_broadcast(int op, int64_t rows, int64_t cols, const double* x, const double* r, double* y)
{
    for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j) y[i * cols + j] = ref_binary(op, x[i * cols + j], r[j]);
}

/* dx[i,j] += dy[i,j] dop/dx;  dr[j] += sum_i dy[i,j] dop/dr   (r was used by every row: the
 * copy rule sums the gradients of its uses) */
void ref_zip_row_broadcast_backward(int op, int64_t rows, int64_t cols, const double* x, const double* r, const double* dy,
                          double* dx, double* dr)
{
    for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j) {
            int64_t e = i * cols + j;
            if (dx) dx[e] += dy[e] * ref_binary_grad_a(op, x[e], r[j]);
            if (dr) dr[j] += dy[e] * ref_binary_grad_b(op, x[e], r[j]);
        }
}

/* y[i,j] = x[i,j] op c[i]   (a column vector broadcast over the columns) */
void ref_zip_column_broadcast(int op, int64_t rows, int64_t cols, const double* x, const double* c, double* y)
{
    for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j) y[i * cols + j] = ref_binary(op, x[i * cols + j], c[i]);
}

/* dx[i,j] += dy[i,j] dop/dx;  dc[i] += sum_j dy[i,j] dop/dc */
void ref_zip_column_broadcast_backward(int op, int64_t rows, int64_t cols, const double* x, const double* c, const double* dy,
                          double* dx, double* dc)
{
    for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j) {
            int64_t e = i * cols + j;
            if (dx) dx[e] += dy[e] * ref_binary_grad_a(op, x[e], c[i]);
            if (dc) dc[i] += dy[e] * ref_binary_grad_b(op, x[e], c[i]);
        }
}

/* y[i,j] = f(x[i,j] + b[j]; p)   (the add-bias node fused with an activation) */
void ref_add_bias(int act, int64_t rows, int64_t cols, const double* x, const double* b, double* y, double p)
{
    for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j) y[i * cols + j] = ref_unary(act, x[i * cols + j] + b[j], p);
}

/* ============================== reductions, matrix products ============================== */

/* y[j] = beta y[j] + sum_i x[i,j]   (beta == 0: y is not read) */
void ref_column_sums(int64_t rows, int64_t cols, const double* x, double beta, double* y)
{
    for (int64_t j = 0; j < cols; ++j) {
        double acc = 0;
        for (int64_t i = 0; i < rows; ++i) acc += x[i * cols + j];
        y[j] = (beta == 0 ? 0 : beta * y[j]) + acc;
    }
}

/* y[i] = beta y[i] + sum_j x[i,j] */
void ref_row_sums(int64_t rows, int64_t cols, const double* x, double beta, double* y)
{
    for (int64_t i = 0; i < rows; ++i) {
        double acc = 0;
        for (int64_t j = 0; j < cols; ++j) acc += x[i * cols + j];
        y[i] = (beta == 0 ? 0 : beta * y[i]) + acc;
    }
}

/* out[0] = beta out[0] + sum_i x[i] */
void ref_sum(int64_t n, const double* x, double beta, double* out)
{
    double acc = 0;
    for (int64_t i = 0; i < n; ++i) acc += x[i];
    out[0] = (beta == 0 ? 0 : beta * out[0]) + acc;
}

/* C[i,j] = alpha sum_p op(A)[i,p] op(B)[p,j] + beta C[i,j]   (beta == 0: C is not read),
 * op(A)[i,p] = A[i,p] (A stored m x k) or A[p,i] (trans_a: stored k x m); likewise B.
 * op(A) and op(B) are made explicit first, then the i-p-j loop walks rows (fast enough for the
 * harness's 1029 x 917 x 1029 products). */
void ref_gemm(int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, double alpha, const double* a,
              const double* b, double beta, double* c)
{
    double* opa = malloc(sizeof(double) * (size_t)(m * k + 1));
    double* opb = malloc(sizeof(double) * (size_t)(k * n + 1));
    double* acc = malloc(sizeof(double) * (size_t)(n + 1));
    if (!opa || !opb || !acc) abort(); /* the harness only; the library never aborts */
    for (int64_t i = 0; i < m; ++i)
        for (int64_t p = 0; p < k; ++p) opa[i * k + p] = trans_a ? a[p * m + i] : a[i * k + p];
    for (int64_t p = 0; p < k; ++p)
        for (int64_t j = 0; j < n; ++j) opb[p * n + j] = trans_b ? b[j * k + p] : b[p * n + j];
    for (int64_t i = 0; i < m; ++i) {
        for (int64_t j = 0; j < n; ++j) acc[j] = 0;
        for (int64_t p = 0; p < k; ++p)
            for (int64_t j = 0; j < n; ++j) acc[j] += opa[i * k + p] * opb[p * n + j];
        for (int64_t j = 0; j < n; ++j) c[i * n + j] = alpha * acc[j] + (beta == 0 ? 0 : beta * c[i * n + j]);
    }
    free(opa); free(opb); free(acc);
}

/* y[j,i] = x[i,j]   (y is cols x rows) */
void ref_transpose(int64_t rows, int64_t cols, const double* x, double* y)
{
    for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j) y[j * rows + i] = x[i * cols + j];
}

/* ============================== softmax family ============================== */

/* Row i: m = max_j x[i,j],  s = sum_j e^{x[i,j] - m}.  Subtracting m changes nothing
 * mathematically (the factor e^{-m} cancels) and keeps every e^{...} <= 1: no overflow. */
static double row_max(const double* x, int64_t cols)
{
    double m = x[0];
    for (int64_t j = 1; j < cols; ++j) m = x[j] > m ? x[j] : m;
    return m;
}

/* y[i,j] = e^{x[i,j] - m} / sum_k e^{x[i,k] - m} */
void ref_softmax(int64_t rows, int64_t cols, const double* x, double* y)
{
    for (int64_t i = 0; i < rows && cols > 0; ++i) {
        const double* xi = x + i * cols;
        double m = row_max(xi, cols), s = 0;
        for (int64_t j = 0; j < cols; ++j) s += exp(xi[j] - m);
        for (int64_t j = 0; j < cols; ++j) y[i * cols + j] = exp(xi[j] - m) / s;
    }
}

/* y[i,j] = x[i,j] - m - log sum_k e^{x[i,k] - m} */
void ref_log_softmax(int64_t rows, int64_t cols, const double* x, double* y)
{
    for (int64_t i = 0; i < rows && cols > 0; ++i) {
        const double* xi = x + i * cols;
        double m = row_max(xi, cols), s = 0;
        for (int64_t j = 0; j < cols; ++j) s += exp(xi[j] - m);
        for (int64_t j = 0; j < cols; ++j) y[i * cols + j] = xi[j] - m - log(s);
    }
}

/* dx[i,j] += y[i,j] (dy[i,j] - sum_k dy[i,k] y[i,k])   (the softmax Jacobian times dy) */
void ref_softmax_backward(int64_t rows, int64_t cols, const double* y, const double* dy, double* dx)
{
    for (int64_t i = 0; i < rows; ++i) {
        double acc = 0;
        for (int64_t j = 0; j < cols; ++j) acc += dy[i * cols + j] * y[i * cols + j];
        for (int64_t j = 0; j < cols; ++j) {
            int64_t e = i * cols + j;
            dx[e] += y[e] * (dy[e] - acc);
        }
    }
}

/* dx[i,j] += dy[i,j] - e^{y[i,j]} sum_k dy[i,k]   (y = log-softmax output, e^y = softmax) */
void ref_log_softmax_backward(int64_t rows, int64_t cols, const double* y, const double* dy, double* dx)
{
    for (int64_t i = 0; i < rows; ++i) {
        double acc = 0;
        for (int64_t j = 0; j < cols; ++j) acc += dy[i * cols + j];
        for (int64_t j = 0; j < cols; ++j) {
            int64_t e = i * cols + j;
            dx[e] += dy[e] - exp(y[e]) * acc;
        }
    }
}

/* lse_i = m + log sum_k e^{z[i,k] - m};  loss[i] = -sum_j t[i,j] (z[i,j] - lse_i);
 * probs[i,j] = e^{z[i,j] - lse_i} (when probs is not NULL). An empty row has loss 0. */
void ref_softmax_xent(int64_t rows, int64_t cols, const double* logits, const double* targets, double* probs,
                      double* loss)
{
    for (int64_t i = 0; i < rows; ++i) {
        const double* z = logits + i * cols;
        if (cols == 0) { loss[i] = 0; continue; }
        double m = row_max(z, cols), se = 0, l = 0;
        for (int64_t j = 0; j < cols; ++j) se += exp(z[j] - m);
        double ls = log(se); /* z - lse as (z - m) - log s: exact x - m, no rounding at |z| */
        for (int64_t j = 0; j < cols; ++j) {
            l -= targets[i * cols + j] * ((z[j] - m) - ls);
            if (probs) probs[i * cols + j] = exp((z[j] - m) - ls);
        }
        loss[i] = l;
    }
}

/* dlogits[i,j] += dloss[i] (probs[i,j] sum_k t[i,k] - t[i,j]) */
void ref_softmax_xent_backward(int64_t rows, int64_t cols, const double* probs, const double* targets,
                               const double* dloss, double* dlogits)
{
    for (int64_t i = 0; i < rows; ++i) {
        double st = 0;
        for (int64_t j = 0; j < cols; ++j) st += targets[i * cols + j];
        for (int64_t j = 0; j < cols; ++j) {
            int64_t e = i * cols + j;
            dlogits[e] += dloss[i] * (probs[e] * st - targets[e]);
        }
    }
}

/* ============================== dropout, optimizers ============================== */

/* mask[i] = (u_i >= p) / (1 - p)   (inverted dropout: E[mask] = 1) */
void ref_dropout_mask(int64_t n, double p, uint64_t seed, double* mask)
{
    for (int64_t i = 0; i < n; ++i) mask[i] = ref_dropout_uniform(seed, (uint64_t)i) >= p ? 1.0 / (1.0 - p) : 0.0;
}

/* w -= lr g */
void ref_sgd_step(int64_t n, double lr, const double* g, double* w)
{
    for (int64_t i = 0; i < n; ++i) w[i] -= lr * g[i];
}

/* v = beta v + lr g;  w -= v   (Day 01, "Gradient Descent with Momentum") */
void ref_momentum_step(int64_t n, double lr, double beta, const double* g, double* v, double* w)
{
    for (int64_t i = 0; i < n; ++i) {
        v[i] = beta * v[i] + lr * g[i];
        w[i] -= v[i];
    }
}

/* m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
 * w -= lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)   (the bias corrections undo the zero start) */
void ref_adam_step(int64_t n, double lr, double beta1, double beta2, double eps, int64_t t, const double* g,
                   double* m, double* v, double* w)
{
    double c1 = 1.0 / (1.0 - pow(beta1, (double)t)), c2 = 1.0 / (1.0 - pow(beta2, (double)t));
    for (int64_t i = 0; i < n; ++i) {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
        w[i] -= lr * (m[i] * c1) / (sqrt(v[i] * c2) + eps);
    }
}
