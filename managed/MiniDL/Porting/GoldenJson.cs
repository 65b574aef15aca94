using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MiniDL.Porting;

/// <summary>
/// Reads and writes golden cases as JSON (schema "minidl-golden/1", docs/porting.md). Every float64 is written as a
/// string holding its shortest round-trip decimal ("R"), so that any language's decimal parser gives back the same
/// bits; numbers are accepted too when reading (a port may write plain JSON numbers).
/// </summary>
public static class GoldenJson
{
    /// <summary>The value of "format" in every golden file.</summary>
    public const string Format = "minidl-golden/1";

    /// <summary>A double as its shortest round-trip decimal text ("NaN", "Infinity", "-Infinity" for non-finite values).</summary>
    /// <param name="value">The value.</param>
    /// <returns>Text that parses back to the same bits.</returns>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Serializes a case (indented JSON; no reflection, trimming-safe).</summary>
    /// <param name="c">The case.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(GoldenCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("name", c.Name);
            w.WriteString("kind", c.Kind);
            w.WriteStartObject("attributes");
            foreach (var (key, value) in c.Attributes)
            {
                w.WriteString(key, Number(value));
            }

            w.WriteEndObject();
            w.WriteStartArray("constant_inputs");
            foreach (var name in c.ConstantInputs)
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
            WriteArrays(w, "inputs", c.Inputs);
            if (c.Upstream is null)
            {
                w.WriteNull("upstream");
            }
            else
            {
                w.WritePropertyName("upstream");
                WriteArray(w, c.Upstream);
            }

            WriteArrays(w, "outputs", c.Outputs);
            WriteArrays(w, "gradients", c.Gradients);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Parses a case. Only "name", "outputs" and "gradients" are required (what a port writes).</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">The file name, for error messages.</param>
    /// <returns>The case.</returns>
    /// <exception cref="InvalidDataException">The text is not a golden case.</exception>
    public static GoldenCase Read(string json, string source = "golden file")
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            string name = root.GetProperty("name").GetString() ?? throw new InvalidDataException($"{source}: \"name\" is null.");
            string kind = root.TryGetProperty("kind", out var k) ? k.GetString() ?? "" : "";
            var attributes = new Dictionary<string, double>(StringComparer.Ordinal);
            if (root.TryGetProperty("attributes", out var attrs) && attrs.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in attrs.EnumerateObject())
                {
                    attributes[p.Name] = ReadNumber(p.Value, source);
                }
            }

            var constants = root.TryGetProperty("constant_inputs", out var ci) && ci.ValueKind == JsonValueKind.Array
                ? ci.EnumerateArray().Select(e => e.GetString() ?? "").ToList()
                : [];
            var upstream = root.TryGetProperty("upstream", out var u) && u.ValueKind == JsonValueKind.Object ? ReadArray(u, source) : null;
            return new GoldenCase(name, kind, ReadArrays(root, "inputs", source), constants, attributes, upstream,
                ReadArrays(root, "outputs", source), ReadArrays(root, "gradients", source));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{source}: not a golden case ({e.Message}).", e);
        }
    }

    private static void WriteArrays(Utf8JsonWriter w, string property, IReadOnlyList<GoldenArray> arrays)
    {
        w.WriteStartArray(property);
        foreach (var a in arrays)
        {
            WriteArray(w, a);
        }

        w.WriteEndArray();
    }

    /// <summary>Writes <c>"shape": [d0, d1, …]</c> (also the shapes of a safetensors header).</summary>
    internal static void WriteShape(Utf8JsonWriter w, IEnumerable<int> shape)
    {
        w.WriteStartArray("shape");
        foreach (var d in shape)
        {
            w.WriteNumberValue(d);
        }

        w.WriteEndArray();
    }

    private static void WriteArray(Utf8JsonWriter w, GoldenArray a)
    {
        w.WriteStartObject();
        w.WriteString("name", a.Name);
        WriteShape(w, a.Shape);
        w.WriteStartArray("data");
        foreach (var v in a.Data)
        {
            w.WriteStringValue(Number(v));
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static List<GoldenArray> ReadArrays(JsonElement root, string property, string source)
        => root.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(e => ReadArray(e, source)).ToList()
            : [];

    private static GoldenArray ReadArray(JsonElement e, string source)
    {
        string name = e.GetProperty("name").GetString() ?? "";
        var shape = e.TryGetProperty("shape", out var s) ? s.EnumerateArray().Select(d => d.GetInt32()).ToArray() : [];
        var data = e.GetProperty("data").EnumerateArray().Select(v => ReadNumber(v, source)).ToArray();
        return new GoldenArray(name, shape, data);
    }

    private static double ReadNumber(JsonElement v, string source) => v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.String => double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new InvalidDataException($"{source}: '{v.GetString()}' is not a number."),
        JsonValueKind.Null => double.NaN,
        _ => throw new InvalidDataException($"{source}: {v.ValueKind} where a number was expected."),
    };
}
