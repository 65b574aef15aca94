namespace MiniDL.Backends;

/// <summary>
/// The small set of kernels that every node of the computation graph is written in
/// (minitorch's map / zip / reduce / matmul, plus a few fused kernels the lectures' losses and
/// optimizers need). The same node code runs on every backend:
/// <list type="bullet">
/// <item><see cref="ReferenceBackend"/>: readable managed loops in float64, the truth everything is checked against;</item>
/// <item>native backends (managed/MiniDL/Native/): the C ABI of native/include/minidl.h, CPU or CUDA, float32 or float64.</item>
/// </list>
/// Each member's summary is its formula; each mirrors one <c>mdl_*</c> function of native/include/minidl.h.
/// Shapes are row-major; "+=" means the method accumulates (Lesson 7 "Neural Network", "Copy Node": gradients add up).
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

    /// <summary>
    /// Gathers a mini-batch: row r of <paramref name="destination"/> (a <c>rows.Length × columns</c> matrix) is row
    /// <c>rows[r]</c> of the host matrix <paramref name="source"/> (row-major, <paramref name="columns"/> columns).
    /// </summary>
    /// <exception cref="ArgumentException">A length that does not match the shape, or a row index outside the source.</exception>
    void UploadRows(ReadOnlySpan<double> source, int columns, ReadOnlySpan<int> rows, Storage destination);

    /// <summary>
    /// The same gather from a matrix already on this backend (a data set kept on the device): row r of
    /// <paramref name="destination"/> (a <c>rows.Length × columns</c> matrix) is row <c>rows[r]</c> of
    /// <paramref name="source"/> (row-major, <paramref name="columns"/> columns).
    /// </summary>
    /// <exception cref="ArgumentException">A length that does not match the shape, a row index outside the source, or
    /// <paramref name="destination"/> the same buffer as <paramref name="source"/>.</exception>
    void GatherRows(Storage source, int columns, ReadOnlySpan<int> rows, Storage destination);

    /// <summary>Copies a buffer to the host (this is where data crosses: "data crosses only when read").</summary>
    void Download(Storage source, Span<double> destination);

    /// <summary><c>destination = source</c>, both on this backend.</summary>
    void Copy(Storage source, Storage destination);

    /// <summary><c>x[i] = value</c> for every i.</summary>
    void Fill(Storage x, double value);

    /// <summary><c>y[i] = α y[i]</c>.</summary>
    void Scale(double alpha, Storage y);

    /// <summary><c>y[i] += α x[i]</c>.</summary>
    void Axpy(double alpha, Storage x, Storage y);

    /// <summary><c>y[i] = f(x[i]; p)</c>, f one of <see cref="UnaryOp"/> (each member gives f and f′).</summary>
    void Map(UnaryOp op, Storage x, Storage y, double p = 0);

    /// <summary><c>dx[i] += dy[i] · f′(x[i]; p)</c>, with <c>y = f(x)</c> from the forward pass (some f′ are cheaper from y).</summary>
    void MapBackward(UnaryOp op, Storage x, Storage y, Storage dy, Storage dx, double p = 0);

    /// <summary><c>c[i] = a[i] ∘ b[i]</c>, ∘ one of <see cref="BinaryOp"/>.</summary>
    void Zip(BinaryOp op, Storage a, Storage b, Storage c);

    /// <summary><c>da[i] += dc[i] · ∂c/∂a</c>, <c>db[i] += dc[i] · ∂c/∂b</c>; a null gradient is not needed.</summary>
    void ZipBackward(BinaryOp op, Storage a, Storage b, Storage dc, Storage? da, Storage? db);

    /// <summary><c>y[i,j] = x[i,j] ∘ r[j]</c>: a row vector broadcast over the rows.</summary>
    void ZipRowBroadcast(BinaryOp op, int rows, int cols, Storage x, Storage r, Storage y);

    /// <summary><c>dx[i,j] += dy[i,j] · ∂y/∂x</c>, <c>dr[j] += Σᵢ dy[i,j] · ∂y/∂r</c> (the broadcast copies r to every row, so its gradients add up).</summary>
    void ZipRowBroadcastBackward(BinaryOp op, int rows, int cols, Storage x, Storage r, Storage dy, Storage? dx, Storage? dr);

    /// <summary><c>y[i,j] = x[i,j] ∘ c[i]</c>: a column vector broadcast over the columns.</summary>
    void ZipColumnBroadcast(BinaryOp op, int rows, int cols, Storage x, Storage c, Storage y);

    /// <summary><c>dx[i,j] += dy[i,j] · ∂y/∂x</c>, <c>dc[i] += Σⱼ dy[i,j] · ∂y/∂c</c>.</summary>
    void ZipColumnBroadcastBackward(BinaryOp op, int rows, int cols, Storage x, Storage c, Storage dy, Storage? dx, Storage? dc);

    /// <summary>Lesson 7's "Add Bias Node", optionally fused with an activation: <c>y[i,j] = f(x[i,j] + b[j]; p)</c>.</summary>
    void AddBias(UnaryOp activation, int rows, int cols, Storage x, Storage b, Storage y, double p = 0);

    /// <summary>Column sums (the bias gradient, <c>∇B = Σ_rows ∇Y</c>): <c>y[j] = β y[j] + Σᵢ x[i,j]</c>.</summary>
    void ColumnSums(int rows, int cols, Storage x, double beta, Storage y);

    /// <summary>Row sums: <c>y[i] = β y[i] + Σⱼ x[i,j]</c>.</summary>
    void RowSums(int rows, int cols, Storage x, double beta, Storage y);

    /// <summary><c>result[0] = β result[0] + Σᵢ x[i]</c>; the result stays on the backend.</summary>
    void Sum(Storage x, double beta, Storage result);

    /// <summary><c>C = α op(A) op(B) + β C</c> with <c>op(A)</c> m×k and <c>op(B)</c> k×n, <c>op(X)</c> = X or Xᵀ (Lesson 7's "Matmul Node").</summary>
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

    /// <summary>Inverted dropout's mask: <c>mask[i] = [uᵢ ≥ p] / (1 − p)</c>, uᵢ ∈ [0, 1) from SplitMix64 of (seed, i) (<see cref="ReferenceBackend.DropoutUniform"/>), so E[mask] = 1.</summary>
    void DropoutMask(double p, ulong seed, Storage mask);

    /// <summary>Gradient descent on one tensor: <c>w ← w − lr·g</c> (<see cref="Optimizers.Sgd.Update"/>).</summary>
    void SgdStep(double lr, Storage g, Storage w);

    /// <summary>Day 01's momentum on one tensor: <c>v ← βv + lr·g</c>, <c>w ← w − v</c> (<see cref="Optimizers.Momentum.Update"/>).</summary>
    void MomentumStep(double lr, double beta, Storage g, Storage v, Storage w);

    /// <summary>
    /// Nesterov's look-ahead momentum on one tensor, on the held look-ahead weights <c>w̃</c>:
    /// <c>v ← βv + lr·g</c>, <c>w̃ ← w̃ − βv − lr·g</c> (<see cref="Optimizers.Nesterov.Update"/>).
    /// </summary>
    void NesterovStep(double lr, double beta, Storage g, Storage v, Storage w);

    /// <summary>
    /// Adam on one tensor at step t ≥ 1: <c>m ← β₁m + (1 − β₁)g</c>, <c>v ← β₂v + (1 − β₂)g²</c>,
    /// <c>m̂ = m / (1 − β₁ᵗ)</c>, <c>v̂ = v / (1 − β₂ᵗ)</c>, <c>w ← w − lr·m̂ / (√v̂ + ε)</c> (<see cref="Optimizers.Adam.Update"/>).
    /// </summary>
    void AdamStep(double lr, double beta1, double beta2, double epsilon, long t, Storage g, Storage m, Storage v, Storage w);

    /// <summary>
    /// <see cref="SgdStep(double, Storage, Storage)"/> on every tensor k, <c>w[k] ← w[k] − lr·g[k]</c>, in one call
    /// (one optimizer step of a whole model; the lists have one entry per tensor).
    /// </summary>
    void SgdStep(double lr, ReadOnlySpan<Storage> g, ReadOnlySpan<Storage> w)
    {
        RequireOneEntryPerTensor("sgd_step", [g.Length, w.Length]);
        for (int k = 0; k < g.Length; k++)
        {
            SgdStep(lr, g[k], w[k]);
        }
    }

    /// <summary>
    /// <see cref="MomentumStep(double, double, Storage, Storage, Storage)"/> on every tensor k,
    /// <c>v[k] ← βv[k] + lr·g[k]</c>, <c>w[k] ← w[k] − v[k]</c>, in one call.
    /// </summary>
    void MomentumStep(double lr, double beta, ReadOnlySpan<Storage> g, ReadOnlySpan<Storage> v, ReadOnlySpan<Storage> w)
    {
        RequireOneEntryPerTensor("momentum_step", [g.Length, v.Length, w.Length]);
        for (int k = 0; k < g.Length; k++)
        {
            MomentumStep(lr, beta, g[k], v[k], w[k]);
        }
    }

    /// <summary>
    /// <see cref="NesterovStep(double, double, Storage, Storage, Storage)"/> on every tensor k,
    /// <c>v[k] ← βv[k] + lr·g[k]</c>, <c>w[k] ← w[k] − βv[k] − lr·g[k]</c>, in one call.
    /// </summary>
    void NesterovStep(double lr, double beta, ReadOnlySpan<Storage> g, ReadOnlySpan<Storage> v, ReadOnlySpan<Storage> w)
    {
        RequireOneEntryPerTensor("nesterov_step", [g.Length, v.Length, w.Length]);
        for (int k = 0; k < g.Length; k++)
        {
            NesterovStep(lr, beta, g[k], v[k], w[k]);
        }
    }

    /// <summary>
    /// <see cref="AdamStep(double, double, double, double, long, Storage, Storage, Storage, Storage)"/> on every tensor k
    /// at step t ≥ 1 (<c>m[k] ← β₁m[k] + (1 − β₁)g[k]</c>, <c>v[k] ← β₂v[k] + (1 − β₂)g[k]²</c>,
    /// <c>w[k] ← w[k] − lr·m̂[k] / (√v̂[k] + ε)</c>), in one call: one native call for all tensors
    /// (<c>mdl_adam_step_multi</c>, one launch on CUDA).
    /// </summary>
    void AdamStep(double lr, double beta1, double beta2, double epsilon, long t,
        ReadOnlySpan<Storage> g, ReadOnlySpan<Storage> m, ReadOnlySpan<Storage> v, ReadOnlySpan<Storage> w);

    /// <summary>Waits for queued work (CUDA); a no-op elsewhere.</summary>
    void Synchronize();

    /// <summary>Checks the arguments of <see cref="GatherRows"/> (besides the buffers' backend): whole rows, distinct buffers, every index a row of the source.</summary>
    /// <exception cref="ArgumentException">The source is not whole rows, the buffers are one, or an index is outside the source.</exception>
    static void RequireRows(Storage source, int columns, ReadOnlySpan<int> rows, Storage destination)
    {
        if (ReferenceEquals(source, destination))
        {
            throw new ArgumentException("gather rows: the destination is the source buffer.", nameof(destination));
        }

        RequireWholeRows("gather rows", source.Length, columns, rows);
    }

    /// <summary>Checks the arguments of <see cref="UploadRows"/>: whole rows, and every index a row of the source.</summary>
    /// <exception cref="ArgumentException">The source is not whole rows, or an index is outside it.</exception>
    static void RequireRows(ReadOnlySpan<double> source, int columns, ReadOnlySpan<int> rows)
        => RequireWholeRows("upload rows", source.Length, columns, rows);

    // A source of `length` values is whole rows of `columns`, and every index is one of its rows.
    private static void RequireWholeRows(string op, long length, int columns, ReadOnlySpan<int> rows)
    {
        if (columns < 1 || length % columns != 0)
        {
            throw new ArgumentException($"{op}: a source of {length} values is not whole rows of {columns} columns.");
        }

        long count = length / columns;
        foreach (int row in rows)
        {
            if ((uint)row >= (ulong)count)
            {
                throw new ArgumentException($"{op}: row {row} is outside the source's {count} rows.");
            }
        }
    }

    /// <summary>Checks that the lists of a multi-tensor step have one entry per tensor each.</summary>
    /// <param name="op">The kernel, for the message.</param>
    /// <param name="counts">The lists' lengths.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    static void RequireOneEntryPerTensor(string op, ReadOnlySpan<int> counts)
    {
        foreach (int count in counts)
        {
            if (count != counts[0])
            {
                throw new ArgumentException($"{op}: the lists have {string.Join(", ", counts.ToArray())} entries; one per tensor, they must match.");
            }
        }
    }
}
