using System.Text.Json;
using MiniDL.Cli;
using MiniDL.Cli.Commands;
using MiniDL.GradCheck;

namespace MiniDL.Tests.Cli;

[TestFixture]
public class GradCheckCommandTests
{
    [Test]
    public void Run_Json_PrintsOnePassingEntryPerCheckAndExitsZero()
    {
        var w = new StringWriter();
        int code = Program.Run(["gradcheck", "--json"], w, w);
        using var doc = JsonDocument.Parse(w.ToString());
        var entries = doc.RootElement.EnumerateArray().ToList();
        Assert.That(entries, Has.Count.GreaterThanOrEqualTo(25), "the suite covers every node, activation and loss");
        foreach (var e in entries)
        {
            var name = e.GetProperty("name").GetString();
            Assert.That(e.GetProperty("passed").GetBoolean(), Is.True, $"{name} {e.GetProperty("shapes").GetString()}: {e}");
            Assert.That(e.GetProperty("maxRelError").GetDouble(), Is.LessThan(1e-2), $"{name}");
            Assert.That(e.GetProperty("maxAbsError").ValueKind, Is.EqualTo(JsonValueKind.Number), $"{name}");
            Assert.That(Enum.TryParse<ErrorBand>(e.GetProperty("band").GetString(), out _), Is.True, $"{name}");
        }

        Assert.That(entries.Select(e => e.GetProperty("name").GetString()), Is.Unique);
        Assert.That(code, Is.EqualTo(0), w.ToString());
    }

    [Test]
    public void Run_Json_IncludesEveryActivationAndLoss()
    {
        var w = new StringWriter();
        Program.Run(["gradcheck", "--json", "--backend", "reference"], w, w);
        using var doc = JsonDocument.Parse(w.ToString());
        var names = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.That(names, Is.SupersetOf(new[]
        {
            "sigmoid", "tanh", "relu", "leaky_relu", "elu", "softmax", "log_softmax", "maxout(k=3)",
            "mse", "mae", "bce(mean)", "bce(sum)", "cce", "softmax_cross_entropy", "multiclass_svm", "weighted_cross_entropy",
        }));
    }

    [Test]
    public void Run_Table_PrintsHeaderRowsAndSummary()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(["gradcheck", "--seed", "3"], stdout, stderr);
        var text = stdout.ToString();
        Assert.That(code, Is.EqualTo(0), text + stderr);
        Assert.That(text, Does.Contain("max abs err").And.Contain("max rel err").And.Contain("band").And.Contain("seed 3"));
        Assert.That(text, Does.Contain("softmax_cross_entropy").And.Contain("(4, 5)"));
        Assert.That(text, Does.Match("\\d+ checks, all passed\\."));
        Assert.That(stderr.ToString(), Is.Empty);
    }

    [Test]
    public void Run_UnknownBackend_ExitsTwoNamingIt()
    {
        var w = new StringWriter();
        int code = Program.Run(["gradcheck", "--backend", "abacus"], w, w);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(w.ToString(), Does.Contain("abacus"));
    }

    [Test]
    public void Run_UnknownOption_ExitsTwo()
    {
        var w = new StringWriter();
        Assert.That(Program.Run(["gradcheck", "--jsn"], w, w), Is.EqualTo(2));
        Assert.That(w.ToString(), Does.Contain("--jsn"));
    }

    [Test]
    public void ToJson_NonFiniteErrors_WritesNullAndFailure()
    {
        var report = new GradCheckReport("broken", [new InputReport("x0", "(1, 1)", double.NaN, double.PositiveInfinity, ErrorBand.Wrong, false, 0, double.NaN, 1)]);
        using var doc = JsonDocument.Parse(GradCheckCommand.ToJson([report]));
        var e = doc.RootElement[0];
        Assert.That(e.GetProperty("name").GetString(), Is.EqualTo("broken"));
        Assert.That(e.GetProperty("maxAbsError").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(e.GetProperty("maxRelError").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(e.GetProperty("band").GetString(), Is.EqualTo("Wrong"));
        Assert.That(e.GetProperty("passed").GetBoolean(), Is.False);
    }
}
