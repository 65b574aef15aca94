namespace MiniDL.Tests.Autograd.Losses;

public class MulticlassSvmTests
{
    /// <summary>Scores whose hinge margins stay 0.1 away from 0 (<see cref="GraphCases.SvmPoints"/>) and one-hot targets.</summary>
    private static Gen<(MatrixCase S, MatrixCase T)> KinkFreeCases => GraphCases.SvmPoints.Select(v => (v[0], v[1]));

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapesAwayFromKink_MatchesCentralDifferences(string backendName) => GraphCases.MulticlassSvm.CheckGradients(backendName);

    [Test]
    public void Forward_RandomScores_MatchesLectureSumOverWrongClasses()
    {
        Properties.Check("multiclass_svm forward", KinkFreeCases, x =>
        {
            var loss = MulticlassSvm.Forward(Node.Leaf(x.S.ToTensor(MiniDL.Backends.ReferenceBackend.Instance)), Node.Constant(x.T.ToTensor(MiniDL.Backends.ReferenceBackend.Instance))).Value.Item();
            int n = x.S.Rows, c = x.S.Columns;
            double expected = 0;
            for (int i = 0; i < n; i++)
            {
                int y = Array.IndexOf(x.T.Values, 1.0, i * c, c) - i * c;
                for (int j = 0; j < c; j++)
                {
                    expected += j == y ? 0 : Math.Max(0, x.S.Values[i * c + j] - x.S.Values[i * c + y] + 1);
                }
            }

            Assert.That(loss, Is.EqualTo(expected / n).Within(1e-12), $"multiclass_svm at S={x.S}, T={x.T}");
        });
    }

    [Test]
    public void Forward_LectureThreeImages_Gives2Point9Zero12Point9Mean5Point27()
    {
        // Lesson 1 writes the scores as columns (cat, car, frog images); here each image is a row.
        var scores = new[] { new[] { 3.2, 5.1, -1.7 }, new[] { 1.3, 4.9, 2.0 }, new[] { 2.2, 2.5, -3.1 } };
        var targets = new[] { new double[] { 1, 0, 0 }, new double[] { 0, 1, 0 }, new double[] { 0, 0, 1 } };
        var expected = new[] { 2.9, 0.0, 12.9 };
        for (int i = 0; i < 3; i++)
        {
            var li = MulticlassSvm.Forward(Node.Leaf(Tensor.FromRows([scores[i]])), Node.Constant(Tensor.FromRows([targets[i]]))).Value.Item();
            Assert.That(li, Is.EqualTo(expected[i]).Within(1e-12), $"L_{i}");
        }

        var mean = MulticlassSvm.Forward(Node.Leaf(Tensor.FromRows(scores)), Node.Constant(Tensor.FromRows(targets))).Value.Item();
        Assert.That(mean, Is.EqualTo(5.27).Within(0.005));
    }

    [Test]
    public void Forward_LectureSvmVersusSoftmax_Is1Point58()
    {
        var loss = MulticlassSvm.Forward(Node.Leaf(Tensor.FromRows([[-2.85, 0.86, 0.28]])), Node.Constant(Tensor.FromRows([[0, 0, 1]])));
        Assert.That(loss.Value.Item(), Is.EqualTo(1.58).Within(1e-12));
    }

    [Test]
    public void Backward_LectureCatImage_PushesCorrectScoreUpOncePerViolation()
    {
        var s = Node.Leaf(Tensor.FromRows([[3.2, 5.1, -1.7]]));
        MulticlassSvm.Forward(s, Node.Constant(Tensor.FromRows([[1, 0, 0]]))).Backward();
        Assert.That(s.Grad!.ToArray(), Is.EqualTo(new double[] { -1, 1, 0 }), "car violates the margin (2.9 > 0), frog does not (−3.9)");
    }

    [Test]
    public void Backward_MarginExactlyZero_SubgradientIsZero()
    {
        // s_1 − s_0 + 1 = −1 − 0 + 1 = 0: on the kink, the hinge contributes nothing.
        var s = Node.Leaf(Tensor.FromRows([[0, -1]]));
        var loss = MulticlassSvm.Forward(s, Node.Constant(Tensor.FromRows([[1, 0]])));
        loss.Backward();
        Assert.That(loss.Value.Item(), Is.EqualTo(0));
        Assert.That(s.Grad!.ToArray(), Is.EqualTo(new double[] { 0, 0 }));
    }

    [Test]
    public void Forward_ShapesDiffer_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => MulticlassSvm.Forward(Node.Leaf(Tensor.Zeros(3, 3)), Node.Constant(Tensor.Zeros(3, 4))));
        Assert.That(ex!.Message, Does.Contain("multiclass_svm").And.Contain("(3, 3)").And.Contain("(3, 4)"));
    }
}
