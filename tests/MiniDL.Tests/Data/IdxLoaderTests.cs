using System.Buffers.Binary;
using System.IO.Compression;
using MiniDL.Data;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Data;

public class IdxLoaderTests : TemporaryFolderTest
{
    internal static byte[] Idx(int magic, int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int d = 0; d < dims.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dims[d]);
        }

        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    internal static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        return output.ToArray();
    }

    private static readonly byte[] TwoImages = Idx(0x803, [2, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]);

    [Test]
    public void ReadImages_RawStream_ReadsDimsAndPixels()
    {
        var images = IdxLoader.ReadImages(new MemoryStream(TwoImages), "raw");
        Assert.Multiple(() =>
        {
            Assert.That((images.Count, images.Height, images.Width), Is.EqualTo((2, 2, 3)));
            Assert.That(images.Pixels[11], Is.EqualTo(255));
            Assert.That(images.ToUnitInterval()[11], Is.EqualTo(1.0));
            Assert.That(images.ToUnitInterval()[1], Is.EqualTo(1 / 255.0));
        });
    }

    [Test]
    public void ReadImages_GzipStream_SameAsRaw()
    {
        var images = IdxLoader.ReadImages(new MemoryStream(Gzip(TwoImages)), "gz");
        Assert.That(images.Pixels, Is.EqualTo(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255 }));
    }

    [Test]
    public void ReadImages_LabelMagic_ThrowsNamingBothMagics()
    {
        var e = Assert.Throws<InvalidDataException>(() => IdxLoader.ReadImages(new MemoryStream(Idx(0x801, [2], [0, 1])), "labels.idx"));
        Assert.That(e!.Message, Does.Contain("labels.idx").And.Contain("0x00000801").And.Contain("0x00000803"));
    }

    [Test]
    public void ReadImages_Truncated_ThrowsSayingTruncated()
    {
        var bytes = TwoImages[..^1];
        var e = Assert.Throws<InvalidDataException>(() => IdxLoader.ReadImages(new MemoryStream(bytes), "t"));
        Assert.That(e!.Message, Does.Contain("12").And.Contain("11").And.Contain("truncated"));
    }

    [Test]
    public void ReadImages_TrailingBytes_ThrowsSayingTrailing()
    {
        var bytes = TwoImages.Concat(new byte[] { 7 }).ToArray();
        var e = Assert.Throws<InvalidDataException>(() => IdxLoader.ReadImages(new MemoryStream(bytes), "t"));
        Assert.That(e!.Message, Does.Contain("trailing"));
    }

    [Test]
    public void ReadImages_HeaderTooShort_Throws()
    {
        Assert.Throws<InvalidDataException>(() => IdxLoader.ReadImages(new MemoryStream(new byte[] { 0, 0, 8, 3, 0, 0 }), "short"));
    }

    [Test]
    public void ReadLabels_InRange_ReturnsLabels()
    {
        var labels = IdxLoader.ReadLabels(new MemoryStream(Idx(0x801, [3], [2, 0, 9])), "l", classCount: 10);
        Assert.That(labels, Is.EqualTo(new[] { 2, 0, 9 }));
    }

    [Test]
    public void ReadLabels_LabelAboveClassCount_ThrowsNamingItem()
    {
        var e = Assert.Throws<InvalidDataException>(() => IdxLoader.ReadLabels(new MemoryStream(Idx(0x801, [3], [2, 10, 1])), "l", classCount: 10));
        Assert.That(e!.Message, Does.Contain("label 10").And.Contain("item 1"));
    }

    [Test]
    public void LoadDataset_CountMismatch_ThrowsNamingBothFiles()
    {
        string images = Path.Combine(Folder, "img.gz"), labels = Path.Combine(Folder, "lab.gz");
        File.WriteAllBytes(images, Gzip(TwoImages));
        File.WriteAllBytes(labels, Gzip(Idx(0x801, [3], [0, 1, 0])));
        var e = Assert.Throws<InvalidDataException>(() => IdxLoader.LoadDataset(images, labels, "x", ["a", "b"]));
        Assert.That(e!.Message, Does.Contain("2 images").And.Contain("3 labels"));
    }
}
