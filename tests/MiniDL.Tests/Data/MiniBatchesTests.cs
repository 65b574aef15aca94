using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.Autograd.Losses;
using MiniDL.Data;
using MiniDL.Layers;
using MiniDL.Optimizers;
using MiniDL.Training;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Data;

public class MiniBatchesTests
{
    // 10 samples of 2 features (sample i is [i, 10 i]), labels i mod 3.
    private static Dataset Ten() => new(
        "ten",
        [.. Enumerable.Range(0, 10).SelectMany(i => new double[] { i, 10 * i })],
        2,
        [.. Enumerable.Range(0, 10).Select(i => i % 3)],
        ["a", "b", "c"]);

    [Test]
    public void Of_TenSamplesBatchFour_CutsFourFourTwoInOrder()
    {
        var batches = MiniBatches.Of(Ten(), 4).Select(b => (b.Count, b.Indices, b.Inputs.ShapeText, X: b.Inputs.ToArray())).ToList();
        Assert.That(batches.Select(b => b.Count), Is.EqualTo(new[] { 4, 4, 2 }));
        Assert.That(batches.SelectMany(b => b.Indices), Is.EqualTo(Enumerable.Range(0, 10)));
        Assert.That(batches[2].ShapeText, Is.EqualTo("(2, 2)"));
        Assert.That(batches[2].X, Is.EqualTo(new double[] { 8, 80, 9, 90 }));
    }

    [Test]
    public void Of_Shuffled_EveryRowOnceAndRowsMatchTheirIndices()
    {
        var data = Ten();
        var seen = new List<int>();
        foreach (var batch in MiniBatches.Of(data, 3, shuffleSeed: 5))
        {
            var x = batch.Inputs.ToArray();
            for (int r = 0; r < batch.Count; r++)
            {
                Assert.That(x.AsSpan(r * 2, 2).ToArray(), Is.EqualTo(data.Row(batch.Indices[r])));
                Assert.That(batch.Labels[r], Is.EqualTo(data.Labels[batch.Indices[r]]));
            }

            seen.AddRange(batch.Indices);
        }

        Assert.That(seen, Is.EquivalentTo(Enumerable.Range(0, 10)));
        Assert.That(seen, Is.EqualTo(Splits.Shuffle(10, 5)), "the order is Splits.Shuffle's for the seed");
        Assert.That(seen, Is.Not.EqualTo(Enumerable.Range(0, 10)));
    }

    [Test]
    public void Of_Classification_TargetsAreOneHotRowsOfTheLabels()
    {
        var batch = MiniBatches.Of(Ten(), 4).First();
        Assert.That(batch.Targets.ShapeText, Is.EqualTo("(4, 3)"));
        Assert.That(batch.Targets.ToArray(), Is.EqualTo(new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0 }));
    }

    [Test]
    public void Of_OneTargetColumnForTwoClasses_TargetIsTheLabel()
    {
        var data = new Dataset("two", [0, 1, 2], 1, [1, 0, 1], ["no", "yes"]);
        var batch = MiniBatches.Of(data, 8, targetColumns: 1).Single();
        Assert.That(batch.Targets.ToArray(), Is.EqualTo(new double[] { 1, 0, 1 }));
    }

    [Test]
    public void Of_Regression_TargetIsTheValueAndLabelsEmpty()
    {
        var data = Dataset.ForRegression("line", [1, 2, 3], 1, [2.5, 4.5, 6.5]);
        var batch = MiniBatches.Of(data, 2).First();
        Assert.That((batch.Targets.ShapeText, batch.Targets.ToArray(), batch.Labels.Length), Is.EqualTo(("(2, 1)", new[] { 2.5, 4.5 }, 0)));
    }

    [Test]
    public void Of_BatchSizeZero_ThrowsWhenCalledNotWhenLooped()
    {
        var error = Assert.Throws<ArgumentException>(() => MiniBatches.Of(Ten(), 0))!;
        Assert.That(error.Message, Does.Contain("MiniBatches.Of: batch size 0"));
    }

    [Test]
    public void Of_OneTargetColumnForThreeClasses_ThrowsNamingBothWidths()
    {
        var error = Assert.Throws<ArgumentException>(() => MiniBatches.Of(Ten(), 4, targetColumns: 1))!;
        Assert.That(error.Message, Does.Contain("1 target columns for 'ten', which has 3 classes").And.Contain("use 3 (one-hot)"));
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.All))]
    public void Of_BatchesKeptAfterTheLoop_StayReadableOnEveryBackend(string backendName)
    {
        // LINQ ends the enumeration before the batches are read: each batch must still own live tensors.
        var backend = TestBackends.Get(backendName);
        var batches = MiniBatches.Of(Ten(), 4, backend).ToList();
        Assert.That(batches[0].Inputs.ToArray(), Is.EqualTo(new double[] { 0, 0, 1, 10, 2, 20, 3, 30 }));
        Assert.That(batches[1].Targets.ToArray(), Is.EqualTo(new double[] { 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0 }));
        Assert.That(MiniBatches.Of(Ten(), 4, backend).Last().Inputs.ToArray(), Is.EqualTo(new double[] { 8, 80, 9, 90 }));
    }

    [Test]
    public void Of_HandWrittenLoopOnIris_LearnsTheTrainingSet()
    {
        // The loop of the remarks: one-hidden-layer MLP, softmax cross-entropy, Adam, 30 epochs of batches of 16.
        var iris = Standardizer.Fit(Datasets.Iris()).Transform(Datasets.Iris());
        var model = Sequential.Mlp([4, 16, 3], Activation.Relu, seed: 3);
        var adam = new Adam(model.Parameters(), learningRate: 0.01);
        for (int epoch = 0; epoch < 30; epoch++)
        {
            foreach (var batch in MiniBatches.Of(iris, 16, shuffleSeed: epoch))
            {
                adam.ZeroGrad();
                SoftmaxCrossEntropy.Forward(model.Forward(Node.Constant(batch.Inputs)), Node.Constant(batch.Targets)).Backward();
                adam.Step();
            }
        }

        var all = MiniBatches.Of(iris, iris.Count).Single();
        var predicted = Trainer.PredictedLabels(model.Predict(all.Inputs));
        double accuracy = predicted.Zip(all.Labels).Count(p => p.First == p.Second) / (double)iris.Count;
        Assert.That(accuracy, Is.GreaterThan(0.9));
    }
}
