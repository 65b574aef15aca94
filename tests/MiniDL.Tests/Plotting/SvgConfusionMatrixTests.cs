using MiniDL.Metrics;
using MiniDL.Plotting;

namespace MiniDL.Tests.Plotting;

public class SvgConfusionMatrixTests
{
    [Test]
    public void Render_ThreeClasses_NineCellsWithCountsAndSixLabels()
    {
        var m = new ConfusionMatrix([0, 0, 0, 0, 1, 1, 1, 2, 2, 2], [0, 0, 1, 2, 1, 1, 0, 2, 2, 1], 3);
        string svg = SvgConfusionMatrix.Render(m, ["T-shirt/top", "Trouser", "A & B"]);
        var counts = SvgTestHelpers.WithClass(svg, "text", "count").Select(t => t.Value).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(SvgTestHelpers.WithClass(svg, "rect", "cell"), Has.Count.EqualTo(9));
            Assert.That(counts, Is.EqualTo(new[] { "2", "1", "1", "1", "2", "0", "0", "1", "2" }));
            var labels = SvgTestHelpers.WithClass(svg, "text", "class-label").Select(t => t.Value).ToList();
            Assert.That(labels, Has.Count.EqualTo(6));
            Assert.That(labels, Does.Contain("A & B"));
        });
    }

    [Test]
    public void Render_DiagonalOnly_DiagonalCellsDarkest()
    {
        string svg = SvgConfusionMatrix.Render(new long[,] { { 5, 0 }, { 0, 5 } }, ["a", "b"]);
        var fills = SvgTestHelpers.WithClass(svg, "rect", "cell").Select(c => (string)c.Attribute("fill")!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(fills[0], Is.EqualTo("#08306b"));
            Assert.That(fills[1], Is.EqualTo("#f7fbff"));
        });
    }

    [Test]
    public void Render_NamesCountMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => SvgConfusionMatrix.Render(new long[2, 2], ["a"]));
    }
}
