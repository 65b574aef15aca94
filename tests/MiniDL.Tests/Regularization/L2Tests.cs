using MiniDL.Layers;
using MiniDL.Regularization;

namespace MiniDL.Tests.Regularization;

public class L2Tests
{
    [Test]
    public void Penalty_TwoLayers_SumsOverWeights()
    {
        var model = new Sequential(Linear.FromValues([1, 2], [0, 0], 1, 2), Linear.FromValues([3, 4], [5], 2, 1));
        Assert.That(new L2(1.0).Penalty(model.Parameters())!.Value.Item(), Is.EqualTo(1 + 4 + 9 + 16));
    }
}
