using MiniDL.Checkpoints;
using MiniDL.Layers;

namespace MiniDL.Tests.Layers;

public class ModelStateTests
{
    [Test]
    public void SaveLoad_FreshModel_SamePredictions()
    {
        var trained = Sequential.Mlp([3, 4, 2], seed: 1, batchNorm: true);
        ((BatchNorm)trained.Layers[1]).RunningMean.Load([0.1, 0.2, 0.3, 0.4]);
        var fresh = Sequential.Mlp([3, 4, 2], seed: 99, batchNorm: true);
        var path = Path.Combine(Path.GetTempPath(), $"minidl-modelstate-{Guid.NewGuid():N}.safetensors");
        try
        {
            ModelState.Save(trained, path, SafeTensorsDType.F64);
            ModelState.Load(fresh, path);
        }
        finally
        {
            File.Delete(path);
        }

        var x = Tensor.FromArray([0.5, -1.0, 2.0, 1.0, 0.0, -0.5], 2, 3);
        Assert.That(fresh.Predict(x).ToArray(), Is.EqualTo(trained.Predict(x).ToArray()));
    }

    [Test]
    public void Load_MissingName_Throws()
    {
        var model = Sequential.Mlp([2, 2]);
        Assert.Throws<ArgumentException>(() => ModelState.Load(model, [new NamedArray("0.W", [2, 2], new double[4])]));
    }
}
