using System.Globalization;

namespace MiniDL.Checkpoints;

/// <summary>
/// Checks loaded tensors against what a model expects before any value is copied: every expected tensor is present
/// with exactly its shape (a transposed [256, 64] for [64, 256], or [64, 256, 1], is rejected, not just a different
/// element count), no tensor is left over, and every value is finite.
/// </summary>
public static class CheckpointCheck
{
    /// <summary>Throws unless <paramref name="loaded"/> matches <paramref name="expected"/> name by name and shape by shape, with finite values.</summary>
    /// <param name="expected">The model's tensors (names and shapes; values ignored).</param>
    /// <param name="loaded">The tensors read from the file.</param>
    /// <param name="sourceName">The file, for the message.</param>
    /// <exception cref="InvalidDataException">A tensor is missing, unexpected, of another shape, or holds NaN or ±∞; the message names each.</exception>
    public static void Verify(IReadOnlyList<NamedArray> expected, IReadOnlyList<NamedArray> loaded, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(sourceName);
        var problems = new List<string>();
        var byName = new Dictionary<string, NamedArray>(StringComparer.Ordinal);
        foreach (var a in loaded)
        {
            byName[a.Name] = a;
        }

        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in expected)
        {
            wanted.Add(e.Name);
            if (!byName.TryGetValue(e.Name, out var a))
            {
                problems.Add($"tensor '{e.Name}' {Shape(e.Shape)} is missing");
                continue;
            }

            if (!a.Shape.SequenceEqual(e.Shape))
            {
                problems.Add($"tensor '{e.Name}' has shape {Shape(a.Shape)}, the model needs {Shape(e.Shape)}");
                continue;
            }

            for (int i = 0; i < a.Data.Length; i++)
            {
                if (!double.IsFinite(a.Data[i]))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"tensor '{e.Name}' holds {a.Data[i]} at element {i} (weights must be finite numbers)"));
                    break;
                }
            }
        }

        foreach (var a in loaded)
        {
            if (!wanted.Contains(a.Name))
            {
                problems.Add($"tensor '{a.Name}' {Shape(a.Shape)} is not part of the model");
            }
        }

        if (problems.Count > 0)
        {
            var shown = problems.Take(5).ToList();
            throw new InvalidDataException(
                $"checkpoint '{sourceName}' does not fit the model: {string.Join("; ", shown)}{(problems.Count > shown.Count ? $"; and {problems.Count - shown.Count} more" : "")}.");
        }
    }

    private static string Shape(IReadOnlyList<int> shape) => $"[{string.Join(", ", shape)}]";
}
