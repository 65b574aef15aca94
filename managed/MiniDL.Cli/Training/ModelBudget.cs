namespace MiniDL.Cli.Training;

/// <summary>
/// The size check every model passes before anything is allocated: each weight matrix and the whole parameter count
/// are computed in checked 64-bit arithmetic and compared with stated limits, so a typo such as
/// <c>--hidden 100000,100000</c> (or a corrupt checkpoint, or a CSV label of 50,000,000) is a one-line error that
/// says how much memory the model would need, instead of an integer that wraps or an 11 GB allocation.
/// </summary>
public static class ModelBudget
{
    /// <summary>The most learnable values a model may have (100 million: about 3 GiB in float64 with gradients and Adam's two moments).</summary>
    public const long MaxParameters = 100_000_000;

    /// <summary>The most elements one weight matrix may have (a .NET array's limit).</summary>
    public const long MaxMatrixElements = int.MaxValue;

    /// <summary>Bytes the training of one parameter needs at most: value, gradient and two optimizer moments, 8 bytes each.</summary>
    public const long BytesPerParameter = 4 * 8;

    /// <summary>The parameter count of an MLP with these widths (weights and biases), or null when it overflows 64 bits.</summary>
    /// <param name="sizes">Layer widths, input first.</param>
    /// <returns>The count.</returns>
    public static long? ParameterCount(IReadOnlyList<int> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        try
        {
            long total = 0;
            for (int i = 1; i < sizes.Count; i++)
            {
                total = checked(total + ((long)sizes[i - 1] * sizes[i]) + sizes[i]);
            }

            return total;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>What is wrong with a model of these widths, or null when it fits the limits.</summary>
    /// <param name="sizes">Layer widths, input first.</param>
    /// <returns>The problem, one sentence without a final period, or null.</returns>
    public static string? Problem(IReadOnlyList<int> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var c = CultureInfo.InvariantCulture;
        var shape = string.Join(" → ", sizes.Select(s => s.ToString(c)));
        for (int i = 0; i < sizes.Count; i++)
        {
            if (sizes[i] < 1)
            {
                return $"the model {shape} has a layer of width {sizes[i].ToString(c)} (widths must be at least 1)";
            }
        }

        for (int i = 1; i < sizes.Count; i++)
        {
            long elements = (long)sizes[i - 1] * sizes[i];
            if (elements > MaxMatrixElements)
            {
                return string.Create(c, $"the model {shape} needs a {sizes[i - 1]} × {sizes[i]} weight matrix of {elements:N0} values, more than the {MaxMatrixElements:N0} one array can hold ({Memory(elements * 8)} in float64)");
            }
        }

        var count = ParameterCount(sizes);
        if (count is null || count > MaxParameters)
        {
            var needed = count is null ? "more than 2^63" : count.Value.ToString("N0", c);
            var memory = count is null ? "more memory than exists" : Memory(count.Value * BytesPerParameter);
            return string.Create(c, $"the model {shape} has {needed} parameters (about {memory} to train them: value, gradient and optimizer state, 8 bytes each); the limit is {MaxParameters:N0} parameters");
        }

        return null;
    }

    /// <summary>A byte count in B, KiB, MiB, GiB or TiB.</summary>
    /// <param name="bytes">The count.</param>
    /// <returns>e.g. "11.2 GiB".</returns>
    public static string Memory(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        double value = bytes;
        int u = 0;
        while (value >= 1024 && u < units.Length - 1)
        {
            value /= 1024;
            u++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[u]}");
    }
}
