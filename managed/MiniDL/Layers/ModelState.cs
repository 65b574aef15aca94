using MiniDL.Checkpoints;

namespace MiniDL.Layers;

/// <summary>Saving and loading a model's parameters and buffers by name (as safetensors, see <see cref="SafeTensors"/>).</summary>
/// <remarks>
/// Every <see cref="Parameter"/> of <see cref="Layer.State"/> becomes one named array with its qualified name
/// ("0.W", "fc1.b", "1.running_mean"), shape [rows, columns] and row-major values; W is stored inputs × outputs as in
/// lesson 7 (PyTorch's Linear stores outputs × inputs). Reading the values crosses to the host, once.
/// </remarks>
public static class ModelState
{
    /// <summary>The model's parameters and buffers as named host arrays.</summary>
    /// <param name="model">The model.</param>
    /// <param name="dtype">The element type to record (F32 or F64).</param>
    /// <returns>One array per parameter and buffer, in <see cref="Layer.State"/> order.</returns>
    public static IReadOnlyList<NamedArray> ToNamedArrays(Layer model, SafeTensorsDType dtype = SafeTensorsDType.F64)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.State().Select(p => new NamedArray(p.Name, [p.Rows, p.Columns], p.Value.ToArray(), dtype)).ToList();
    }

    /// <summary>Loads named arrays into the model's parameters and buffers.</summary>
    /// <param name="model">The model.</param>
    /// <param name="arrays">The arrays; every parameter and buffer must be present with its shape.</param>
    /// <exception cref="ArgumentException">A name is missing or a shape differs.</exception>
    public static void Load(Layer model, IEnumerable<NamedArray> arrays)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(arrays);
        var byName = arrays.ToDictionary(a => a.Name);
        foreach (var p in model.State())
        {
            if (!byName.TryGetValue(p.Name, out var a))
            {
                throw new ArgumentException($"ModelState.Load: no array named '{p.Name}' (have {string.Join(", ", byName.Keys)}).", nameof(arrays));
            }

            long count = 1;
            foreach (var d in a.Shape)
            {
                count *= d;
            }

            if (count != p.Value.Length || a.Data.Length != p.Value.Length)
            {
                throw new ArgumentException($"ModelState.Load: '{p.Name}' has shape [{string.Join(", ", a.Shape)}], the model {p.Value.ShapeText}.", nameof(arrays));
            }

            p.Load(a.Data);
        }
    }

    /// <summary>Writes the model to a safetensors file.</summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The file path.</param>
    /// <param name="dtype">F32 (half the size) or F64.</param>
    /// <param name="metadata">Optional text metadata (e.g. the architecture).</param>
    public static void Save(Layer model, string path, SafeTensorsDType dtype = SafeTensorsDType.F32, IReadOnlyDictionary<string, string>? metadata = null)
        => SafeTensors.Save(path, ToNamedArrays(model, dtype), metadata);

    /// <summary>Reads a safetensors file into the model.</summary>
    /// <param name="model">The model, built with the same architecture.</param>
    /// <param name="path">The file path.</param>
    /// <returns>The file's metadata.</returns>
    public static IReadOnlyDictionary<string, string> Load(Layer model, string path)
    {
        var content = SafeTensors.Load(path);
        Load(model, content.Tensors);
        return content.Metadata;
    }
}
