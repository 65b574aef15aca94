using MiniDL.Metrics;

namespace MiniDL.Tests.Metrics;

public class ClassificationReportTests
{
    private static ClassificationReport ThreeClass() =>
        ClassificationReport.From([0, 0, 0, 0, 1, 1, 1, 2, 2, 2], [0, 0, 1, 2, 1, 1, 0, 2, 2, 1], ["cat", "dog", "frog"]);

    [Test]
    public void From_ThreeClass_PerClassAndAverages()
    {
        var r = ThreeClass();
        Assert.Multiple(() =>
        {
            Assert.That(r.Classes.Select(c => c.Name), Is.EqualTo(new[] { "cat", "dog", "frog" }));
            Assert.That(r.Classes.Select(c => c.Support), Is.EqualTo(new long[] { 4, 3, 3 }));
            Assert.That(r.Classes[0].Recall, Is.EqualTo(0.5).Within(1e-12));
            Assert.That(r.Accuracy, Is.EqualTo(0.6).Within(1e-12));
            Assert.That(r.Macro.F1, Is.EqualTo(38.0 / 63).Within(1e-12));
            Assert.That(r.Micro.Precision, Is.EqualTo(0.6).Within(1e-12));
            Assert.That(r.Macro.Support, Is.EqualTo(10));
        });
    }

    [Test]
    public void ToText_ThreeClass_OneLinePerClassPlusSummary()
    {
        string text = ThreeClass().ToText();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(1 + 3 + 3));
            Assert.That(lines[0], Does.Contain("precision").And.Contain("recall").And.Contain("f1").And.Contain("support"));
            Assert.That(lines[1], Does.StartWith("cat").And.Contain("0.6667").And.Contain("0.5000"));
            Assert.That(lines[4], Does.StartWith("accuracy").And.Contain("0.6000"));
            Assert.That(lines[5], Does.StartWith("macro avg").And.Contain("0.6032"));
            Assert.That(lines[6], Does.StartWith("micro avg"));
        });
    }

    [Test]
    public void From_WrongNumberOfNames_Throws()
    {
        var m = new ConfusionMatrix([0, 1], [0, 1], 2);
        Assert.Throws<ArgumentException>(() => ClassificationReport.From(m, ["only one"]));
    }
}
