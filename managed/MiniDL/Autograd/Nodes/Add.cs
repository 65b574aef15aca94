namespace MiniDL.Autograd.Nodes;

/// <summary>Lecture 7's add node: <c>Y = X₁ + X₂</c>.</summary>
/// <remarks>Backward: <c>∇X₁ = ∇Y</c>, <c>∇X₂ = ∇Y</c> — the add node passes its gradient unchanged to both inputs.</remarks>
public static class Add
{
    /// <summary><c>Y = X₁ + X₂</c>, element-wise; both of the same shape.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static Node Forward(Node x1, Node x2)
    {
        Shapes.RequireSameBackend("add", x1, x2);
        Shapes.RequireSame("add", x1, x2);
        return Node.Create("add", Tensor.ZerosLike(x1.Value), [x1, x2],
            y => x1.Backend.Zip(BinaryOp.Add, x1.Value.Storage, x2.Value.Storage, y.Value.Storage),
            y => Backward(x1, x2, y));
    }

    /// <summary>
    /// <c>∂Y[i,j]/∂X₁[i,j] = 1</c> and every other partial is 0, so <c>∇X₁ = ∇Y</c>; the same for X₂.
    /// Accumulated (<c>+=</c>): if X₁ and X₂ are the same node it receives <c>2∇Y</c>, as the copy rule says.
    /// </summary>
    private static void Backward(Node x1, Node x2, Node y)
    {
        var backend = y.Backend;
        if (x1.RequiresGrad)
        {
            backend.Axpy(1.0, y.Grad!.Storage, x1.GradOrZeros.Storage);
        }

        if (x2.RequiresGrad)
        {
            backend.Axpy(1.0, y.Grad!.Storage, x2.GradOrZeros.Storage);
        }
    }
}
