using MiniDL.Plotting;

namespace MiniDL.Tests.Plotting;

public class SvgDecisionBoundaryTests
{
    [Test]
    public void Evaluate_ClassifierBySign_CellsFollowCentres()
    {
        // Class 1 where x > 0: on a 4×2 grid over [−1, 1]², columns 2 and 3 are class 1.
        var grid = DecisionGrid.Evaluate(
            points => Enumerable.Range(0, points.Length / 2).Select(i => points[2 * i] > 0 ? 1 : 0).ToArray(),
            -1, 1, -1, 1, columns: 4, rows: 2);
        Assert.That(grid.Classes, Is.EqualTo(new[] { 0, 0, 1, 1, 0, 0, 1, 1 }));
    }

    [Test]
    public void Evaluate_WrongNumberOfPredictions_Throws()
    {
        Assert.Throws<ArgumentException>(() => DecisionGrid.Evaluate(_ => [0], 0, 1, 0, 1, 2, 2));
    }

    [Test]
    public void Render_WithGrid_OneRegionPerCellOnePointPerSample()
    {
        var grid = DecisionGrid.Evaluate(
            points => Enumerable.Range(0, points.Length / 2).Select(i => points[2 * i + 1] > 0.5 ? 1 : 0).ToArray(),
            0, 1, 0, 1, columns: 10, rows: 8);
        string svg = SvgDecisionBoundary.Render([0, 0, 0, 1, 1, 0, 1, 1], [0, 1, 1, 0], ["class <0>", "class 1"], grid, "XOR");
        Assert.Multiple(() =>
        {
            Assert.That(SvgTestHelpers.WithClass(svg, "rect", "region"), Has.Count.EqualTo(80));
            Assert.That(SvgTestHelpers.WithClass(svg, "circle", "point"), Has.Count.EqualTo(4));
            Assert.That(SvgTestHelpers.WithClass(svg, "text", "legend").Select(t => t.Value), Is.EqualTo(new[] { "class <0>", "class 1" }));
        });
    }

    [Test]
    public void Render_WithoutGrid_PlainScatter()
    {
        string svg = SvgDecisionBoundary.Render([0.5, 1, 2, 3, -1, 0], [0, 1, 2], ["a", "b", "c"]);
        Assert.Multiple(() =>
        {
            Assert.That(SvgTestHelpers.WithClass(svg, "rect", "region"), Is.Empty);
            Assert.That(SvgTestHelpers.WithClass(svg, "circle", "point"), Has.Count.EqualTo(3));
        });
    }

    [Test]
    public void Render_LabelOutOfRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => SvgDecisionBoundary.Render([0, 0], [2], ["a", "b"]));
    }
}
