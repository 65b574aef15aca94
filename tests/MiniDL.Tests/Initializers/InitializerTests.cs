using MiniDL.Backends;
using MiniDL.Initializers;

namespace MiniDL.Tests.Initializers;

public class InitializerTests
{
    [Test]
    public void NextGaussian_HundredThousandDraws_StandardNormal()
    {
        var random = new Random(2026);
        var values = new double[100_000];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Initializer.NextGaussian(random);
        }

        Stats.AssertMeanStd(values, 0.0, 1.0);
        // About 68.27 % within one σ (binomial SE ≈ 0.0015).
        double within = values.Count(v => Math.Abs(v) < 1) / (double)values.Length;
        Assert.That(within, Is.EqualTo(0.6827).Within(0.0075));
    }

    [Test]
    public void Create_Shape_IsFanInByFanOutOnBackend()
    {
        var t = new He().Create(3, 5, seed: 1, ReferenceBackend.Instance);
        Assert.That(t.Shape, Is.EqualTo(new[] { 3, 5 }));
        Assert.That(t.ToArray(), Is.EqualTo(new He().Sample(3, 5, 1)));
    }

    [TestCase("gaussian", typeof(Gaussian))]
    [TestCase("Uniform", typeof(Uniform))]
    [TestCase("xavier", typeof(Xavier))]
    [TestCase("he", typeof(He))]
    public void FromName_KnownName_ReturnsThatInitializer(string name, Type type)
        => Assert.That(Initializer.FromName(name), Is.TypeOf(type));

    [Test]
    public void FromName_UnknownName_Throws()
        => Assert.Throws<ArgumentException>(() => Initializer.FromName("lecun"));
}
