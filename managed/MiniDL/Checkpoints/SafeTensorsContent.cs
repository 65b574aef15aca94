namespace MiniDL.Checkpoints;

/// <summary>What <see cref="SafeTensors.Load"/> reads: the tensors (sorted by name) and the string metadata.</summary>
/// <param name="Tensors">The tensors, sorted by name (ordinal).</param>
/// <param name="Metadata">The "__metadata__" entries; empty when the file has none.</param>
public sealed record SafeTensorsContent(IReadOnlyList<NamedArray> Tensors, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Finds a tensor by name.</summary>
    /// <param name="name">The tensor's name.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="KeyNotFoundException">No tensor has that name.</exception>
    public NamedArray this[string name] =>
        Tensors.FirstOrDefault(t => t.Name == name)
        ?? throw new KeyNotFoundException($"SafeTensorsContent: no tensor named '{name}' (have: {string.Join(", ", Tensors.Select(t => t.Name))}).");
}
