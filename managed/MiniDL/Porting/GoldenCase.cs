namespace MiniDL.Porting;

/// <summary>One named, row-major float64 array of a golden case (an input, an output or a gradient).</summary>
/// <param name="Name">The array's name: "x0", "x1", … for inputs and their gradients, "y" for an output, "w1" … for optimizer steps.</param>
/// <param name="Shape">Rows and columns.</param>
/// <param name="Data">The values, row-major.</param>
public sealed record GoldenArray(string Name, int[] Shape, double[] Data);

/// <summary>
/// One case of the golden files: fixed inputs, the fixed upstream gradient, and the reference backend's outputs and
/// gradients, so that a port in another language can be checked op by op (schema: docs/porting.md).
/// </summary>
/// <param name="Name">The case, as <c>minidl gradcheck</c> names it (e.g. "matmul", "sigmoid", "adam").</param>
/// <param name="Kind">"node", "activation", "loss" or "optimizer".</param>
/// <param name="Inputs">The inputs; <see cref="ConstantInputs"/> take no gradient.</param>
/// <param name="ConstantInputs">Names of inputs that take no gradient (loss targets).</param>
/// <param name="Attributes">Constants of the case (learning rate, β …), empty for most nodes.</param>
/// <param name="Upstream">The upstream gradient ∂J/∂y fed to backward (null for optimizer steps).</param>
/// <param name="Outputs">The forward outputs (one "y"), or the weights after each optimizer step.</param>
/// <param name="Gradients">∂J/∂x for every input that takes a gradient (empty for optimizer steps).</param>
public sealed record GoldenCase(
    string Name,
    string Kind,
    IReadOnlyList<GoldenArray> Inputs,
    IReadOnlyList<string> ConstantInputs,
    IReadOnlyDictionary<string, double> Attributes,
    GoldenArray? Upstream,
    IReadOnlyList<GoldenArray> Outputs,
    IReadOnlyList<GoldenArray> Gradients)
{
    /// <summary>The file name of the case: its name with every character outside [a-z0-9_] replaced by '_', plus ".json".</summary>
    public string FileName => FileNameOf(Name);

    /// <summary>The file name for a case name (see <see cref="FileName"/>).</summary>
    /// <param name="name">The case name, e.g. "elu(alpha=0.5)".</param>
    /// <returns>E.g. "elu_alpha_0_5.json".</returns>
    public static string FileNameOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var chars = name.ToLowerInvariant().Select(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? c : '_').ToArray();
        return new string(chars).Trim('_') + ".json";
    }
}
