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
/// Everything is checked: the magic, that the product of the sizes equals the number of data bytes
/// (neither truncated nor with trailing bytes), and, for labels, that every label is below the
/// number of classes.
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
    /// <exception cref="InvalidDataException">A file is invalid, or the two files hold different numbers of items.</exception>
    public static Dataset LoadDataset(string imagesPath, string labelsPath, string name, IReadOnlyList<string> classNames)
    {
        var images = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath, classNames.Count);
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
        byte[] bytes = ReadAllMaybeGzip(stream, sourceName);
        if (bytes.Length < 4)
        {
            throw new InvalidDataException($"IdxLoader: {sourceName}: {bytes.Length} bytes is too short for an IDX header.");
        }

        int magic = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (magic != expectedMagic)
        {
            throw new InvalidDataException(
                $"IdxLoader: {sourceName}: magic number 0x{magic:X8}, expected 0x{expectedMagic:X8} ({(expectedDims == 3 ? "images" : "labels")}, unsigned bytes, {expectedDims} dimension(s)).");
        }

        int headerLength = 4 + 4 * expectedDims;
        if (bytes.Length < headerLength)
        {
            throw new InvalidDataException(
                $"IdxLoader: {sourceName}: {bytes.Length} bytes is too short for the {expectedDims} dimension sizes (header is {headerLength} bytes).");
        }

        var dims = new int[expectedDims];
        long product = 1;
        for (int d = 0; d < expectedDims; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (dims[d] < 0)
            {
                throw new InvalidDataException($"IdxLoader: {sourceName}: dimension {d} has negative size {dims[d]}.");
            }

            product *= dims[d];
        }

        long dataLength = bytes.Length - headerLength;
        if (product != dataLength)
        {
            throw new InvalidDataException(
                $"IdxLoader: {sourceName}: the sizes [{string.Join(" × ", dims)}] need {product} data bytes but the file has {dataLength} after the header ({(dataLength < product ? "truncated" : "trailing bytes")}).");
        }

        return (dims, bytes.AsSpan(headerLength).ToArray());
    }

    private static byte[] ReadAllMaybeGzip(Stream stream, string sourceName)
    {
        using var raw = new MemoryStream();
        stream.CopyTo(raw);
        byte[] bytes = raw.ToArray();
        if (bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
        {
            try
            {
                using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var unpacked = new MemoryStream();
                gzip.CopyTo(unpacked);
                return unpacked.ToArray();
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"IdxLoader: {sourceName}: starts like gzip but does not decompress: {e.Message}", e);
            }
        }

        return bytes;
    }
}
