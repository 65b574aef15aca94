namespace MiniDL.Tests.TestSupport;

/// <summary>A random classification batch for the graph and replay tests.</summary>
public static class RandomBatch
{
    /// <summary>
    /// <paramref name="rows"/> examples: features X uniform in [−2, 2) (rows × features), then one-hot targets T
    /// (rows × classes), drawn in that order from <paramref name="rng"/>.
    /// </summary>
    public static (double[] X, double[] T) Draw(Random rng, int rows, int features, int classes)
    {
        var x = Enumerable.Range(0, rows * features).Select(_ => (rng.NextDouble() * 4) - 2).ToArray();
        var t = new double[rows * classes];
        for (int i = 0; i < rows; i++)
        {
            t[(i * classes) + rng.Next(classes)] = 1;
        }

        return (x, t);
    }
}
