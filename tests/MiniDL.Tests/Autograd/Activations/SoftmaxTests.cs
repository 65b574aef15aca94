namespace MiniDL.Tests.Autograd.Activations;

public class SoftmaxTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => GraphCases.Softmax.CheckGradients(backendName);

    [Test]
    public void Forward_RandomScores_RowsArePositiveAndSumToOne()
    {
        Properties.Check("softmax rows sum to 1", Generators.AnyMatrix(Generators.Value(-20, 20)), x =>
        {
            var p = Softmax.Forward(Node.Leaf(x.ToTensor(MiniDL.Backends.ReferenceBackend.Instance))).Value.ToArray();
            for (int i = 0; i < x.Rows; i++)
            {
                var row = p.Skip(i * x.Columns).Take(x.Columns).ToArray();
                Assert.That(row.Sum(), Is.EqualTo(1).Within(1e-12), $"softmax {x.Rows}x{x.Columns}: row {i} of X={x}");
                // Scores in [−20, 20]: every p ≥ e⁻⁴⁰ / 6 ≈ 7e-19, so each is strictly positive (≥ 0 would let an
                // underflow or a clipped entry through).
                Assert.That(row, Has.All.GreaterThan(0), $"softmax {x.Rows}x{x.Columns}: row {i} of X={x}");
            }
        });
    }

    [Test]
    public void Forward_ConstantAddedToEveryScore_IsUnchanged()
    {
        var gen = from x in Generators.AnyMatrix(Generators.Value(-5, 5))
                  from c in Generators.Value(-500, 500)
                  select (x, c);
        Properties.Check("softmax shift invariance", gen, t =>
        {
            var shifted = new MatrixCase(t.x.Rows, t.x.Columns, t.x.Values.Select(v => v + t.c).ToArray());
            var p = Softmax.Forward(Node.Leaf(t.x.ToTensor(MiniDL.Backends.ReferenceBackend.Instance))).Value.ToArray();
            var q = Softmax.Forward(Node.Leaf(shifted.ToTensor(MiniDL.Backends.ReferenceBackend.Instance))).Value.ToArray();
            Assert.That(q, Is.EqualTo(p).Within(1e-9), $"softmax(X + {t.c}) vs softmax(X) at X={t.x}");
        });
    }

    [Test]
    public void Forward_LectureCatCarFrogScores_GivesLectureProbabilities()
    {
        // Lessons 1 and 3: scores cat 3.2, car 5.1, frog −1.7 → exp 24.5, 164.0, 0.18 → probabilities 0.13, 0.87, 0.00.
        var p = Softmax.Forward(Node.Leaf(Tensor.FromRows([[3.2, 5.1, -1.7]]))).Value.ToArray();
        Assert.That(p, Is.EqualTo(new[] { 0.13, 0.87, 0.00 }).Within(0.005));
        double total = Math.Exp(3.2) + Math.Exp(5.1) + Math.Exp(-1.7);
        Assert.That(p[0], Is.EqualTo(Math.Exp(3.2) / total).Within(1e-15));
    }

    [Test]
    public void Forward_HugeScores_StaysFinite()
    {
        var p = Softmax.Forward(Node.Leaf(Tensor.FromRows([[1000, -1000, 999]]))).Value.ToArray();
        Assert.That(p, Has.All.Matches<double>(double.IsFinite));
        Assert.That(p[0] / p[2], Is.EqualTo(Math.E).Within(1e-9));
    }
}
