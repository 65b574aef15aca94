namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>y = xᵖ; (xᵖ)′ = p xᵖ⁻¹, at x = 4, p = 2.5: 2.5·4^1.5 = 20.</summary>
public class PowConstantTests() : UnaryNodeTests(GraphCases.PowConstant, x => PowConstant.Forward(x, 2.5), v => Math.Pow(v, 2.5), [0.25, 1, 2.5], x: 4.0, derivative: 2.5 * 8.0)
{
}
