using MiniDL.Data;
using MiniDL.Plotting;

namespace MiniDL.Tests.Plotting;

public class SvgFunctionPlotTests
{
    [Test]
    public void Render_BumpsTargetApproximationAndSamples_TwoSeriesAndSamplePoints()
    {
        var x = Enumerable.Range(0, 101).Select(i => i / 100.0).ToArray();
        var target = x.Select(Datasets.BumpsFunction).ToArray();
        var approximation = target.Select(v => v + 0.02).ToArray();
        var samples = Datasets.Bumps(20, seed: 1);
        string svg = SvgFunctionPlot.Render(x, target, approximation, samples.Features, samples.Targets, "bumps");
        var series = SvgTestHelpers.WithClass(svg, "path", "series");
        Assert.Multiple(() =>
        {
            Assert.That(series.Select(s => (string?)s.Attribute("data-name")), Is.EqualTo(new[] { "target", "approximation" }));
            Assert.That(((string)series[0].Attribute("d")!).Count(c => c == 'L'), Is.EqualTo(100));
            Assert.That(SvgTestHelpers.WithClass(svg, "circle", "sample"), Has.Count.EqualTo(20));
        });
    }

    [Test]
    public void Render_LengthMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => SvgFunctionPlot.Render([0.0, 1], [0.0, 1], [0.0]));
    }
}
