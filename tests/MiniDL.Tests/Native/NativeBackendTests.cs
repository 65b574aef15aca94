using FsCheck;
using FsCheck.Fluent;
using MiniDL.Backends;
using MiniDL.Native;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Native;

/// <summary>
/// Every <see cref="IBackend"/> method of the native builds agrees with <see cref="ReferenceBackend"/> on random inputs
/// (float32 within ~1e-5 relative, float64 within ~1e-12), and bad arguments give exceptions naming the kernel.
/// CUDA cases are ignored with the reason where no CUDA build or device is present.
/// </summary>
[TestFixture]
public class NativeBackendTests
{
    private static IEnumerable<string> Native => TestBackends.Native;

    private static Gen<double> Param(UnaryOp op) => op switch
    {
        UnaryOp.PowConstant => Gen.Elements(0.5, 1.5, 2.0, 3.0, -1.0, 2.5),
        UnaryOp.LeakyRelu => Gen.Elements(0.1, 0.01, 0.3),
        UnaryOp.Elu => Generators.Value(0.1, 2),
        UnaryOp.AddConstant or UnaryOp.MultiplyConstant => Generators.Value(-2, 2),
        _ => Gen.Constant(0.0),
    };

    /// <summary>Inputs in each op's domain, kept where the derivative is moderate.</summary>
    private static Func<Random, double> Domain(UnaryOp op) => op switch
    {
        UnaryOp.Log or UnaryOp.Sqrt => r => 0.2 + 2.8 * r.NextDouble(),
        UnaryOp.PowConstant => r => 0.5 + 2.5 * r.NextDouble(),
        UnaryOp.Reciprocal => r => (r.Next(2) == 0 ? -1 : 1) * (0.5 + 2.5 * r.NextDouble()),
        UnaryOp.Sigmoid or UnaryOp.Tanh => r => -5 + 10 * r.NextDouble(),
        UnaryOp.Exp => r => -3 + 6 * r.NextDouble(),
        // Kinked ops also see exact zeros, where the header fixes the convention (relu'(0) = 0, elu'(0) = 1 …).
        UnaryOp.Abs or UnaryOp.Relu or UnaryOp.LeakyRelu or UnaryOp.Elu => r => r.Next(8) == 0 ? 0.0 : -2 + 4 * r.NextDouble(),
        _ => r => -2 + 4 * r.NextDouble(),
    };

    /// <summary>± a value in [gap, hi]: away from zero.</summary>
    private static Func<Random, double> Away(double gap, double hi)
        => r => (r.Next(2) == 0 ? -1 : 1) * (gap + (hi - gap) * r.NextDouble());

    /// <summary>
    /// The agreement property of one kernel family on backend <paramref name="name"/>: for every drawn case, a fresh
    /// <see cref="NativeAgreement"/> seeded by the case runs <paramref name="check"/> (reference and native side by side).
    /// </summary>
    private static void AgreeOnEveryCase(string name, string what, Gen<KernelCase> gen, Action<IBackend, NativeAgreement, KernelCase> check)
    {
        var backend = TestBackends.Get(name);
        Properties.Check($"{what} {name}", gen, k =>
        {
            using var h = new NativeAgreement(backend, k.Seed);
            check(backend, h, k);
        });
    }

    // ---- memory ----

    [TestCaseSource(nameof(Native))]
    public void UploadDownload_RandomValues_RoundTripExactly(string name)
    {
        var backend = TestBackends.Get(name);
        Properties.Check($"upload/download {name}", KernelCase.Gen(20), k =>
        {
            var rng = new Random(k.Seed);
            var v = Enumerable.Range(0, (int)k.Length).Select(_ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-5, 6))).ToArray();
            using var s = backend.Allocate(v.Length);
            backend.Upload(v, s);
            var back = new double[v.Length];
            backend.Download(s, back);
            var expected = backend.DType == DType.Float32 ? v.Select(x => (double)(float)x).ToArray() : v;
            Assert.That(back, Is.EqualTo(expected), $"double round trip {k}");

            var f = v.Select(x => (float)x).ToArray();
            backend.Upload(f, s);
            backend.Download(s, back);
            Assert.That(back, Is.EqualTo(f.Select(x => (double)x).ToArray()), $"float round trip {k}");
        });
    }

    /// <summary>A gather case: a source of k.Rows + 3 rows of k.Cols values over 11 decades, and k.Rows row indices (with repeats).</summary>
    private static (double[] Source, int SourceRows, int Columns, int[] Rows) RowsCase(KernelCase k)
    {
        var rng = new Random(k.Seed);
        int sourceRows = k.Rows + 3, columns = k.Cols;
        var source = Enumerable.Range(0, sourceRows * columns).Select(_ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-5, 6))).ToArray();
        var rows = Enumerable.Range(0, k.Rows).Select(_ => rng.Next(sourceRows)).ToArray();
        return (source, sourceRows, columns, rows);
    }

    [TestCaseSource(nameof(Native))]
    public void UploadRows_RandomRowsWithRepeats_EqualsTheReferenceGather(string name)
    {
        var backend = TestBackends.Get(name);
        Properties.Check($"upload rows {name}", KernelCase.Gen(20), k =>
        {
            var (source, sourceRows, columns, rows) = RowsCase(k);
            using var expected = NativeAgreement.Reference.Allocate(rows.Length * columns);
            NativeAgreement.Reference.UploadRows(source, columns, rows, expected);
            using var s = backend.Allocate(rows.Length * columns);
            backend.UploadRows(source, columns, rows, s);
            var back = new double[rows.Length * columns];
            backend.Download(s, back);
            var want = new double[back.Length];
            NativeAgreement.Reference.Download(expected, want);
            if (backend.DType == DType.Float32)
            {
                want = [.. want.Select(x => (double)(float)x)];
            }

            Assert.That(back, Is.EqualTo(want), $"rows [{string.Join(", ", rows)}] of {sourceRows}×{columns}");
        });
    }

    [TestCaseSource(nameof(Native))]
    public void GatherRows_RandomRowsWithRepeats_EqualsTheReferenceGather(string name)
    {
        var backend = TestBackends.Get(name);
        Properties.Check($"gather rows {name}", KernelCase.Gen(20), k =>
        {
            var (source, sourceRows, columns, rows) = RowsCase(k);
            using var kept = Stored(backend, source);
            using var gathered = backend.Allocate(rows.Length * columns);
            backend.GatherRows(kept, columns, rows, gathered);
            using var uploaded = backend.Allocate(rows.Length * columns);
            backend.UploadRows(source, columns, rows, uploaded);
            Assert.That(Read(backend, gathered), Is.EqualTo(Read(backend, uploaded)), $"rows [{string.Join(", ", rows)}] of {sourceRows}×{columns}");
        });
    }

    [TestCaseSource(nameof(Native))]
    public void GatherRows_BadArguments_ThrowNamingTheProblem(string name)
    {
        var backend = TestBackends.Get(name);
        using var source = backend.Allocate(9);                                // 3 rows of 3
        using var destination = backend.Allocate(6);
        Assert.Multiple(() =>
        {
            Assert.That(() => backend.GatherRows(source, 3, [0, 3], destination),
                Throws.ArgumentException.With.Message.Contain("gather rows").And.Message.Contain("row 3 is outside the source's 3 rows"));
            Assert.That(() => backend.GatherRows(source, 3, [0], destination),
                Throws.ArgumentException.With.Message.Contain("gather rows").And.Message.Contain("'destination' has 6 elements, the shape needs 3"));
            Assert.That(() => backend.GatherRows(source, 2, [0, 1, 2], destination),
                Throws.ArgumentException.With.Message.Contain("not whole rows of 2 columns"));
            Assert.That(() => backend.GatherRows(source, 3, [0, 1, 2], source),
                Throws.ArgumentException.With.Message.Contain("the destination is the source buffer"));
        });
    }

    [TestCaseSource(nameof(Native))]
    public void UploadRows_RowOutsideTheSource_ThrowsNamingTheRow(string name)
    {
        var backend = TestBackends.Get(name);
        using var s = backend.Allocate(6);
        var ex = Assert.Throws<ArgumentException>(() => backend.UploadRows(new double[9], 3, [0, 3], s));
        Assert.That(ex!.Message, Does.Contain("upload rows").And.Contain("row 3 is outside the source's 3 rows"));
    }

    // ---- the deferred zero fill (NativeBackend.WriteZeros): Fill(x, 0) is written by the first kernel that reads x ----

    /// <summary>A buffer holding NaN everywhere, then filled with 0: whatever a kernel does next must see zeros.</summary>
    private static Storage ZeroedOverNaN(IBackend backend, long length)
    {
        var s = backend.Allocate(length);
        backend.Fill(s, double.NaN);
        backend.Fill(s, 0.0);
        return s;
    }

    /// <summary>A new buffer holding <paramref name="values"/>.</summary>
    private static Storage Stored(IBackend backend, double[] values)
    {
        var s = backend.Allocate(values.Length);
        backend.Upload(values, s);
        return s;
    }

    /// <summary>The buffer's contents, read back.</summary>
    private static double[] Read(IBackend backend, Storage s)
    {
        var v = new double[s.Length];
        backend.Download(s, v);
        return v;
    }

    [TestCaseSource(nameof(Native))]
    public void Fill_ZeroOverNaNThenDownload_ReadsZeros(string name)
    {
        var backend = TestBackends.Get(name);
        using var s = ZeroedOverNaN(backend, 1000);
        Assert.That(Read(backend, s), Is.All.EqualTo(0.0));
    }

    [TestCaseSource(nameof(Native))]
    public void Fill_ZeroThenNonZero_HoldsTheLastValue(string name)
    {
        var backend = TestBackends.Get(name);
        using var s = ZeroedOverNaN(backend, 300);
        backend.Fill(s, 2.5);
        Assert.That(Read(backend, s), Is.All.EqualTo(2.5));
    }

    [TestCaseSource(nameof(Native))]
    public void Gemm_AccumulatingIntoZeroFilledNaNBuffer_EqualsTheProductAlone(string name)
    {
        // dW += Xᵀ dZ right after backpropagation zeroed dW: the result must be Xᵀ dZ, with no NaN from the old contents.
        var backend = TestBackends.Get(name);
        var rng = new Random(11);
        int m = 37, n = 29, k = 41;
        var a = Enumerable.Range(0, m * k).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        using var an = Stored(backend, a);
        using var bn = Stored(backend, b);
        using var accumulated = ZeroedOverNaN(backend, m * n);
        backend.Gemm(false, false, m, n, k, 1.5, an, bn, 1.0, accumulated);
        backend.Gemm(false, false, m, n, k, 1.5, an, bn, 1.0, accumulated); // a second product adds (the copy rule)
        using var once = backend.Allocate(m * n);
        backend.Gemm(false, false, m, n, k, 1.5, an, bn, 0.0, once);
        Assert.That(Read(backend, accumulated), Is.EqualTo(Read(backend, once).Select(w => 2 * w).ToArray()).Within(1e-5).Percent);
    }

    [TestCaseSource(nameof(Native))]
    public void ColumnRowSumsAndSum_IntoZeroFilledNaNBuffer_EqualTheSumsAlone(string name)
    {
        var backend = TestBackends.Get(name);
        using var xn = Stored(backend, [1, 2, 3, 4, 5, 6]);                  // 2×3
        using var columns = ZeroedOverNaN(backend, 3);
        using var rows = ZeroedOverNaN(backend, 2);
        using var total = ZeroedOverNaN(backend, 1);
        backend.ColumnSums(2, 3, xn, 1.0, columns);
        backend.RowSums(2, 3, xn, 1.0, rows);
        backend.Sum(xn, 1.0, total);
        Assert.Multiple(() =>
        {
            Assert.That(Read(backend, columns), Is.EqualTo(new double[] { 5, 7, 9 }));
            Assert.That(Read(backend, rows), Is.EqualTo(new double[] { 6, 15 }));
            Assert.That(Read(backend, total), Is.EqualTo(new double[] { 21 }));
        });
    }

    [TestCaseSource(nameof(Native))]
    public void Axpy_IntoZeroFilledNaNBuffer_EqualsAlphaX(string name)
    {
        var backend = TestBackends.Get(name);
        double[] x = [1, -2, 0.5, 8];
        using var xn = Stored(backend, x);
        foreach (double alpha in new[] { 1.0, -0.5 })
        {
            using var y = ZeroedOverNaN(backend, 4);
            backend.Axpy(alpha, xn, y);
            Assert.That(Read(backend, y), Is.EqualTo(x.Select(e => alpha * e).ToArray()), $"alpha {alpha}");
        }
    }

    [TestCaseSource(nameof(Native))]
    public void Gemm_WrongShapeIntoZeroFilledBuffer_ThrowsAndTheBufferStaysZero(string name)
    {
        var backend = TestBackends.Get(name);
        using var a = backend.Allocate(6);
        using var b = backend.Allocate(5);                                     // 3×2 would need 6
        using var c = ZeroedOverNaN(backend, 4);
        var ex = Assert.Throws<ArgumentException>(() => backend.Gemm(false, false, 2, 2, 3, 1.0, a, b, 1.0, c));
        Assert.That(ex!.Message, Does.Contain("gemm").And.Contain("'b' has 5 elements"));
        Assert.That(Read(backend, c), Is.All.EqualTo(0.0));
    }

    [TestCaseSource(nameof(Native))]
    public void MapBackward_IntoZeroFilledNaNBuffer_EqualsTheDerivativeTerm(string name)
    {
        // A kernel that adds without a beta (dx += dy ⊙ f′) writes the pending zeros first.
        var backend = TestBackends.Get(name);
        using var xn = Stored(backend, [-1, 2, -3, 4]);
        using var dyn = Stored(backend, [10, 20, 30, 40]);
        using var y = backend.Allocate(4);
        backend.Map(UnaryOp.Relu, xn, y);
        using var dx = ZeroedOverNaN(backend, 4);
        backend.MapBackward(UnaryOp.Relu, xn, y, dyn, dx);
        Assert.That(Read(backend, dx), Is.EqualTo(new double[] { 0, 20, 0, 40 }));
    }

    [TestCaseSource(nameof(Native))]
    public void Allocate_NewBuffer_IsZeroFilled(string name)
    {
        var backend = TestBackends.Get(name);
        using var s = backend.Allocate(1000);
        var v = new double[1000];
        Array.Fill(v, 1.0);
        backend.Download(s, v);
        Assert.That(v, Is.All.EqualTo(0.0));
    }

    [TestCaseSource(nameof(Native))]
    public void CopyFillScaleAxpy_RandomVectors_MatchReference(string name)
        => AgreeOnEveryCase(name, "copy/fill/scale/axpy", KernelCase.Gen(p: Generators.Value(-3, 3)), (backend, h, k) =>
        {
            var x = h.Uniform(k.Length, -2, 2);
            var y = h.Uniform(k.Length, -2, 2);
            NativeAgreement.Reference.Axpy(k.P, x.R, y.R);
            backend.Axpy(k.P, x.N, y.N);
            h.AssertClose($"axpy {k}", y);

            NativeAgreement.Reference.Scale(k.P, y.R);
            backend.Scale(k.P, y.N);
            h.AssertClose($"scale {k}", y);

            var c = h.Uniform(k.Length, 5, 6);
            NativeAgreement.Reference.Copy(y.R, c.R);
            backend.Copy(y.N, c.N);
            h.AssertClose($"copy {k}", c);

            NativeAgreement.Reference.Fill(c.R, h.Round(k.P));
            backend.Fill(c.N, k.P);
            h.AssertClose($"fill {k}", c);
        });

    // ---- map / zip ----

    [Test]
    public void Map_EveryUnaryOp_MatchesReference(
        [ValueSource(typeof(TestBackends), nameof(TestBackends.Native))] string name, [Values] UnaryOp op)
        => AgreeOnEveryCase(name, $"map {op}", KernelCase.Gen(p: Param(op)), (backend, h, k) =>
        {
            var x = h.Draw(k.Length, Domain(op));
            var y = h.Uniform(k.Length, 7, 8);
            NativeAgreement.Reference.Map(op, x.R, y.R, k.P);
            backend.Map(op, x.N, y.N, k.P);
            h.AssertClose($"map {op} {k}", y);

            // In place (y may equal x).
            NativeAgreement.Reference.Map(op, x.R, x.R, k.P);
            backend.Map(op, x.N, x.N, k.P);
            h.AssertClose($"map {op} in place {k}", x);
        });

    [Test]
    public void MapBackward_EveryUnaryOp_MatchesReference(
        [ValueSource(typeof(TestBackends), nameof(TestBackends.Native))] string name, [Values] UnaryOp op)
        => AgreeOnEveryCase(name, $"map_backward {op}", KernelCase.Gen(p: Param(op)), (backend, h, k) =>
        {
            var xv = new double[k.Length];
            var draw = Domain(op);
            for (int i = 0; i < xv.Length; i++)
            {
                xv[i] = h.Round(draw(h.Rng));
            }

            var x = h.From(xv);
            var y = h.From(xv.Select(v => ReferenceBackend.Apply(op, v, k.P)).ToArray());
            var dy = h.Uniform(k.Length, -2, 2);
            var dx = h.Uniform(k.Length, -1, 1);
            NativeAgreement.Reference.MapBackward(op, x.R, y.R, dy.R, dx.R, k.P);
            backend.MapBackward(op, x.N, y.N, dy.N, dx.N, k.P);
            h.AssertClose($"map_backward {op} {k}", dx);
        });

    private static Func<Random, double> Operand(BinaryOp op, bool second)
        => op == BinaryOp.Divide && second ? Away(0.5, 2.5) : r => -2 + 4 * r.NextDouble();

    [Test]
    public void Zip_EveryBinaryOp_MatchesReference(
        [ValueSource(typeof(TestBackends), nameof(TestBackends.Native))] string name, [Values] BinaryOp op)
        => AgreeOnEveryCase(name, $"zip {op}", KernelCase.Gen(), (backend, h, k) =>
        {
            var (a, b) = Operands(h, op, k.Length);
            var c = h.Uniform(k.Length, 7, 8);
            NativeAgreement.Reference.Zip(op, a.R, b.R, c.R);
            backend.Zip(op, a.N, b.N, c.N);
            h.AssertClose($"zip {op} {k}", c);

            var da = h.Uniform(k.Length, -1, 1);
            var db = h.Uniform(k.Length, -1, 1);
            var dc = h.Uniform(k.Length, -2, 2);
            NativeAgreement.Reference.ZipBackward(op, a.R, b.R, dc.R, da.R, db.R);
            backend.ZipBackward(op, a.N, b.N, dc.N, da.N, db.N);
            h.AssertClose($"zip_backward {op} da {k}", da);
            h.AssertClose($"zip_backward {op} db {k}", db);

            // Either gradient may be absent.
            NativeAgreement.Reference.ZipBackward(op, a.R, b.R, dc.R, null, db.R);
            backend.ZipBackward(op, a.N, b.N, dc.N, null, db.N);
            h.AssertClose($"zip_backward {op} db only {k}", db);
            NativeAgreement.Reference.ZipBackward(op, a.R, b.R, dc.R, da.R, null);
            backend.ZipBackward(op, a.N, b.N, dc.N, da.N, null);
            h.AssertClose($"zip_backward {op} da only {k}", da);
        });

    /// <summary>a and b; for Max some b equal a exactly (ties go to a).</summary>
    private static (NativeAgreement.Pair A, NativeAgreement.Pair B) Operands(NativeAgreement h, BinaryOp op, long n)
    {
        var a = h.Draw(n, Operand(op, false));
        if (op != BinaryOp.Max)
        {
            return (a, h.Draw(n, Operand(op, true)));
        }

        var bv = new double[n];
        for (int i = 0; i < n; i++)
        {
            bv[i] = h.Rng.Next(4) == 0 ? a.Values[i] : -2 + 4 * h.Rng.NextDouble();
        }

        return (a, h.From(bv));
    }

    [Test]
    public void ZipRowAndColumn_EveryBinaryOp_MatchReference(
        [ValueSource(typeof(TestBackends), nameof(TestBackends.Native))] string name, [Values] BinaryOp op)
        => AgreeOnEveryCase(name, $"zip_row_broadcast/col {op}", KernelCase.Gen(), (backend, h, k) =>
        {
            var x = h.Draw(k.Length, Operand(op, false));
            var r = h.Draw(k.Cols, Operand(op, true));
            var c = h.Draw(k.Rows, Operand(op, true));
            var y = h.Uniform(k.Length, 7, 8);
            NativeAgreement.Reference.ZipRowBroadcast(op, k.Rows, k.Cols, x.R, r.R, y.R);
            backend.ZipRowBroadcast(op, k.Rows, k.Cols, x.N, r.N, y.N);
            h.AssertClose($"zip_row_broadcast {op} {k}", y);
            NativeAgreement.Reference.ZipColumnBroadcast(op, k.Rows, k.Cols, x.R, c.R, y.R);
            backend.ZipColumnBroadcast(op, k.Rows, k.Cols, x.N, c.N, y.N);
            h.AssertClose($"zip_column_broadcast {op} {k}", y);

            var dy = h.Uniform(k.Length, -2, 2);
            var dx = h.Uniform(k.Length, -1, 1);
            var dr = h.Uniform(k.Cols, -1, 1);
            var dc = h.Uniform(k.Rows, -1, 1);
            NativeAgreement.Reference.ZipRowBroadcastBackward(op, k.Rows, k.Cols, x.R, r.R, dy.R, dx.R, dr.R);
            backend.ZipRowBroadcastBackward(op, k.Rows, k.Cols, x.N, r.N, dy.N, dx.N, dr.N);
            h.AssertClose($"zip_row_broadcast_backward {op} dx {k}", dx);
            h.AssertClose($"zip_row_broadcast_backward {op} dr {k}", dr, scale: k.Rows);
            NativeAgreement.Reference.ZipColumnBroadcastBackward(op, k.Rows, k.Cols, x.R, c.R, dy.R, dx.R, dc.R);
            backend.ZipColumnBroadcastBackward(op, k.Rows, k.Cols, x.N, c.N, dy.N, dx.N, dc.N);
            h.AssertClose($"zip_column_broadcast_backward {op} dx {k}", dx);
            h.AssertClose($"zip_column_broadcast_backward {op} dc {k}", dc, scale: k.Cols);

            NativeAgreement.Reference.ZipRowBroadcastBackward(op, k.Rows, k.Cols, x.R, r.R, dy.R, null, dr.R);
            backend.ZipRowBroadcastBackward(op, k.Rows, k.Cols, x.N, r.N, dy.N, null, dr.N);
            h.AssertClose($"zip_row_broadcast_backward {op} dr only {k}", dr, scale: k.Rows);
            NativeAgreement.Reference.ZipColumnBroadcastBackward(op, k.Rows, k.Cols, x.R, c.R, dy.R, dx.R, null);
            backend.ZipColumnBroadcastBackward(op, k.Rows, k.Cols, x.N, c.N, dy.N, dx.N, null);
            h.AssertClose($"zip_column_broadcast_backward {op} dx only {k}", dx);
        });

    // ---- bias and reductions ----

    [Test]
    public void AddBias_EveryActivation_MatchesReference(
        [ValueSource(typeof(TestBackends), nameof(TestBackends.Native))] string name, [Values] UnaryOp activation)
        => AgreeOnEveryCase(name, $"add_bias {activation}", KernelCase.Gen(p: Param(activation)), (backend, h, k) =>
        {
            // x + b must land in the activation's domain: draw b in it and x small and non-negative.
            var draw = Domain(activation);
            var x = h.Uniform(k.Length, 0, 0.1);
            var b = h.Draw(k.Cols, draw);
            var y = h.Uniform(k.Length, 7, 8);
            NativeAgreement.Reference.AddBias(activation, k.Rows, k.Cols, x.R, b.R, y.R, k.P);
            backend.AddBias(activation, k.Rows, k.Cols, x.N, b.N, y.N, k.P);
            h.AssertClose($"add_bias {activation} {k}", y);
            NativeAgreement.Reference.AddBias(activation, k.Rows, k.Cols, x.R, b.R, x.R, k.P);
            backend.AddBias(activation, k.Rows, k.Cols, x.N, b.N, x.N, k.P);
            h.AssertClose($"add_bias {activation} in place {k}", x);
        });

    [TestCaseSource(nameof(Native))]
    public void Sums_RandomMatrices_MatchReference(string name)
        => AgreeOnEveryCase(name, "sums", KernelCase.Gen(40, Gen.Elements(0.0, 1.0, 0.5, -2.0)), (backend, h, k) =>
        {
            var x = h.Uniform(k.Length, -2, 2);
            var rows = h.Uniform(k.Cols, -1, 1);
            var cols = h.Uniform(k.Rows, -1, 1);
            var total = h.Uniform(1, -1, 1);
            NativeAgreement.Reference.ColumnSums(k.Rows, k.Cols, x.R, k.P, rows.R);
            backend.ColumnSums(k.Rows, k.Cols, x.N, k.P, rows.N);
            h.AssertClose($"column_sums {k}", rows, scale: 2 * k.Rows);
            NativeAgreement.Reference.RowSums(k.Rows, k.Cols, x.R, k.P, cols.R);
            backend.RowSums(k.Rows, k.Cols, x.N, k.P, cols.N);
            h.AssertClose($"row_sums {k}", cols, scale: 2 * k.Cols);
            NativeAgreement.Reference.Sum(x.R, k.P, total.R);
            backend.Sum(x.N, k.P, total.N);
            h.AssertClose($"sum {k}", total, scale: 2 * k.Length);
        });

    [TestCaseSource(nameof(Native))]
    public void ColumnSums_BetaZero_IgnoresNaNInOutput(string name)
    {
        var backend = TestBackends.Get(name);
        using var h = new NativeAgreement(backend, 1);
        var x = h.Uniform(6, -1, 1);
        var y = h.From([double.NaN, double.NaN, double.NaN]);
        NativeAgreement.Reference.ColumnSums(2, 3, x.R, 0, y.R);
        backend.ColumnSums(2, 3, x.N, 0, y.N);
        h.AssertClose("column_sums beta=0 over NaN", y);
    }

    // ---- matrix products ----

    [Test]
    public void Gemm_AllTransposeCombinations_MatchReference(
        [ValueSource(typeof(TestBackends), nameof(TestBackends.Native))] string name, [Values] bool transposeA, [Values] bool transposeB)
    {
        var backend = TestBackends.Get(name);
        var gen = from m in Gen.Choose(1, 40)
                  from n in Gen.Choose(1, 40)
                  from k in Gen.Choose(1, 40)
                  from alpha in Gen.Elements(1.0, -0.5, 2.0, 0.0)
                  from beta in Gen.Elements(0.0, 1.0, 0.5, -1.0)
                  from seed in Gen.Choose(0, 1_000_000_000)
                  select (m, n, k, alpha, beta, seed);
        Properties.Check($"gemm {(transposeA ? "T" : "N")}{(transposeB ? "T" : "N")} {name}", gen, g =>
        {
            var (m, n, k, alpha, beta, seed) = g;
            using var h = new NativeAgreement(backend, seed);
            var a = h.Uniform((long)m * k, -2, 2);
            var b = h.Uniform((long)k * n, -2, 2);
            var c = beta == 0 ? h.From(Enumerable.Repeat(double.NaN, m * n).ToArray()) : h.Uniform((long)m * n, -2, 2);

            // |alpha| |op(A)| |op(B)| + |beta| |C|: the scale of the rounding error of each element.
            var magnitude = new double[m * n];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int p = 0; p < k; p++)
                    {
                        double aip = transposeA ? a.Values[p * m + i] : a.Values[i * k + p];
                        double bpj = transposeB ? b.Values[j * k + p] : b.Values[p * n + j];
                        s += Math.Abs(aip * bpj);
                    }

                    magnitude[i * n + j] = Math.Abs(alpha) * s + (beta == 0 ? 0 : Math.Abs(beta * c.Values[i * n + j]));
                }
            }

            NativeAgreement.Reference.Gemm(transposeA, transposeB, m, n, k, alpha, a.R, b.R, beta, c.R);
            backend.Gemm(transposeA, transposeB, m, n, k, alpha, a.N, b.N, beta, c.N);
            h.AssertClose($"gemm m={m} n={n} k={k} alpha={alpha} beta={beta} seed={seed}", c, scale: 1, magnitude: magnitude);
        });
    }

    [TestCaseSource(nameof(Native))]
    public void Transpose_RandomMatrices_MatchesReferenceExactly(string name)
        => AgreeOnEveryCase(name, "transpose", KernelCase.Gen(40), (backend, h, k) =>
        {
            var x = h.Uniform(k.Length, -2, 2);
            var y = h.Uniform(k.Length, 7, 8);
            NativeAgreement.Reference.Transpose(k.Rows, k.Cols, x.R, y.R);
            backend.Transpose(k.Rows, k.Cols, x.N, y.N);
            Assert.That(h.NativeValues(y), Is.EqualTo(NativeAgreement.ReferenceValues(y)), $"transpose {k}");
        });

    // ---- softmax and the loss ----

    [TestCaseSource(nameof(Native))]
    public void SoftmaxAndLogSoftmax_RandomLogits_MatchReference(string name)
        => AgreeOnEveryCase(name, "softmax", KernelCase.Gen(p: Gen.Elements(1.0, 10.0, 50.0)), (backend, h, k) =>
        {
            var x = h.Uniform(k.Length, -k.P, k.P);
            var y = h.Uniform(k.Length, 7, 8);
            var ly = h.Uniform(k.Length, 7, 8);
            NativeAgreement.Reference.Softmax(k.Rows, k.Cols, x.R, y.R);
            backend.Softmax(k.Rows, k.Cols, x.N, y.N);
            h.AssertClose($"softmax {k}", y);
            NativeAgreement.Reference.LogSoftmax(k.Rows, k.Cols, x.R, ly.R);
            backend.LogSoftmax(k.Rows, k.Cols, x.N, ly.N);
            h.AssertClose($"log_softmax {k}", ly, scale: 1 + k.P);
        });

    [TestCaseSource(nameof(Native))]
    public void SoftmaxBackwards_RandomInputs_MatchReference(string name)
        => AgreeOnEveryCase(name, "softmax backward", KernelCase.Gen(), (backend, h, k) =>
        {
            var x = h.Uniform(k.Length, -3, 3);
            var y = h.Uniform(k.Length, 0, 1);
            var ly = h.Uniform(k.Length, 0, 1);
            NativeAgreement.Reference.Softmax(k.Rows, k.Cols, x.R, y.R);
            NativeAgreement.Reference.LogSoftmax(k.Rows, k.Cols, x.R, ly.R);
            // The forward outputs, as the backend would hold them.
            y = h.From(NativeAgreement.ReferenceValues(y));
            ly = h.From(NativeAgreement.ReferenceValues(ly));
            var dy = h.Uniform(k.Length, -2, 2);
            var dx = h.Uniform(k.Length, -1, 1);
            NativeAgreement.Reference.SoftmaxBackward(k.Rows, k.Cols, y.R, dy.R, dx.R);
            backend.SoftmaxBackward(k.Rows, k.Cols, y.N, dy.N, dx.N);
            h.AssertClose($"softmax_backward {k}", dx, scale: 2);
            NativeAgreement.Reference.LogSoftmaxBackward(k.Rows, k.Cols, ly.R, dy.R, dx.R);
            backend.LogSoftmaxBackward(k.Rows, k.Cols, ly.N, dy.N, dx.N);
            h.AssertClose($"log_softmax_backward {k}", dx, scale: 2 * k.Cols);
        });

    [TestCaseSource(nameof(Native))]
    public void SoftmaxCrossEntropy_SoftAndOneHotTargets_MatchesReference(string name)
        => AgreeOnEveryCase(name, "softmax_xent", KernelCase.Gen(p: Gen.Elements(0.0, 1.0)), (backend, h, k) =>
        {
            bool oneHot = k.P == 1.0;
            var logits = h.Uniform(k.Length, -5, 5);
            var tv = new double[k.Length];
            for (int i = 0; i < k.Rows; i++)
            {
                if (oneHot)
                {
                    tv[i * k.Cols + h.Rng.Next(k.Cols)] = 1;
                }
                else
                {
                    for (int j = 0; j < k.Cols; j++)
                    {
                        tv[i * k.Cols + j] = h.Rng.NextDouble();
                    }
                }
            }

            var t = h.From(tv);
            var probs = h.Uniform(k.Length, 7, 8);
            var loss = h.Uniform(k.Rows, 7, 8);
            NativeAgreement.Reference.SoftmaxCrossEntropy(k.Rows, k.Cols, logits.R, t.R, probs.R, loss.R);
            backend.SoftmaxCrossEntropy(k.Rows, k.Cols, logits.N, t.N, probs.N, loss.N);
            h.AssertClose($"softmax_xent probs {k}", probs);
            h.AssertClose($"softmax_xent loss {k}", loss, scale: 10 * k.Cols);

            // Without probs.
            var loss2 = h.Uniform(k.Rows, 7, 8);
            NativeAgreement.Reference.SoftmaxCrossEntropy(k.Rows, k.Cols, logits.R, t.R, null, loss2.R);
            backend.SoftmaxCrossEntropy(k.Rows, k.Cols, logits.N, t.N, null, loss2.N);
            h.AssertClose($"softmax_xent loss without probs {k}", loss2, scale: 10 * k.Cols);

            var p = h.From(NativeAgreement.ReferenceValues(probs));
            var dloss = h.Uniform(k.Rows, -2, 2);
            var dz = h.Uniform(k.Length, -1, 1);
            NativeAgreement.Reference.SoftmaxCrossEntropyBackward(k.Rows, k.Cols, p.R, t.R, dloss.R, dz.R);
            backend.SoftmaxCrossEntropyBackward(k.Rows, k.Cols, p.N, t.N, dloss.N, dz.N);
            h.AssertClose($"softmax_xent_backward {k}", dz, scale: 2 * k.Cols);
        });

    // ---- dropout and optimizers ----

    [TestCaseSource(nameof(Native))]
    public void DropoutMask_AnySeed_IsTheReferenceMask(string name)
    {
        var backend = TestBackends.Get(name);
        var gen = from n in Gen.Choose(1, 600)
                  from p in Gen.Elements(0.0, 0.1, 0.5, 0.9, 0.25)
                  from hi in Gen.Choose(0, int.MaxValue - 1)
                  from lo in Gen.Choose(0, int.MaxValue - 1)
                  select (n, p, seed: ((ulong)(uint)hi << 33) ^ (ulong)(uint)lo);
        Properties.Check($"dropout_mask {name}", gen, g =>
        {
            using var mask = backend.Allocate(g.n);
            backend.DropoutMask(g.p, g.seed, mask);
            var actual = new double[g.n];
            backend.Download(mask, actual);
            for (int i = 0; i < g.n; i++)
            {
                bool keep = ReferenceBackend.DropoutUniform(g.seed, i) >= g.p;
                double keepValue = 1.0 / (1.0 - g.p);
                double expected = keep ? (backend.DType == DType.Float32 ? (float)keepValue : keepValue) : 0.0;
                if (actual[i] != expected)
                {
                    Assert.Fail($"dropout_mask n={g.n} p={g.p} seed={g.seed}: element {i} is {actual[i]:R}, the reference mask has {expected:R}.");
                }
            }
        });
    }

    [TestCaseSource(nameof(Native))]
    public void OptimizerSteps_RandomState_MatchReference(string name)
    {
        var backend = TestBackends.Get(name);
        var gen = from n in Gen.Choose(1, 300)
                  from lr in Gen.Elements(0.1, 0.01, 1e-3)
                  from beta in Gen.Elements(0.0, 0.9, 0.5)
                  from t in Gen.Choose(1, 20)
                  from seed in Gen.Choose(0, 1_000_000_000)
                  select (n, lr, beta, t, seed);
        Properties.Check($"sgd/momentum/adam {name}", gen, g =>
        {
            using var h = new NativeAgreement(backend, g.seed);
            var grad = h.Uniform(g.n, -2, 2);
            var w = h.Uniform(g.n, -2, 2);
            NativeAgreement.Reference.SgdStep(g.lr, grad.R, w.R);
            backend.SgdStep(g.lr, grad.N, w.N);
            h.AssertClose($"sgd_step {g}", w);

            var v = h.Uniform(g.n, -1, 1);
            NativeAgreement.Reference.MomentumStep(g.lr, g.beta, grad.R, v.R, w.R);
            backend.MomentumStep(g.lr, g.beta, grad.N, v.N, w.N);
            h.AssertClose($"momentum_step v {g}", v);
            h.AssertClose($"momentum_step w {g}", w);

            var m = h.Uniform(g.n, -1, 1);
            var s = h.Uniform(g.n, 0, 1);
            NativeAgreement.Reference.AdamStep(g.lr, 0.9, 0.999, 1e-8, g.t, grad.R, m.R, s.R, w.R);
            backend.AdamStep(g.lr, 0.9, 0.999, 1e-8, g.t, grad.N, m.N, s.N, w.N);
            h.AssertClose($"adam_step m {g}", m);
            h.AssertClose($"adam_step v {g}", s);
            h.AssertClose($"adam_step w {g}", w, scale: 10);
        });
    }

    [TestCaseSource(nameof(Native))]
    public void AdamStepMulti_ThreeTensors_MatchesOneStepEach(string name)
    {
        var backend = TestBackends.Get(name);
        if (backend is not NativeBackend nb)
        {
            Assert.Fail($"{name} is not a NativeBackend");
            return;
        }

        using var h = new NativeAgreement(backend, 42);
        int[] lengths = [5, 1, 17];
        var g = lengths.Select(n => h.Uniform(n, -2, 2)).ToArray();
        var m = lengths.Select(n => h.Uniform(n, -1, 1)).ToArray();
        var v = lengths.Select(n => h.Uniform(n, 0, 1)).ToArray();
        var w = lengths.Select(n => h.Uniform(n, -2, 2)).ToArray();
        for (int i = 0; i < lengths.Length; i++)
        {
            NativeAgreement.Reference.AdamStep(0.01, 0.9, 0.999, 1e-8, 3, g[i].R, m[i].R, v[i].R, w[i].R);
        }

        nb.AdamStepMulti(0.01, 0.9, 0.999, 1e-8, 3, g.Select(p => p.N).ToList(), m.Select(p => p.N).ToList(),
            v.Select(p => p.N).ToList(), w.Select(p => p.N).ToList());
        for (int i = 0; i < lengths.Length; i++)
        {
            h.AssertClose($"adam_step_multi m[{i}]", m[i]);
            h.AssertClose($"adam_step_multi v[{i}]", v[i]);
            h.AssertClose($"adam_step_multi w[{i}]", w[i], scale: 10);
        }
    }

    // ---- zero-length calls ----

    [TestCaseSource(nameof(Native))]
    public void Kernels_ZeroRows_SucceedAndTouchNothing(string name)
    {
        var backend = TestBackends.Get(name);
        using var empty = backend.Allocate(0);
        using var r = backend.Allocate(3);
        using var loss = backend.Allocate(0);
        backend.Fill(r, 5);
        backend.Map(UnaryOp.Exp, empty, empty);
        backend.ZipRowBroadcast(BinaryOp.Add, 0, 3, empty, r, empty);
        backend.ColumnSums(0, 3, empty, 1.0, r);
        backend.Softmax(0, 3, empty, empty);
        backend.SoftmaxCrossEntropy(0, 3, empty, empty, null, loss);
        backend.Gemm(false, false, 0, 3, 0, 1, empty, empty, 0, empty);
        backend.Upload(ReadOnlySpan<double>.Empty, empty);
        backend.Download(empty, Span<double>.Empty);
        backend.Synchronize();
        var values = new double[3];
        backend.Download(r, values);
        Assert.That(values, Is.EqualTo(new[] { 5.0, 5.0, 5.0 }), "column_sums over zero rows with beta 1 keeps y");
    }

    // ---- errors ----

    [TestCaseSource(nameof(Native))]
    public void Map_WrongLength_ThrowsArgumentExceptionNamingKernelBufferAndLengths(string name)
    {
        var backend = TestBackends.Get(name);
        using var x = backend.Allocate(6);
        using var y = backend.Allocate(5);
        var e = Assert.Throws<ArgumentException>(() => backend.Map(UnaryOp.Exp, x, y))!;
        Assert.That(e.Message, Does.Contain("map").And.Contain("'y'").And.Contain("5").And.Contain("6"));
    }

    [TestCaseSource(nameof(Native))]
    public void Kernels_NegativeSize_ThrowArgumentExceptionNamingKernel(string name)
    {
        var backend = TestBackends.Get(name);
        using var x = backend.Allocate(6);
        Assert.Multiple(() =>
        {
            Assert.That(() => backend.ZipRowBroadcast(BinaryOp.Add, -1, 6, x, x, x), Throws.ArgumentException.With.Message.Contains("zip_row_broadcast"));
            Assert.That(() => backend.Softmax(2, -3, x, x), Throws.ArgumentException.With.Message.Contains("softmax"));
            Assert.That(() => backend.Gemm(false, false, -1, 2, 3, 1, x, x, 0, x), Throws.ArgumentException.With.Message.Contains("gemm"));
            Assert.That(() => backend.Allocate(-1), Throws.ArgumentException.With.Message.Contains("allocate"));
            Assert.That(() => backend.DropoutMask(1.0, 1, x), Throws.ArgumentException.With.Message.Contains("dropout_mask"));
            Assert.That(() => backend.AdamStep(0.1, 0.9, 0.999, 1e-8, 0, x, x, x, x), Throws.ArgumentException.With.Message.Contains("adam_step"));
        });
    }

    [TestCaseSource(nameof(Native))]
    public void Map_UnknownOp_LibraryMessageBecomesArgumentException(string name)
    {
        // The C# side passes the enum through; the library refuses it and Check turns its message into the exception.
        var backend = TestBackends.Get(name);
        using var x = backend.Allocate(4);
        var e = Assert.Throws<ArgumentException>(() => backend.Map((UnaryOp)99, x, x))!;
        Assert.That(e.Message, Does.Contain("mdl_map").And.Contain("99"));
    }

    [TestCaseSource(nameof(Native))]
    public void Allocate_ImpossibleSize_ThrowsNativeExceptionOutOfMemory(string name)
    {
        var backend = TestBackends.Get(name);
        var e = Assert.Throws<NativeException>(() => backend.Allocate(long.MaxValue / 16))!;
        Assert.That(e.Status, Is.EqualTo(NativeStatus.OutOfMemory));
        Assert.That(e.Message, Does.Contain("mdl_alloc"));
    }

    [TestCaseSource(nameof(Native))]
    public void Kernels_StorageOfAnotherBackend_ThrowArgumentExceptionNamingBoth(string name)
    {
        var backend = TestBackends.Get(name);
        using var mine = backend.Allocate(3);
        using var reference = ReferenceBackend.Instance.Allocate(3);
        var e = Assert.Throws<ArgumentException>(() => backend.Axpy(1, reference, mine))!;
        Assert.That(e.Message, Does.Contain("axpy").And.Contain("'reference'").And.Contain($"'{backend}'"));

        var otherName = name.EndsWith("f32", StringComparison.Ordinal) ? name[..^3] + "f64" : name[..^3] + "f32";
        var other = TestBackends.Get(otherName);
        using var theirs = other.Allocate(3);
        var e2 = Assert.Throws<ArgumentException>(() => backend.Copy(theirs, mine))!;
        Assert.That(e2.Message, Does.Contain("copy").And.Contain(otherName).And.Contain(name));
    }

    // ---- the hot path ----

    [TestCaseSource(nameof(Native))]
    public void Kernels_HotPath_AllocateNoManagedMemory(string name)
    {
        var backend = TestBackends.Get(name);
        using var x = backend.Allocate(64);
        using var y = backend.Allocate(64);
        using var r = backend.Allocate(8);
        using var loss = backend.Allocate(8);
        var host = new double[64];
        void Step()
        {
            backend.Fill(x, 0.5);
            backend.Axpy(2.0, x, y);
            backend.Map(UnaryOp.Tanh, x, y);
            backend.MapBackward(UnaryOp.Tanh, x, y, x, y);
            backend.ZipRowBroadcast(BinaryOp.Multiply, 8, 8, x, r, y);
            backend.AddBias(UnaryOp.Relu, 8, 8, x, r, y);
            backend.Gemm(false, true, 8, 8, 8, 1, x, y, 0, x);
            backend.SoftmaxCrossEntropy(8, 8, x, y, null, loss);
            backend.AdamStep(0.01, 0.9, 0.999, 1e-8, 1, x, y, y, x);
            backend.Upload(host, x);
            backend.Download(x, host);
        }

        for (int i = 0; i < 50; i++)
        {
            Step();
        }

        long allocated = ManagedBytes.AllocatedBy(100, Step);
        Assert.That(allocated, Is.Zero, $"{allocated} managed bytes allocated by 100 steps of 11 kernel calls");
    }

    // ---- the backend's own information ----

    [TestCaseSource(nameof(Native))]
    public void DeviceInfo_LoadedBackend_DescribesLibraryAndDevice(string name)
    {
        var backend = (NativeBackend)TestBackends.Get(name);
        Assert.Multiple(() =>
        {
            Assert.That(backend.Name, Is.EqualTo(name.Split('-')[0]));
            Assert.That(backend.DType, Is.EqualTo(name.EndsWith("f32", StringComparison.Ordinal) ? DType.Float32 : DType.Float64));
            Assert.That(backend.AbiVersion, Is.EqualTo(NativeApi.ExpectedAbiVersion));
            Assert.That(File.Exists(backend.LibraryPath) || backend.LibraryPath.Contains("OS search"), backend.LibraryPath);
            Assert.That(backend.DeviceInfo.Backend, Is.EqualTo(backend.Name));
            Assert.That(backend.DeviceInfo.Name, Is.Not.Empty);
            Assert.That(backend.DeviceInfo.Multiprocessors, Is.GreaterThan(0));
        });
    }

    [TestCaseSource(nameof(Native))]
    public void SetThreads_OneThenAll_KeepsResults(string name)
    {
        var backend = (NativeBackend)TestBackends.Get(name);
        using var h = new NativeAgreement(backend, 3);
        var a = h.Uniform(64 * 64, -1, 1);
        var c = h.Uniform(64 * 64, 0, 0);
        try
        {
            backend.SetThreads(1);
            backend.Gemm(false, false, 64, 64, 64, 1, a.N, a.N, 0, c.N);
        }
        finally
        {
            backend.SetThreads(0);
        }

        NativeAgreement.Reference.Gemm(false, false, 64, 64, 64, 1, a.R, a.R, 0, c.R);
        h.AssertClose("gemm with one thread", c, scale: 64);
    }
}
