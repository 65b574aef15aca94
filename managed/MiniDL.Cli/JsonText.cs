using System.Text;
using System.Text.Json;

namespace MiniDL.Cli;

/// <summary>The <c>--json</c> documents of the commands, written with <see cref="Utf8JsonWriter"/> (no reflection, trimming-safe).</summary>
internal static class JsonText
{
    /// <summary>One indented JSON object: <paramref name="body"/> writes its members.</summary>
    public static string Object(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>An array <paramref name="name"/> of strings.</summary>
    public static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    /// <summary>An array <paramref name="name"/> of objects, one per item, each with string members <paramref name="fields"/>.</summary>
    public static void Objects<T>(Utf8JsonWriter w, string name, IEnumerable<T> items, params (string Key, Func<T, string> Value)[] fields)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            foreach (var (key, value) in fields)
            {
                w.WriteString(key, value(item));
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
