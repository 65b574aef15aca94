using System.Text;
using MiniDL.Data;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Data;

/// <summary>Issue 12's loader and standardizer checks below the CLI.</summary>
public class ValidationTests : TemporaryFolderTest
{
    [Test]
    public void StandardizerFit_FeaturesNear1e200_GivesFiniteMeanAndDeviation()
    {
        var s = Standardizer.Fit([1e200, 3e200, 1e200, 3e200], 1);
        Assert.That(s.Mean[0], Is.EqualTo(2e200).Within(1e-12).Percent);
        Assert.That(s.StandardDeviation[0], Is.EqualTo(1e200).Within(1e-12).Percent);
        Assert.That(s.Transform([1e200, 3e200]), Is.EqualTo(new[] { -1.0, 1.0 }).Within(1e-12));
    }

    [Test]
    public void StandardizerFit_OrdinaryFeatures_UnchangedByTheOverflowPath()
    {
        var s = Standardizer.Fit([1.0, 2.0, 3.0, 4.0], 1);
        Assert.That(s.Mean[0], Is.EqualTo(2.5));
        Assert.That(s.StandardDeviation[0], Is.EqualTo(Math.Sqrt(1.25)));
    }

    // A bad cell in row 2 (a non-finite feature, or a label above the largest the loader takes): the error names the
    // file, the line, the column and the cell.
    [TestCase("3,NaN,1", "f.csv, line 2, column 2", "NaN", TestName = "CsvLoad_NonFiniteCell_ThrowsNamingLineAndColumn(\"NaN\")")]
    [TestCase("3,-Infinity,1", "f.csv, line 2, column 2", "-Infinity", TestName = "CsvLoad_NonFiniteCell_ThrowsNamingLineAndColumn(\"-Infinity\")")]
    [TestCase("3,1e400,1", "f.csv, line 2, column 2", "1e400", TestName = "CsvLoad_NonFiniteCell_ThrowsNamingLineAndColumn(\"1e400\")")]
    [TestCase("3,4,2147483647", "line 2, column 3", "2147483647", TestName = "CsvLoad_LabelBeyondMaxLabel_Throws(\"2147483647\")")]
    [TestCase("3,4,50000000", "line 2, column 3", "50000000", TestName = "CsvLoad_LabelBeyondMaxLabel_Throws(\"50000000\")")]
    [TestCase("3,4,65536", "line 2, column 3", "65536", TestName = "CsvLoad_LabelBeyondMaxLabel_Throws(\"65536\")")]
    public void CsvLoad_BadCellInRowTwo_ThrowsNamingLineAndColumn(string secondRow, string where, string cell)
    {
        var e = Assert.Throws<InvalidDataException>(() => CsvLoader.Load(new StringReader($"1,2,0\n{secondRow}\n"), "f.csv"));
        Assert.That(e!.Message, Does.Contain(where).And.Contain(cell));
    }

    [Test]
    public void CsvLoad_DropBadRows_LeavesThemOutAndNamesThem()
    {
        var dropped = new List<string>();
        var data = CsvLoader.Load(new StringReader("1,2,0\n3,NaN,1\n5,6,70000\n7,8,1\n"), "f.csv", droppedRows: dropped);
        Assert.That(data.Count, Is.EqualTo(2));
        Assert.That(data.Labels, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(dropped, Has.Count.EqualTo(2));
        Assert.That(dropped[0], Does.StartWith("line 2, column 2"));
        Assert.That(dropped[1], Does.StartWith("line 3, column 3"));
    }

    [Test]
    public void CsvLoad_CorruptGzipFile_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"minidl-corrupt-{Guid.NewGuid():N}.csv.gz");
        var gz = IdxLoaderTests.Gzip(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("1,2,0\n3,4,1\n", 200))));
        for (int i = 20; i < gz.Length - 8; i += 5)
        {
            gz[i] ^= 0xa5;
        }

        File.WriteAllBytes(path, gz);
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => CsvLoader.Load(path));
            Assert.That(e!.Message, Does.Contain(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void IdxReadImages_GzipBombWithAnHonestHeader_StopsAtTheStatedSize()
    {
        var bomb = new byte[16 + 300 * 28 * 28 + 256 * 1024 * 1024];
        IdxLoaderTests.Idx(0x803, [300, 28, 28], []).CopyTo(bomb, 0);
        var gz = IdxLoaderTests.Gzip(bomb);
        bomb = [];
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => IdxLoader.ReadImages(new MemoryStream(gz), "bomb.gz"));
        Assert.That(e!.Message, Does.Contain("trailing").And.Contain("235200"));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(8L * 1024 * 1024));
    }

    [Test]
    public void IdxReadImages_DimensionsWhoseProductWraps_ThrowsWithoutAWrappedCount()
    {
        var e = Assert.Throws<InvalidDataException>(() => IdxLoader.ReadImages(new MemoryStream(IdxLoaderTests.Idx(0x803, [1 << 21, 1 << 21, 1 << 22], [])), "wrap.idx"));
        Assert.That(e!.Message, Does.Contain("more than").And.Not.Contain("need 0 "));
    }

    [Test]
    public void IdxLoadDataset_ZeroImages_Throws()
    {
        string images = Path.Combine(Folder, "img"), labels = Path.Combine(Folder, "lab");
        File.WriteAllBytes(images, IdxLoaderTests.Idx(0x803, [0, 28, 28], []));
        File.WriteAllBytes(labels, IdxLoaderTests.Idx(0x801, [0], []));
        var e = Assert.Throws<InvalidDataException>(() => IdxLoader.LoadDataset(images, labels, "x", ["a", "b"]));
        Assert.That(e!.Message, Does.Contain("0 images"));
    }
}
