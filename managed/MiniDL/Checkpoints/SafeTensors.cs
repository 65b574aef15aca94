using System.Buffers;
using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MiniDL.Checkpoints;

/// <summary>
/// Writes and reads checkpoints in the safetensors format (Hugging Face), so weights can be saved,
/// reloaded and exchanged with PyTorch (<c>safetensors.torch.load_file</c> / <c>save_file</c>).
/// </summary>
/// <remarks>
/// <para>A safetensors file is:</para>
/// <list type="number">
/// <item>8 bytes: the header length <c>N</c>, an unsigned 64-bit little-endian integer;</item>
/// <item><c>N</c> bytes: a UTF-8 JSON object
/// <c>{"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, …, "__metadata__": {"key": "value"}}</c>
/// (metadata optional, string values only), possibly padded with trailing spaces;</item>
/// <item>the data section: every tensor's raw little-endian values, row-major, at bytes
/// <c>[begin, end)</c> counted from the start of the data section.</item>
/// </list>
/// <para>
/// The writer sorts tensors by name, lays them out back to back from offset 0, pads the header with
/// spaces so the data section starts at a multiple of 8 bytes, and writes atomically: to
/// <c>&lt;path&gt;.tmp-&lt;random&gt;</c> first, flushed to disk, then renamed over <c>path</c>, so a crash
/// never leaves a half-written checkpoint. The reader checks everything and reports each problem as an
/// <see cref="InvalidDataException"/> naming the file and the tensor.
/// </para>
/// <para>
/// Weight layout. MiniDL stores a linear layer's <c>W</c> as inputs × outputs, because lesson 7
/// writes a batch through a layer as <c>Y = X W + b</c> with
/// <c>W^(l) ∈ R^{d(l−1) × d(l)}</c>. PyTorch's <c>nn.Linear.weight</c> is outputs × inputs
/// (<c>y = x Wᵀ + b</c>). So exchanging a linear layer's weights with PyTorch transposes <c>W</c>
/// (<c>torch_weight = W.T</c>, shape reversed); biases are the same vector in both.
/// </para>
/// </remarks>
public static class SafeTensors
{
    /// <summary>The largest header the reader accepts (100 MB); anything longer is taken as a corrupt length.</summary>
    public const long MaxHeaderLength = 100L * 1024 * 1024;

    private const string MetadataKey = "__metadata__";

    /// <summary>Saves tensors (and optional metadata) to a safetensors file, atomically.</summary>
    /// <param name="path">The file to write; replaced if it exists. Its directory must exist.</param>
    /// <param name="tensors">The tensors; names unique.</param>
    /// <param name="metadata">Optional string metadata (e.g. epoch, model description), stored under "__metadata__".</param>
    /// <exception cref="ArgumentException">A name is empty, repeated or "__metadata__", or a shape does not match its data.</exception>
    public static void Save(string path, IReadOnlyList<NamedArray> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = Serialize(tensors, metadata);
        RemoveStaleTemporaries(path);
        string temporary = $"{path}.tmp-{Convert.ToHexString(BitConverter.GetBytes(Random.Shared.NextInt64())).ToLowerInvariant()}";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Deletes the <c>&lt;path&gt;.tmp-&lt;random&gt;</c> files an interrupted <see cref="Save"/> left beside
    /// <paramref name="path"/> (a process killed mid-write never reaches its own clean-up); <see cref="Save"/> calls
    /// it before every write.
    /// </summary>
    /// <param name="path">The checkpoint's path.</param>
    /// <returns>How many files were removed.</returns>
    public static int RemoveStaleTemporaries(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        int removed = 0;
        foreach (var stale in Directory.EnumerateFiles(directory, Path.GetFileName(path) + ".tmp-*"))
        {
            try
            {
                File.Delete(stale);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use or not ours to delete: leave it.
            }
        }

        return removed;
    }

    /// <summary>Loads a safetensors file written by MiniDL, PyTorch or any other writer (F32 and F64 tensors only).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The tensors (sorted by name, values converted to double) and the metadata.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file; the message names the file and tensor.</exception>
    public static SafeTensorsContent Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Encodes tensors and metadata as the bytes of a safetensors file (what <see cref="Save"/> writes).</summary>
    /// <param name="tensors">The tensors; names unique.</param>
    /// <param name="metadata">Optional string metadata.</param>
    /// <returns>The file's bytes.</returns>
    /// <exception cref="ArgumentException">A name is empty, repeated or "__metadata__", or a shape does not match its data.</exception>
    public static byte[] Serialize(IReadOnlyList<NamedArray> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var sorted = tensors.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
        for (int i = 0; i < sorted.Length; i++)
        {
            ValidateForWriting(sorted[i]);
            if (i > 0 && sorted[i].Name == sorted[i - 1].Name)
            {
                throw new ArgumentException($"SafeTensors.Save: tensor name '{sorted[i].Name}' appears twice.", nameof(tensors));
            }
        }

        var header = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(header, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach (var tensor in sorted)
            {
                long length = (long)tensor.Data.Length * ElementSize(tensor.DType);
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", tensor.DType == SafeTensorsDType.F32 ? "F32" : "F64");
                json.WriteStartArray("shape");
                foreach (int dimension in tensor.Shape)
                {
                    json.WriteNumberValue(dimension);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += length;
            }

            json.WriteEndObject();
        }

        int headerLength = (header.WrittenCount + 7) / 8 * 8;
        long dataLength = sorted.Sum(t => (long)t.Data.Length * ElementSize(t.DType));
        var bytes = new byte[8 + headerLength + dataLength];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)headerLength);
        header.WrittenSpan.CopyTo(bytes.AsSpan(8));
        bytes.AsSpan(8 + header.WrittenCount, headerLength - header.WrittenCount).Fill((byte)' ');
        int position = 8 + headerLength;
        foreach (var tensor in sorted)
        {
            foreach (double value in tensor.Data)
            {
                if (tensor.DType == SafeTensorsDType.F32)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(position), (float)value);
                    position += 4;
                }
                else
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(position), value);
                    position += 8;
                }
            }
        }

        return bytes;
    }

    /// <summary>Decodes the bytes of a safetensors file, checking everything.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="sourceName">What to call the file in error messages.</param>
    /// <returns>The tensors (sorted by name) and the metadata.</returns>
    /// <exception cref="InvalidDataException">
    /// The file is shorter than 8 bytes; the header length exceeds the file or <see cref="MaxHeaderLength"/>;
    /// the header is not a JSON object of the expected form; a dtype is unknown or not F32/F64; a shape's
    /// element count times the element size differs from <c>end − begin</c>; the offsets leave gaps, overlap
    /// or point past the data section; or the data section is longer than the last tensor.
    /// </exception>
    public static SafeTensorsContent Parse(byte[] bytes, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (bytes.Length < 8)
        {
            throw Invalid(sourceName, $"is {bytes.Length} bytes long, shorter than the 8-byte header length");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderLength)
        {
            throw Invalid(sourceName, $"announces a header of {headerLength} bytes, more than the {MaxHeaderLength}-byte limit (corrupt length?)");
        }

        if (headerLength > (ulong)(bytes.Length - 8))
        {
            throw Invalid(sourceName, $"announces a header of {headerLength} bytes but only {bytes.Length - 8} bytes follow the length");
        }

        int dataStart = 8 + (int)headerLength;
        long dataLength = bytes.Length - dataStart;
        var entries = new List<Entry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        }
        catch (JsonException e)
        {
            throw Invalid(sourceName, $"has a header that is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            try
            {
                ReadHeader(document, entries, metadata, sourceName);
            }
            catch (InvalidOperationException e)
            {
                throw Invalid(sourceName, $"has a header that is not valid UTF-8 JSON text: {e.Message}", e);
            }
        }

        CheckLayout(entries, dataLength, sourceName);
        var tensors = entries
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => new NamedArray(e.Name, e.Shape, Decode(bytes.AsSpan(dataStart + (int)e.Begin, (int)(e.End - e.Begin)), e.DType), e.DType))
            .ToList();
        return new SafeTensorsContent(tensors, metadata);
    }

    private static void ReadHeader(JsonDocument document, List<Entry> entries, Dictionary<string, string> metadata, string sourceName)
    {
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(sourceName, $"has a JSON header that is a {document.RootElement.ValueKind}, not an object");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw Invalid(sourceName, $"names '{property.Name}' twice in its header");
            }

            if (property.Name == MetadataKey)
            {
                ReadMetadata(property.Value, metadata, sourceName);
            }
            else
            {
                entries.Add(ReadEntry(property, sourceName));
            }
        }
    }

    /// <summary>Bytes per element of a dtype: 4 for F32, 8 for F64.</summary>
    /// <param name="dtype">The dtype.</param>
    /// <returns>The element size in bytes.</returns>
    public static int ElementSize(SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.F32 => 4,
        SafeTensorsDType.F64 => 8,
        _ => throw new ArgumentException($"SafeTensors.ElementSize: unknown dtype {(int)dtype}.", nameof(dtype)),
    };

    private static void ValidateForWriting(NamedArray tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (string.IsNullOrEmpty(tensor.Name) || tensor.Name == MetadataKey)
        {
            throw new ArgumentException($"SafeTensors.Save: a tensor name must be non-empty and not '{MetadataKey}', got '{tensor.Name}'.");
        }

        ArgumentNullException.ThrowIfNull(tensor.Shape);
        ArgumentNullException.ThrowIfNull(tensor.Data);
        ElementSize(tensor.DType);
        long product = 1;
        foreach (int dimension in tensor.Shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"SafeTensors.Save: tensor '{tensor.Name}' has a negative dimension in shape [{string.Join(", ", tensor.Shape)}].");
            }

            product *= dimension;
        }

        if (product != tensor.Data.Length)
        {
            throw new ArgumentException(
                $"SafeTensors.Save: tensor '{tensor.Name}' has shape [{string.Join(", ", tensor.Shape)}] ({product} elements) but {tensor.Data.Length} values.");
        }
    }

    private static void ReadMetadata(JsonElement element, Dictionary<string, string> metadata, string sourceName)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(sourceName, $"has a '{MetadataKey}' that is a {element.ValueKind}, not an object of strings");
        }

        foreach (var item in element.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw Invalid(sourceName, $"has metadata '{item.Name}' that is a {item.Value.ValueKind}, not a string");
            }

            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static Entry ReadEntry(JsonProperty property, string sourceName)
    {
        string name = property.Name;
        var value = property.Value;
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(sourceName, $"tensor '{name}': header entry is a {value.ValueKind}, not an object");
        }

        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw Invalid(sourceName, $"tensor '{name}': missing string \"dtype\"");
        }

        string dtypeText = dtypeElement.GetString()!;
        SafeTensorsDType dtype = dtypeText switch
        {
            "F32" => SafeTensorsDType.F32,
            "F64" => SafeTensorsDType.F64,
            "BOOL" or "U8" or "I8" or "F8_E4M3" or "F8_E5M2" or "I16" or "U16" or "F16" or "BF16" or "I32" or "U32" or "I64" or "U64"
                => throw Invalid(sourceName, $"tensor '{name}': dtype \"{dtypeText}\" is valid safetensors but MiniDL reads only F32 and F64"),
            _ => throw Invalid(sourceName, $"tensor '{name}': unknown dtype \"{dtypeText}\" (MiniDL reads F32 and F64)"),
        };

        if (!value.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(sourceName, $"tensor '{name}': missing array \"shape\"");
        }

        var shape = new int[shapeElement.GetArrayLength()];
        long elements = 1;
        int k = 0;
        foreach (var dimension in shapeElement.EnumerateArray())
        {
            if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt32(out shape[k]) || shape[k] < 0)
            {
                throw Invalid(sourceName, $"tensor '{name}': shape entry {dimension.GetRawText()} is not a non-negative 32-bit integer");
            }

            elements *= shape[k];
            if (elements > int.MaxValue)
            {
                throw Invalid(sourceName, $"tensor '{name}': shape [{shapeElement.GetRawText()}] has more than {int.MaxValue} elements");
            }

            k++;
        }

        if (!value.TryGetProperty("data_offsets", out var offsetsElement)
            || offsetsElement.ValueKind != JsonValueKind.Array
            || offsetsElement.GetArrayLength() != 2
            || offsetsElement[0].ValueKind != JsonValueKind.Number
            || offsetsElement[1].ValueKind != JsonValueKind.Number
            || !offsetsElement[0].TryGetInt64(out long begin)
            || !offsetsElement[1].TryGetInt64(out long end)
            || begin < 0
            || end < begin)
        {
            throw Invalid(sourceName, $"tensor '{name}': \"data_offsets\" must be [begin, end] with 0 ≤ begin ≤ end");
        }

        long expected = elements * ElementSize(dtype);
        if (end - begin != expected)
        {
            throw Invalid(
                sourceName,
                $"tensor '{name}': shape [{string.Join(", ", shape)}] of {dtypeText} needs {elements} × {ElementSize(dtype)} = {expected} bytes, but data_offsets [{begin}, {end}] span {end - begin}");
        }

        return new Entry(name, dtype, shape, begin, end);
    }

    private static void CheckLayout(List<Entry> entries, long dataLength, string sourceName)
    {
        long expectedBegin = 0;
        string? previous = null;
        foreach (var entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (entry.Begin < expectedBegin)
            {
                throw Invalid(sourceName, $"tensor '{entry.Name}': data_offsets [{entry.Begin}, {entry.End}] overlap tensor '{previous}', which ends at {expectedBegin}");
            }

            if (entry.Begin > expectedBegin)
            {
                throw Invalid(
                    sourceName,
                    $"tensor '{entry.Name}': data_offsets [{entry.Begin}, {entry.End}] leave a gap: the previous tensor{(previous is null ? "s end" : $" '{previous}' ends")} at {expectedBegin} (offsets must be contiguous)");
            }

            if (entry.End > dataLength)
            {
                throw Invalid(sourceName, $"tensor '{entry.Name}': data_offsets [{entry.Begin}, {entry.End}] point outside the {dataLength}-byte data section");
            }

            expectedBegin = entry.End;
            previous = entry.Name;
        }

        if (expectedBegin != dataLength)
        {
            throw Invalid(
                sourceName,
                $"has a {dataLength}-byte data section, longer than the {expectedBegin} bytes its tensors use{(previous is null ? "" : $" (the last, '{previous}', ends at {expectedBegin})")}");
        }
    }

    private static double[] Decode(ReadOnlySpan<byte> raw, SafeTensorsDType dtype)
    {
        int size = ElementSize(dtype);
        var values = new double[raw.Length / size];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = dtype == SafeTensorsDType.F32
                ? BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..])
                : BinaryPrimitives.ReadDoubleLittleEndian(raw[(i * 8)..]);
        }

        return values;
    }

    private static InvalidDataException Invalid(string sourceName, string problem, Exception? inner = null) =>
        new($"SafeTensors.Load: '{sourceName}' {problem}.", inner);

    private sealed record Entry(string Name, SafeTensorsDType DType, int[] Shape, long Begin, long End);
}
