using MiniDL.Layers;

namespace MiniDL.Tests.Layers;

public class DropoutTests
{
    private static Node Ones(int n) => Node.Leaf(Tensor.FromArray(Enumerable.Repeat(1.0, n).ToArray(), 1, n));

    [Test]
    public void Forward_Training_ValuesAreZeroOrScaledAndFractionIsP()
    {
        // Inverted dropout, p = 0.25: each value is 0 or 1/(1 − p) = 4/3; about 25 % are zero (SE √(p(1−p)/n) ≈ 0.0043).
        var dropout = new Dropout(0.25, seed: 3);
        var y = dropout.Forward(Ones(10_000)).Value.ToArray();
        Assert.That(y.All(v => v == 0.0 || Math.Abs(v - (4.0 / 3.0)) < 1e-15), Is.True);
        double dropped = y.Count(v => v == 0) / (double)y.Length;
        Assert.That(dropped, Is.EqualTo(0.25).Within(0.025));
        Assert.That(y.Average(), Is.EqualTo(1.0).Within(0.05), "E[output] = input");
    }

    [Test]
    public void Forward_Eval_IsIdentity()
    {
        var dropout = new Dropout(0.5);
        dropout.Eval();
        var x = Ones(8);
        Assert.That(dropout.Forward(x), Is.SameAs(x));
    }

    [Test]
    public void Forward_ConsecutiveSteps_DifferentMasks_SameSeed_SameSequence()
    {
        var a = new Dropout(0.5, seed: 1);
        var b = new Dropout(0.5, seed: 1);
        var a1 = a.Forward(Ones(64)).Value.ToArray();
        var a2 = a.Forward(Ones(64)).Value.ToArray();
        Assert.That(a1, Is.Not.EqualTo(a2));
        Assert.That(b.Forward(Ones(64)).Value.ToArray(), Is.EqualTo(a1));
        Assert.That(b.Forward(Ones(64)).Value.ToArray(), Is.EqualTo(a2));
    }

    [Test]
    public void Backward_Training_GradientIsTheMask()
    {
        // ∇X = ∇Y ⊙ M with M ∈ {0, 1/(1 − p) = 2}. X and ∇Y are not all ones, so the test tells the mask from Y = X ⊙ M
        // and from a rule that drops ∇Y: x_i = 0.5 + i/8 (never 0, so y_i = 0 exactly where M_i = 0), ∇Y_i = 3 − i/4.
        var dropout = new Dropout(0.5, seed: 7);
        var xValues = Enumerable.Range(0, 32).Select(i => 0.5 + (i / 8.0)).ToArray();
        var upstream = Enumerable.Range(0, 32).Select(i => 3 - (i / 4.0)).ToArray();
        var x = Node.Leaf(Tensor.FromArray(xValues, 1, 32));
        var y = dropout.Forward(x);
        var mask = y.Value.ToArray().Select(v => v == 0 ? 0.0 : 2.0).ToArray();
        Assert.That(y.Value.ToArray(), Is.EqualTo(xValues.Select((v, i) => mask[i] * v)), "Y = X ⊙ M, M ∈ {0, 2}");
        Assert.That(mask, Has.Some.EqualTo(0.0).And.Some.EqualTo(2.0), "the mask drops some units and keeps some");
        y.Backward(Tensor.FromArray(upstream, 1, 32));
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(upstream.Select((g, i) => g * mask[i])));
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.All))]
    public void ForwardBackward_TrainingOnEveryBackend_MeansStayTheInputsAndUpstreams(string backendName)
    {
        // Inverted dropout keeps E[Y] = X: the output's mean stays the input's (a second check of the 1/(1 − p)
        // scaling, next to the values test above); likewise the mean of ∇X stays that of ∇Y = 1. p = 0.4, n = 20 000:
        // the mean of M has SE √(p/(1−p)/n) ≈ 0.006; without the scaling it would be 1 − p = 0.6.
        var backend = TestBackends.Get(backendName);
        var rng = new Random(11);
        var values = Enumerable.Range(0, 20_000).Select(_ => 0.5 + rng.NextDouble()).ToArray();
        var x = Node.Leaf(Tensor.FromArray(values, 100, 200, backend));
        var y = new Dropout(0.4, seed: 5, backend: backend).Forward(x);
        Sum.Forward(y).Backward();
        Assert.That(y.Value.ToArray().Average(), Is.EqualTo(values.Average()).Within(0.03), "mean of Y vs mean of X");
        Assert.That(x.Grad!.ToArray().Average(), Is.EqualTo(1.0).Within(0.03), "mean of ∇X vs ∇Y = 1");
    }
}
