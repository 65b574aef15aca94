using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Losses;

/// <summary>Helpers shared by the loss tests (labels to one-hot rows).</summary>
internal static class LossCases
{
    /// <summary>One-hot rows: row i has a 1 in column labels[i].</summary>
    public static MatrixCase OneHot(int[] labels, int classes)
    {
        var v = new double[labels.Length * classes];
        for (int i = 0; i < labels.Length; i++)
        {
            v[i * classes + labels[i]] = 1;
        }

        return new MatrixCase(labels.Length, classes, v);
    }
}
