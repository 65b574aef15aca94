using MiniDL.Plotting;

namespace MiniDL.Tests.Plotting;

public class SvgLineChartTests
{
    [Test]
    public void ToSvg_TwoSeries_ParsesWithTwoPathsAndLegendEntries()
    {
        var chart = new SvgLineChart("Loss & accuracy <per epoch>", "epoch", "loss")
            .AddSeries("train loss", [2.3, 1.1, 0.7, 0.5])
            .AddSeries("validation loss", [2.4, 1.3, 0.9, 0.95]);
        string svg = chart.ToSvg();
        var paths = SvgTestHelpers.WithClass(svg, "path", "series");
        var legend = SvgTestHelpers.WithClass(svg, "text", "legend");
        Assert.Multiple(() =>
        {
            Assert.That(paths, Has.Count.EqualTo(2));
            Assert.That(paths.Select(p => (string?)p.Attribute("data-name")), Is.EqualTo(new[] { "train loss", "validation loss" }));
            Assert.That(legend.Select(t => t.Value), Is.EqualTo(new[] { "train loss", "validation loss" }));
            Assert.That(SvgTestHelpers.WithClass(svg, "text", "title").Single().Value, Is.EqualTo("Loss & accuracy <per epoch>"));
            Assert.That(SvgTestHelpers.WithClass(svg, "text", "axis-label").Select(t => t.Value), Is.EquivalentTo(new[] { "epoch", "loss" }));
            Assert.That(SvgTestHelpers.WithClass(svg, "text", "tick-label"), Has.Count.GreaterThan(4));
        });
    }

    [Test]
    public void ToSvg_FourPoints_PathHasOneMoveAndThreeLines()
    {
        string svg = new SvgLineChart().AddSeries("s", [1.0, 2, 3], [3.0, 1, 2]).AddSeries("t", [1.0, 2, 3, 4]).ToSvg();
        string d = (string)SvgTestHelpers.WithClass(svg, "path", "series")[1].Attribute("d")!;
        Assert.Multiple(() =>
        {
            Assert.That(d.Count(c => c == 'M'), Is.EqualTo(1));
            Assert.That(d.Count(c => c == 'L'), Is.EqualTo(3));
            Assert.That(d, Does.Not.Contain("NaN"));
        });
    }

    [Test]
    public void ToSvg_NaNInSeries_BreaksLineIntoTwoPieces()
    {
        string svg = new SvgLineChart().AddSeries("s", [1.0, 2, double.NaN, 4, 5]).ToSvg();
        string d = (string)SvgTestHelpers.WithClass(svg, "path", "series").Single().Attribute("d")!;
        Assert.Multiple(() =>
        {
            Assert.That(d.Count(c => c == 'M'), Is.EqualTo(2));
            Assert.That(d, Does.Not.Contain("NaN"));
        });
    }

    [Test]
    public void AddSeries_LengthMismatch_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new SvgLineChart().AddSeries("s", [1.0, 2], [1.0]));
        Assert.That(e!.Message, Does.Contain("'s'"));
    }

    [Test]
    public void Save_Path_WritesParsableFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "minidl-chart-" + Guid.NewGuid().ToString("N") + ".svg");
        try
        {
            new SvgLineChart("t").AddSeries("a", [1.0]).Save(path);
            Assert.That(SvgTestHelpers.WithClass(File.ReadAllText(path), "path", "series"), Has.Count.EqualTo(1));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
