namespace MiniDL.Cli.Examples;

/// <summary>Where an example runs: the backend, and the folder its SVG files go to.</summary>
/// <param name="Backend">The backend (the reference backend by default: the examples are tiny and exact).</param>
/// <param name="OutputDirectory">The folder for the example's files (created on first use).</param>
public sealed record ExampleContext(IBackend Backend, string OutputDirectory)
{
    /// <summary>A path in <see cref="OutputDirectory"/>, creating the folder.</summary>
    /// <param name="fileName">The file name.</param>
    /// <returns>The path.</returns>
    public string File(string fileName)
    {
        Directory.CreateDirectory(OutputDirectory);
        return Path.Combine(OutputDirectory, fileName);
    }

    /// <summary>The tolerance for "agrees with": 1e-6 relative in float64, 1e-3 in float32.</summary>
    public double Tolerance => Backend.DType == DType.Float64 ? 1e-6 : 1e-3;
}

/// <summary>
/// What an example printed and measured, and whether its claim held (the command's exit code is non-zero when not).
/// </summary>
/// <param name="name">The example's name.</param>
/// <param name="claim">The lecture's claim the example checks, in one sentence.</param>
public sealed class ExampleResult(string name, string claim)
{
    private readonly List<(string Key, double[] Values, bool Scalar)> _values = [];

    /// <summary>The example's name, e.g. "xor".</summary>
    public string Name { get; } = name;

    /// <summary>The claim, e.g. "a linear model cannot fit XOR; one hidden layer can".</summary>
    public string Claim { get; } = claim;

    /// <summary>Whether the claim held.</summary>
    public bool Passed { get; set; }

    /// <summary>The text report, line by line.</summary>
    public List<string> Lines { get; } = [];

    /// <summary>Files written (SVG plots).</summary>
    public List<string> Files { get; } = [];

    /// <summary>Named numbers for the JSON output, in order.</summary>
    public IReadOnlyList<(string Key, double[] Values, bool Scalar)> Values => _values;

    /// <summary>Adds a line of text (formatted with the invariant culture).</summary>
    /// <param name="text">The line.</param>
    public void Line(FormattableString text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Lines.Add(text.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Records a named number for the JSON output.</summary>
    /// <param name="key">The JSON property name.</param>
    /// <param name="value">The number.</param>
    public void Value(string key, double value) => _values.Add((key, [value], true));

    /// <summary>Records a named list of numbers for the JSON output.</summary>
    /// <param name="key">The JSON property name.</param>
    /// <param name="values">The numbers.</param>
    public void Value(string key, double[] values) => _values.Add((key, values, false));

    /// <summary>The JSON object <c>minidl example NAME --json</c> prints: example, claim, passed, values, files.</summary>
    /// <returns>Indented JSON.</returns>
    public string ToJson() => RunOutputs.Json(j =>
    {
        j.WriteStartObject();
        j.WriteString("example", Name);
        j.WriteString("claim", Claim);
        j.WriteBoolean("passed", Passed);
        j.WriteStartObject("values");
        foreach (var (key, values, scalar) in _values)
        {
            if (scalar)
            {
                RunOutputs.Number(j, key, values[0]);
            }
            else
            {
                j.WriteStartArray(key);
                foreach (var v in values)
                {
                    if (double.IsFinite(v))
                    {
                        j.WriteNumberValue(v);
                    }
                    else
                    {
                        j.WriteNullValue();
                    }
                }

                j.WriteEndArray();
            }
        }

        j.WriteEndObject();
        j.WriteStartArray("files");
        foreach (var f in Files)
        {
            j.WriteStringValue(f);
        }

        j.WriteEndArray();
        j.WriteEndObject();
    });
}
