using FsCheck;
using FsCheck.Fluent;
using MiniDL.Autograd;
using MiniDL.Backends;
using MiniDL.GradCheck;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>Shared pieces of the node tests: the gradient property and generators of matrices of random shape (1…6).</summary>
internal static class NodeGradients
{
    /// <summary>
    /// The gradient property: for every drawn input, backpropagation agrees with central differences
    /// (<see cref="GradientChecker"/>). A failure names the node, the shapes (in the report) and the inputs.
    /// </summary>
    public static void Check(string node, IBackend backend, Gen<MatrixCase[]> gen, Func<Node[], Node> function, int cases = 100)
        => Properties.Check($"{node} gradient", gen, inputs =>
        {
            var report = GradientChecker.Check(node, function, inputs.Select(i => i.ToTensor(backend)).ToArray());
            Assert.That(report.Passed, Is.True, $"{report} at inputs {string.Join("; ", inputs.Select(i => i.ToString()))}");
        }, cases);

    /// <summary>One matrix of random shape with values from <paramref name="value"/>.</summary>
    public static Gen<MatrixCase[]> One(Gen<double> value)
        => from r in Generators.Dimension
           from c in Generators.Dimension
           from x in Generators.Matrix(r, c, value)
           select new[] { x };

    /// <summary>Two matrices of the same random shape, values from <paramref name="first"/> and <paramref name="second"/>.</summary>
    public static Gen<MatrixCase[]> Two(Gen<double> first, Gen<double> second)
        => from r in Generators.Dimension
           from c in Generators.Dimension
           from a in Generators.Matrix(r, c, first)
           from b in Generators.Matrix(r, c, second)
           select new[] { a, b };

    /// <summary>A leaf from row-major values, shape rows × columns, on the reference backend.</summary>
    public static Node Leaf(int rows, int columns, params double[] values)
        => Node.Leaf(Tensor.FromArray(values, rows, columns));
}
