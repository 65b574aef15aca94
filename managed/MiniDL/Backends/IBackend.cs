namespace MiniDL.Backends;

/// <summary>
/// The small set of kernels that every node of the computation graph is written in
/// (minitorch's map / zip / reduce / matmul, plus a few fused kernels the lectures' losses and
/// optimizers need). The same node code runs on every backend:
/// <list type="bullet">
/// <item><see cref="ReferenceBackend"/>: readable managed loops in float64, the truth everything is checked against;</item>
/// <item>native backends (managed/MiniDL/Native/): the C ABI of native/include/minidl.h, CPU or CUDA, float32 or float64.</item>
/// </list>
/// Every method mirrors one <c>mdl_*</c> function of native/include/minidl.h; read its comment there for the exact formula.
/// Shapes are row-major; "+=" means the method accumulates (lecture 7's copy rule).
/// Backends check that buffer lengths match the shapes and throw <see cref="ArgumentException"/> naming the kernel otherwise.
/// </summary>
public interface IBackend
{
    /// <summary>"reference", "cpu" or "cuda".</summary>
    string Name { get; }

    /// <summary>The element type of every buffer of this backend.</summary>
    DType DType { get; }

    /// <summary>A new zero-filled buffer of <paramref name="length"/> elements.</summary>
    Storage Allocate(long length);

    /// <summary>Copies host values into <paramref name="destination"/> (converted to <see cref="DType"/>).</summary>
    void Upload(ReadOnlySpan<double> source, Storage destination);

    /// <summary>Copies host float32 values into <paramref name="destination"/>.</summary>
    void Upload(ReadOnlySpan<float> source, Storage destination);

    /// <summary>Copies a buffer to the host (this is where data crosses: "data crosses only when read").</summary>
    void Download(Storage source, Span<double> destination);

    /// <summary><c>destination = source</c>, both on this backend.</summary>
    void Copy(Storage source, Storage destination);

    /// <summary><c>x[i] = value</c>.</summary>
    void Fill(Storage x, double value);

    /// <summary><c>y = α y</c>.</summary>
    void Scale(double alpha, Storage y);

    /// <summary><c>y += α x</c>.</summary>
    void Axpy(double alpha, Storage x, Storage y);

    /// <summary><c>y = f(x; p)</c> element-wise.</summary>
    void Map(UnaryOp op, Storage x, Storage y, double p = 0);

    /// <summary><c>dx += dy ⊙ f′(x; p)</c>, with <c>y = f(x)</c> from the forward pass.</summary>
    void MapBackward(UnaryOp op, Storage x, Storage y, Storage dy, Storage dx, double p = 0);

    /// <summary><c>c = a ∘ b</c> element-wise.</summary>
    void Zip(BinaryOp op, Storage a, Storage b, Storage c);

    /// <summary><c>da += dc ⊙ ∂c/∂a</c>, <c>db += dc ⊙ ∂c/∂b</c>; a null gradient is not needed.</summary>
    void ZipBackward(BinaryOp op, Storage a, Storage b, Storage dc, Storage? da, Storage? db);

    /// <summary><c>y[i,j] = x[i,j] ∘ r[j]</c>: a row vector broadcast over the rows.</summary>
    void ZipRow(BinaryOp op, int rows, int cols, Storage x, Storage r, Storage y);

    /// <summary><c>dx[i,j] += dy[i,j] ∂/∂x</c>, <c>dr[j] += Σᵢ dy[i,j] ∂/∂r</c>.</summary>
    void ZipRowBackward(BinaryOp op, int rows, int cols, Storage x, Storage r, Storage dy, Storage? dx, Storage? dr);

    /// <summary><c>y[i,j] = x[i,j] ∘ c[i]</c>: a column vector broadcast over the columns.</summary>
    void ZipColumn(BinaryOp op, int rows, int cols, Storage x, Storage c, Storage y);

    /// <summary><c>dx[i,j] += dy[i,j] ∂/∂x</c>, <c>dc[i] += Σⱼ dy[i,j] ∂/∂c</c>.</summary>
    void ZipColumnBackward(BinaryOp op, int rows, int cols, Storage x, Storage c, Storage dy, Storage? dx, Storage? dc);

    /// <summary>Lecture 7's add-bias node, optionally fused with an activation: <c>y[i,j] = f(x[i,j] + b[j]; p)</c>.</summary>
    void AddBias(UnaryOp activation, int rows, int cols, Storage x, Storage b, Storage y, double p = 0);

    /// <summary>Column sums (the bias gradient, <c>∇B = Σ_rows ∇Y</c>): <c>y[j] = β y[j] + Σᵢ x[i,j]</c>.</summary>
    void SumRows(int rows, int cols, Storage x, double beta, Storage y);

    /// <summary>Row sums: <c>y[i] = β y[i] + Σⱼ x[i,j]</c>.</summary>
    void SumColumns(int rows, int cols, Storage x, double beta, Storage y);

    /// <summary><c>result[0] = β result[0] + Σᵢ x[i]</c>; the result stays on the backend.</summary>
    void Sum(Storage x, double beta, Storage result);

    /// <summary><c>C = α op(A) op(B) + β C</c> with <c>op(A)</c> m×k and <c>op(B)</c> k×n (lecture 7's matmul node).</summary>
    void Gemm(bool transposeA, bool transposeB, int m, int n, int k, double alpha, Storage a, Storage b, double beta, Storage c);

    /// <summary><c>y = xᵀ</c> with x of shape rows × cols.</summary>
    void Transpose(int rows, int cols, Storage x, Storage y);

    /// <summary>Row-wise softmax <c>y[i,j] = e^{x[i,j]} / Σₖ e^{x[i,k]}</c> (stable: the row max is subtracted first).</summary>
    void Softmax(int rows, int cols, Storage x, Storage y);

    /// <summary>Row-wise log-softmax <c>y[i,j] = x[i,j] − log Σₖ e^{x[i,k]}</c>.</summary>
    void LogSoftmax(int rows, int cols, Storage x, Storage y);

    /// <summary><c>dx[i,j] += y[i,j] (dy[i,j] − Σₖ dy[i,k] y[i,k])</c>.</summary>
    void SoftmaxBackward(int rows, int cols, Storage y, Storage dy, Storage dx);

    /// <summary><c>dx[i,j] += dy[i,j] − e^{y[i,j]} Σₖ dy[i,k]</c>.</summary>
    void LogSoftmaxBackward(int rows, int cols, Storage y, Storage dy, Storage dx);

    /// <summary>Fused softmax cross-entropy: <c>probs = softmax(z)</c>, <c>loss[i] = −Σⱼ t[i,j] log probs[i,j]</c>.</summary>
    void SoftmaxCrossEntropy(int rows, int cols, Storage logits, Storage targets, Storage? probs, Storage loss);

    /// <summary><c>dz[i,j] += g[i] (p[i,j] Σₖ t[i,k] − t[i,j])</c>, <c>g = dloss</c>.</summary>
    void SoftmaxCrossEntropyBackward(int rows, int cols, Storage probs, Storage targets, Storage dloss, Storage dlogits);

    /// <summary>Inverted-dropout mask from SplitMix64 of (seed, i): <c>mask[i] = [uᵢ ≥ p] / (1 − p)</c>.</summary>
    void DropoutMask(double p, ulong seed, Storage mask);

    /// <summary>Gradient descent: <c>w ← w − lr·g</c>.</summary>
    void SgdStep(double lr, Storage g, Storage w);

    /// <summary>Day 01's momentum: <c>v ← βv + lr·g</c>, <c>w ← w − v</c>.</summary>
    void MomentumStep(double lr, double beta, Storage g, Storage v, Storage w);

    /// <summary>Adam at step t ≥ 1 (see native/include/minidl.h <c>mdl_adam_step</c>).</summary>
    void AdamStep(double lr, double beta1, double beta2, double epsilon, long t, Storage g, Storage m, Storage v, Storage w);

    /// <summary>Waits for queued work (CUDA); a no-op elsewhere.</summary>
    void Synchronize();
}
