namespace MiniDL.Autograd;

/// <summary>Shape checks shared by the node types: each throws an <see cref="ArgumentException"/> naming the operation and the shapes.</summary>
public static class Shapes
{
    /// <summary>Both nodes must have the same shape (element-wise nodes).</summary>
    public static void RequireSame(string op, Node a, Node b)
    {
        if (!a.Value.SameShape(b.Value))
        {
            throw new ArgumentException($"{op}: shapes {a.ShapeText} and {b.ShapeText} must be equal.");
        }
    }

    /// <summary>Both nodes must live on the same backend.</summary>
    public static void RequireSameBackend(string op, Node a, Node b)
    {
        if (!ReferenceEquals(a.Backend, b.Backend))
        {
            throw new ArgumentException($"{op}: operands live on different backends ('{a.Backend.Name}' {a.ShapeText} and '{b.Backend.Name}' {b.ShapeText}); move one with Tensor.To.");
        }
    }

    /// <summary>The node <paramref name="row"/> must be one row as wide as <paramref name="x"/> (a bias or a row vector).</summary>
    public static void RequireRow(string op, Node x, Node row)
    {
        if (row.Rows != 1 || row.Columns != x.Columns)
        {
            throw new ArgumentException($"{op}: row vector shape {row.ShapeText} does not broadcast over {x.ShapeText}; it needs (1, {x.Columns}) or ({x.Columns}).");
        }
    }

    /// <summary>The node must be a 1×1 scalar.</summary>
    public static void RequireScalar(string op, Node x)
    {
        if (x.Value.Length != 1)
        {
            throw new ArgumentException($"{op}: expected a scalar (1, 1), got {x.ShapeText}.");
        }
    }
}
