using System.Text;
using MiniDL.Data;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Data;

/// <summary>Seeded fuzzing of the CSV and IDX loaders (issue 12): every mutated input loads or raises InvalidDataException.</summary>
[TestFixture]
public class LoaderFuzzTests
{
    private static readonly byte[][] CsvSeeds =
    [
        Encoding.UTF8.GetBytes("1,2,0\n3,4,1\n5.5,-6e3,2\n"),
        Encoding.UTF8.GetBytes("a,b,label\n0.25,1e10,1\n-3,4,0\n\n7,8,1\n"),
        Encoding.UTF8.GetBytes("1,0\n"),
        Encoding.UTF8.GetBytes("  1 , 2 ,3\r\n4,5,6\r\n"),
    ];

    [Test]
    public void CsvLoader_TenThousandMutations_LoadOrInvalidData()
    {
        var (loaded, rejected) = Fuzz.Run<InvalidDataException>(1201, CsvSeeds, input =>
        {
            var text = Encoding.UTF8.GetString(input);
            var data = CsvLoader.Load(new StringReader(text), "fuzz.csv", hasHeader: input.Length % 3 == 0);
            if (!data.Features.All(double.IsFinite) || !data.Labels.All(l => l >= 0 && l <= CsvLoader.MaxLabel))
            {
                Assert.Fail("loaded a non-finite feature or an out-of-range label");
            }
        });
        Assert.That(loaded, Is.GreaterThan(0));
        Assert.That(rejected, Is.GreaterThan(0));
    }

    [Test]
    public void CsvLoader_DropBadRows_TenThousandMutations_LoadOrInvalidData()
    {
        Fuzz.Run<InvalidDataException>(1202, CsvSeeds, input =>
        {
            var dropped = new List<string>();
            var data = CsvLoader.Load(new StringReader(Encoding.UTF8.GetString(input)), "fuzz.csv", droppedRows: dropped);
            if (!data.Features.All(double.IsFinite) || !dropped.All(d => d.StartsWith("line ", StringComparison.Ordinal)))
            {
                Assert.Fail("loaded a non-finite feature or a dropped row without its line");
            }
        });
    }

    private static readonly byte[][] IdxImageSeeds =
    [
        IdxLoaderTests.Idx(0x803, [2, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]),
        IdxLoaderTests.Idx(0x803, [1, 4, 4], new byte[16]),
        IdxLoaderTests.Gzip(IdxLoaderTests.Idx(0x803, [3, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])),
        IdxLoaderTests.Idx(0x803, [0, 28, 28], []),
    ];

    /// <summary>Extra mutations for IDX: a raw file with mutated header compressed afterwards (so gzip wraps a lying header).</summary>
    private static byte[] GzipWrapped(Random random, byte[] bytes)
    {
        var raw = IdxLoaderTests.Idx(0x803, [random.Next(4), random.Next(5), random.Next(5)], new byte[random.Next(40)]);
        if (random.Next(2) == 0)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(raw.AsSpan(4 + 4 * random.Next(3)), random.Next(3) switch { 0 => int.MaxValue, 1 => 1 << 21, _ => -1 });
        }

        return IdxLoaderTests.Gzip(raw);
    }

    [Test]
    public void IdxLoader_Images_TenThousandMutations_LoadOrInvalidData()
    {
        var (loaded, rejected) = Fuzz.Run<InvalidDataException>(1203, IdxImageSeeds, input =>
        {
            var images = IdxLoader.ReadImages(new MemoryStream(input), "fuzz-images");
            if (images.Pixels.Length != (long)images.Count * images.Height * images.Width)
            {
                Assert.Fail("pixel count differs from the header");
            }
        }, GzipWrapped);
        Assert.That(loaded, Is.GreaterThan(0));
        Assert.That(rejected, Is.GreaterThan(0));
    }

    [Test]
    public void IdxLoader_Labels_TenThousandMutations_LoadOrInvalidData()
    {
        byte[][] seeds = [IdxLoaderTests.Idx(0x801, [3], [2, 0, 9]), IdxLoaderTests.Gzip(IdxLoaderTests.Idx(0x801, [5], [1, 2, 3, 4, 5]))];
        Fuzz.Run<InvalidDataException>(1204, seeds, input => IdxLoader.ReadLabels(new MemoryStream(input), "fuzz-labels", classCount: 10));
    }
}
