using System.IO.Compression;
using System.Text;
using MiniDL.Data;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Data;

public class CsvLoaderTests : TemporaryFolderTest
{
    [Test]
    public void Load_TextWithLabelLast_ParsesInvariantNumbers()
    {
        var d = CsvLoader.Load(new StringReader("1.5,2e1,0\n-3,4.25,2\n"), "mem");
        Assert.Multiple(() =>
        {
            Assert.That(d.Features, Is.EqualTo(new[] { 1.5, 20, -3, 4.25 }));
            Assert.That(d.Labels, Is.EqualTo(new[] { 0, 2 }));
            Assert.That(d.ClassCount, Is.EqualTo(3));
            Assert.That(d.FeatureCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void Load_UnderCommaDecimalCulture_StillReadsDots()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            var comma = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            System.Globalization.CultureInfo.CurrentCulture = comma;
            Assert.That(CsvLoader.Load(new StringReader("1.5,0\n"), "mem").Features, Is.EqualTo(new[] { 1.5 }));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Test]
    public void Load_HeaderAndFirstLabelColumn_SkipsHeaderAndUsesColumn()
    {
        var d = CsvLoader.Load(new StringReader("y,a,b\n1,5,6\n\n0,7,8\n"), "mem", hasHeader: true, labelColumn: 0, classNames: ["no", "yes"]);
        Assert.Multiple(() =>
        {
            Assert.That(d.Features, Is.EqualTo(new double[] { 5, 6, 7, 8 }));
            Assert.That(d.Labels, Is.EqualTo(new[] { 1, 0 }));
            Assert.That(d.ClassNames, Is.EqualTo(new[] { "no", "yes" }));
        });
    }

    [Test]
    public void Load_BadNumber_NamesSourceLineAndColumn()
    {
        var e = Assert.Throws<InvalidDataException>(() => CsvLoader.Load(new StringReader("1,2,0\n3,x7,1\n"), "file.csv"));
        Assert.That(e!.Message, Does.Contain("file.csv").And.Contain("line 2").And.Contain("column 2").And.Contain("'x7'"));
    }

    [Test]
    public void Load_CommaDecimalSeparator_IsRejectedAsBadNumber()
    {
        var e = Assert.Throws<InvalidDataException>(() => CsvLoader.Load(new StringReader("1;2,5;0\n"), "semi.csv", separator: ';'));
        Assert.That(e!.Message, Does.Contain("line 1").And.Contain("column 2"));
    }

    [Test]
    public void Load_RaggedRows_ThrowsNamingLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => CsvLoader.Load(new StringReader("1,2,0\n3,1\n"), "ragged.csv"));
        Assert.That(e!.Message, Does.Contain("line 2").And.Contain("2 columns"));
    }

    [Test]
    public void Load_FractionalLabel_ThrowsNamingLabel()
    {
        var e = Assert.Throws<InvalidDataException>(() => CsvLoader.Load(new StringReader("1,0.5\n"), "f.csv"));
        Assert.That(e!.Message, Does.Contain("label").And.Contain("column 2"));
    }

    [Test]
    public void Load_LabelBeyondClassNames_Throws()
    {
        Assert.Throws<InvalidDataException>(() => CsvLoader.Load(new StringReader("1,2\n"), "f.csv", classNames: ["a", "b"]));
    }

    [Test]
    public void Load_GzipFile_DecompressesTransparently()
    {
        string path = Path.Combine(Folder, "data.csv.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes("1,2,1\n3,4,0\n"));
        }

        var d = CsvLoader.Load(path);
        Assert.Multiple(() =>
        {
            Assert.That(d.Name, Is.EqualTo("data"));
            Assert.That(d.Features, Is.EqualTo(new double[] { 1, 2, 3, 4 }));
            Assert.That(d.Labels, Is.EqualTo(new[] { 1, 0 }));
        });
    }

    [Test]
    public void Load_PlainFileBadValue_MessageNamesPath()
    {
        string path = Path.Combine(Folder, "plain.csv");
        File.WriteAllText(path, "1,2,0\n1,2,0\n1,,0\n");
        var e = Assert.Throws<InvalidDataException>(() => CsvLoader.Load(path));
        Assert.That(e!.Message, Does.Contain(path).And.Contain("line 3").And.Contain("column 2"));
    }

    [Test]
    public void LoadRegression_TargetLast_ReadsRealTargets()
    {
        var d = CsvLoader.LoadRegression(new StringReader("2104,400\n1600,330.5\n"), "houses");
        Assert.Multiple(() =>
        {
            Assert.That(d.Targets, Is.EqualTo(new[] { 400, 330.5 }));
            Assert.That(d.Features, Is.EqualTo(new double[] { 2104, 1600 }));
        });
    }

    [Test]
    public void Load_LabelColumnOutOfRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => CsvLoader.Load(new StringReader("1,2,0\n"), "mem", labelColumn: 5));
    }
}
