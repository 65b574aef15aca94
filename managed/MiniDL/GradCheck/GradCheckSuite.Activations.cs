using MiniDL.Autograd.Activations;

namespace MiniDL.GradCheck;

public static partial class GradCheckSuite
{
    /// <summary>
    /// The activations, at kink-free points: ReLU, leaky ReLU and ELU inputs at least 0.1 away from 0, Maxout pieces at
    /// least 0.05 apart (central differences with h = 1e-6 never cross a kink or swap the winning piece).
    /// </summary>
    static partial void AddActivations(List<GradCheckCase> cases)
    {
        cases.Add(new("sigmoid", v => Sigmoid.Forward(v[0]), (b, r) => [Uniform(b, r, 4, 3, -4, 4)]));
        cases.Add(new("tanh", v => Tanh.Forward(v[0]), (b, r) => [Uniform(b, r, 4, 3, -3, 3)]));
        cases.Add(new("relu", v => Relu.Forward(v[0]), (b, r) => [AwayFromZero(b, r, 4, 3)]));
        cases.Add(new("leaky_relu", v => LeakyRelu.Forward(v[0]), (b, r) => [AwayFromZero(b, r, 4, 3)]));
        cases.Add(new("elu", v => Elu.Forward(v[0]), (b, r) => [AwayFromZero(b, r, 4, 3)]));
        cases.Add(new("elu(alpha=0.5)", v => Elu.Forward(v[0], 0.5), (b, r) => [AwayFromZero(b, r, 4, 3)]));
        cases.Add(new("softmax", v => Softmax.Forward(v[0]), (b, r) => [Uniform(b, r, 4, 5, -3, 3)]));
        cases.Add(new("log_softmax", v => LogSoftmax.Forward(v[0]), (b, r) => [Uniform(b, r, 4, 5, -3, 3)]));
        cases.Add(new("maxout(k=3)", v => Maxout.Forward(v[0], [v[1], v[2], v[3]], [v[4], v[5], v[6]]), (b, r) => MaxoutInputs(b, r, 3, 4, 3, 3)));
    }

    /// <summary>
    /// X (n×d), k weights (d×m) and k biases (1×m) drawn until every output element's pieces <c>X W_k + b_k</c> are
    /// pairwise at least 0.05 apart (no ties, so the max is differentiable at the point).
    /// </summary>
    public static Tensor[] MaxoutInputs(IBackend backend, Random rng, int n, int d, int m, int pieces, double minGap = 0.05)
    {
        while (true)
        {
            var x = DrawUniformValues(rng, n * d);
            var w = Enumerable.Range(0, pieces).Select(_ => DrawUniformValues(rng, d * m)).ToArray();
            var bias = Enumerable.Range(0, pieces).Select(_ => DrawUniformValues(rng, m)).ToArray();
            if (MaxoutMinGap(x, w, bias, n, d, m) < minGap)
            {
                continue;
            }

            return
            [
                Tensor.FromArray(x, n, d, backend),
                .. w.Select(v => Tensor.FromArray(v, d, m, backend)),
                .. bias.Select(v => Tensor.FromArray(v, 1, m, backend)),
            ];
        }
    }

    /// <summary>The smallest distance between two pieces <c>(X W_k + b_k)[i,j]</c> over all elements (host arithmetic on drawn data).</summary>
    public static double MaxoutMinGap(double[] x, double[][] w, double[][] bias, int n, int d, int m)
    {
        double gap = double.PositiveInfinity;
        var z = new double[w.Length];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                for (int k = 0; k < w.Length; k++)
                {
                    z[k] = bias[k][j];
                    for (int p = 0; p < d; p++)
                    {
                        z[k] += x[i * d + p] * w[k][p * m + j];
                    }
                }

                for (int a = 0; a < z.Length; a++)
                {
                    for (int c = a + 1; c < z.Length; c++)
                    {
                        gap = Math.Min(gap, Math.Abs(z[a] - z[c]));
                    }
                }
            }
        }

        return gap;
    }

    private static double[] DrawUniformValues(Random rng, int count, double lo = -2, double hi = 2)
    {
        var v = new double[count];
        for (int i = 0; i < count; i++)
        {
            v[i] = lo + (hi - lo) * rng.NextDouble();
        }

        return v;
    }
}
