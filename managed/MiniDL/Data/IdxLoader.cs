using System.Buffers.Binary;
using System.IO.Compression;

namespace MiniDL.Data;

/// <summary>
/// Reads the IDX format of MNIST and Fashion-MNIST, gzip-compressed or raw.
/// </summary>
/// <remarks>
/// <para>
/// An IDX file is: a 4-byte big-endian magic <c>00 00 TT DD</c> (two zero bytes, the element type
/// <c>TT</c> = 0x08 for unsigned bytes, the number of dimensions <c>DD</c>), then <c>DD</c> big-endian
/// 32-bit sizes, then the elements row by row. Images are 0x00000803 (count × rows × columns), labels
/// 0x00000801 (count). Only unsigned-byte files are supported (all that (Fashion-)MNIST use).
/// </para>
/// <para>
/// A stream that starts with the gzip magic <c>1f 8b</c> is decompressed first, whatever the file name.
/// Everything is checked: the magic, that the product of the sizes (in checked 64-bit arithmetic, at most
/// <see cref="MaxDataBytes"/>) equals the number of data bytes (neither truncated nor with trailing bytes), and,
/// for labels, that every label is below the number of classes. Reading stops at the size the header states, so
/// a compressed file that would decompress to gigabytes costs no more than its header says.
/// </para>
/// </remarks>
public static class IdxLoader
{
    /// <summary>The magic number of an IDX image file (unsigned bytes, 3 dimensions).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The magic number of an IDX label file (unsigned bytes, 1 dimension).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads an IDX image file (magic 0x00000803).</summary>
    /// <param name="path">The file, gzip-compressed or raw.</param>
    /// <returns>The images: count, height, width and the raw bytes, count × height × width.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid IDX image file.</exception>
    public static IdxImages ReadImages(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadImages(stream, path);
    }

    /// <summary>Reads IDX images (magic 0x00000803) from a stream.</summary>
    /// <param name="stream">The data, gzip-compressed or raw.</param>
    /// <param name="sourceName">What to call the source in error messages.</param>
    /// <returns>The images.</returns>
    /// <exception cref="InvalidDataException">The data is not a valid IDX image file.</exception>
    public static IdxImages ReadImages(Stream stream, string sourceName)
    {
        var (dims, data) = Read(stream, sourceName, ImagesMagic, 3);
        return new IdxImages(dims[0], dims[1], dims[2], data);
    }

    /// <summary>Reads an IDX label file (magic 0x00000801) and checks every label is below <paramref name="classCount"/>.</summary>
    /// <param name="path">The file, gzip-compressed or raw.</param>
    /// <param name="classCount">Number of classes; each label must be in <c>0 .. classCount - 1</c>.</param>
    /// <returns>The labels.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid IDX label file or a label is out of range.</exception>
    public static int[] ReadLabels(string path, int classCount = 256)
    {
        using var stream = File.OpenRead(path);
        return ReadLabels(stream, path, classCount);
    }

    /// <summary>Reads IDX labels (magic 0x00000801) from a stream and checks their range.</summary>
    /// <param name="stream">The data, gzip-compressed or raw.</param>
    /// <param name="sourceName">What to call the source in error messages.</param>
    /// <param name="classCount">Number of classes; each label must be in <c>0 .. classCount - 1</c>.</param>
    /// <returns>The labels.</returns>
    /// <exception cref="InvalidDataException">The data is not a valid IDX label file or a label is out of range.</exception>
    public static int[] ReadLabels(Stream stream, string sourceName, int classCount = 256)
    {
        if (classCount < 1 || classCount > 256)
        {
            throw new ArgumentException($"IdxLoader.ReadLabels: classCount must be in 1..256, got {classCount}.", nameof(classCount));
        }

        var (_, data) = Read(stream, sourceName, LabelsMagic, 1);
        var labels = new int[data.Length];
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] >= classCount)
            {
                throw new InvalidDataException(
                    $"IdxLoader: {sourceName}: label {data[i]} of item {i} is outside 0..{classCount - 1} ({classCount} classes).");
            }

            labels[i] = data[i];
        }

        return labels;
    }

    /// <summary>
    /// Reads an image file and its label file into a classification <see cref="Dataset"/> with pixels
    /// scaled from 0..255 to [0, 1].
    /// </summary>
    /// <param name="imagesPath">The IDX image file.</param>
    /// <param name="labelsPath">The IDX label file.</param>
    /// <param name="name">The data set's name.</param>
    /// <param name="classNames">The class names; labels must be below their count.</param>
    /// <returns>The data set, with <see cref="Dataset.ImageShape"/> set.</returns>
    /// <exception cref="InvalidDataException">A file is invalid, holds no images, or the two files hold different numbers of items.</exception>
    public static Dataset LoadDataset(string imagesPath, string labelsPath, string name, IReadOnlyList<string> classNames)
    {
        var images = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath, classNames.Count);
        if (images.Count == 0 || images.Height == 0 || images.Width == 0)
        {
            throw new InvalidDataException(
                $"IdxLoader: {imagesPath} holds {images.Count} images of {images.Height} × {images.Width} pixels: nothing to learn from.");
        }

        if (labels.Length != images.Count)
        {
            throw new InvalidDataException(
                $"IdxLoader: {imagesPath} holds {images.Count} images but {labelsPath} holds {labels.Length} labels.");
        }

        return new Dataset(name, images.ToUnitInterval(), images.Height * images.Width, labels, classNames, (images.Height, images.Width));
    }

    private static (int[] Dims, byte[] Data) Read(Stream stream, string sourceName, int expectedMagic, int expectedDims)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        using var body = OpenMaybeGzip(stream, out bool gzip);
        int headerLength = 4 + 4 * expectedDims;
        var header = new byte[headerLength];
        int got = ReadUpTo(body, header, sourceName, gzip);
        if (got < 4)
        {
            throw new InvalidDataException($"IdxLoader: {sourceName}: {got} bytes is too short for an IDX header.");
        }

        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != expectedMagic)
        {
            throw new InvalidDataException(
                $"IdxLoader: {sourceName}: magic number 0x{magic:X8}, expected 0x{expectedMagic:X8} ({(expectedDims == 3 ? "images" : "labels")}, unsigned bytes, {expectedDims} dimension(s)).");
        }

        if (got < headerLength)
        {
            throw new InvalidDataException(
                $"IdxLoader: {sourceName}: {got} bytes is too short for the {expectedDims} dimension sizes (header is {headerLength} bytes).");
        }

        var dims = new int[expectedDims];
        long product = 1;
        bool tooBig = false;
        for (int d = 0; d < expectedDims; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + 4 * d));
            if (dims[d] < 0)
            {
                throw new InvalidDataException($"IdxLoader: {sourceName}: dimension {d} has negative size {dims[d]}.");
            }

            // Checked: three 32-bit sizes can multiply past 2^63 (2^21 × 2^21 × 2^22 wraps to 0 unchecked).
            tooBig |= product > MaxDataBytes || (dims[d] != 0 && product > MaxDataBytes / dims[d]);
            product = tooBig ? product : product * dims[d];
        }

        if (tooBig || product > MaxDataBytes)
        {
            throw new InvalidDataException(
                $"IdxLoader: {sourceName}: the sizes [{string.Join(" × ", dims)}] need more than {MaxDataBytes} data bytes, the most MiniDL reads (corrupt header?).");
        }

        // Read exactly what the header states, then one byte more to detect trailing data: a gzip bomb whose header
        // states 300 × 28 × 28 stops after 235,201 bytes, however much more it would decompress to.
        // The buffer grows with the bytes that actually arrive (doubling), so a lying header that states 2 GB in a
        // 100-byte file allocates about 1 MB, not 2 GB.
        var data = new byte[Math.Min(product, 1 << 20)];
        long dataLength = 0;
        while (dataLength < product)
        {
            if (dataLength == data.Length)
            {
                Array.Resize(ref data, (int)Math.Min(product, 2L * data.Length));
            }

            int n = ReadSome(body, data.AsSpan((int)dataLength), sourceName, gzip);
            if (n == 0)
            {
                break;
            }

            dataLength += n;
        }

        if (dataLength < product)
        {
            throw new InvalidDataException(
                $"IdxLoader: {sourceName}: the sizes [{string.Join(" × ", dims)}] need {product} data bytes but the file has {dataLength} after the header (truncated).");
        }

        if (ReadUpTo(body, new byte[1], sourceName, gzip) > 0)
        {
            throw new InvalidDataException(
                $"IdxLoader: {sourceName}: the sizes [{string.Join(" × ", dims)}] need {product} data bytes but the file has more after the header (trailing bytes).");
        }

        return (dims, data);
    }

    /// <summary>The most data bytes an IDX file may hold (Fashion-MNIST's training images are 47 million).</summary>
    public const long MaxDataBytes = int.MaxValue - 64;

    private static Stream OpenMaybeGzip(Stream stream, out bool gzip)
    {
        var magic = new byte[2];
        int got = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        gzip = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        var rest = new PrefixedStream(magic.AsMemory(0, got), stream);
        return gzip ? new GZipStream(rest, CompressionMode.Decompress) : rest;
    }

    private static int ReadUpTo(Stream body, byte[] buffer, string sourceName, bool gzip)
    {
        try
        {
            return body.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e) when (gzip)
        {
            throw new InvalidDataException($"IdxLoader: {sourceName}: starts like gzip but does not decompress: {e.Message}", e);
        }
    }

    private static int ReadSome(Stream body, Span<byte> buffer, string sourceName, bool gzip)
    {
        try
        {
            return body.Read(buffer);
        }
        catch (InvalidDataException e) when (gzip)
        {
            throw new InvalidDataException($"IdxLoader: {sourceName}: starts like gzip but does not decompress: {e.Message}", e);
        }
    }

    /// <summary>A read-only stream: a few bytes already read, then the rest of another stream (not disposed).</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_prefix.Length > 0)
            {
                int n = Math.Min(buffer.Length, _prefix.Length);
                _prefix.Span[..n].CopyTo(buffer);
                _prefix = _prefix[n..];
                return n;
            }

            return rest.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
