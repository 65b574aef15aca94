namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>Y = X₁ + X₂.</summary>
public class AddTests() : BinaryNodeTests(GraphCases.Add, Add.Forward, [5, -6, 0.5, 0], [6, -4, 3.5, 4], (2, 3), (3, 2))
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Add_SwappedOperands_GivesSameValueAndSwappedGradients(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        var value = Generators.Value(-2, 2);
        var gen = from r in Generators.Dimension
                  from c in Generators.Dimension
                  from a in Generators.Matrix(r, c, value)
                  from b in Generators.Matrix(r, c, value)
                  from s in Generators.Matrix(r, c, value)
                  select (a, b, s);
        Properties.Check("add is symmetric", gen, c =>
        {
            var (a1, b1) = (Node.Leaf(c.a.ToTensor(backend)), Node.Leaf(c.b.ToTensor(backend)));
            var (a2, b2) = (Node.Leaf(c.a.ToTensor(backend)), Node.Leaf(c.b.ToTensor(backend)));
            var ab = Add.Forward(a1, b1);
            var ba = Add.Forward(b2, a2);
            ab.Backward(c.s.ToTensor(backend));
            ba.Backward(c.s.ToTensor(backend));
            string at = $"add at A={c.a}, B={c.b}";
            Assert.That(ab.Value.ToArray(), Is.EqualTo(ba.Value.ToArray()), $"A + B = B + A, {at}");
            Assert.That(a1.Grad!.ToArray(), Is.EqualTo(a2.Grad!.ToArray()), $"∇A, {at}");
            Assert.That(b1.Grad!.ToArray(), Is.EqualTo(b2.Grad!.ToArray()), $"∇B, {at}");
            Assert.That(a1.Grad!.ToArray(), Is.EqualTo(c.s.Values), $"lecture 7: ∇X₁ = ∇Y, {at}");
        });
    }
}
