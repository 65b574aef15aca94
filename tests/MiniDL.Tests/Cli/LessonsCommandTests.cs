using System.Text.Json;
using MiniDL.Cli;

namespace MiniDL.Tests.Cli;

[TestFixture]
public class LessonsCommandTests
{
    /// <summary>The worked-examples table (docs/lectures.md), one quantity per row, as (example, lecture, quantity).</summary>
    private static readonly (string Example, string Lecture, string[] Quantities)[] LessonsMdTable =
    [
        ("f = xy", "lesson 7", ["f", "∂f/∂x", "∂f/∂y"]),
        ("f = (x+y)z", "lesson 7", ["q", "f", "∂f/∂x", "∂f/∂y", "∂f/∂z"]),
        ("PyTorch demo q = x+y, f = qz", "lesson 3", ["∂f/∂x", "∂f/∂y", "∂f/∂z"]),
        ("sigmoid neuron", "lesson 7", ["a6", "f", "∂f/∂a6", "∂f/∂w0", "∂f/∂w1", "∂f/∂w2", "∂f/∂x0", "∂f/∂x1"]),
        ("softmax cross-entropy (cat)", "lesson 3", ["exp(s_cat)", "exp(s_car)", "exp(s_frog)", "p_cat", "p_car", "p_frog", "L = -ln p_cat"]),
        ("multiclass SVM (3 images)", "lesson 1", ["L_1 (cat image)", "L_2 (car image)", "L_3 (frog image)", "L = mean L_i"]),
        ("SVM vs softmax", "lesson 1", ["s_0", "s_1", "s_2", "hinge loss", "p_0", "p_1", "p_2", "cross-entropy"]),
        ("confusion matrix (Covid)", "Day 01", ["precision = 20/21", "recall = 20/30", "accuracy = 520/531"]),
    ];

    [Test]
    public void Run_Json_ListsEveryLessonsMdRowAsPassed()
    {
        var output = new StringWriter();
        int exit = Program.Run(["lessons", "--json"], output, output);

        Assert.That(exit, Is.EqualTo(0), output.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        var rows = json.RootElement.EnumerateArray().Select(e => (
            Example: e.GetProperty("example").GetString()!,
            Lecture: e.GetProperty("lecture").GetString()!,
            Quantity: e.GetProperty("quantity").GetString()!,
            Expected: e.GetProperty("expected").GetDouble(),
            Actual: e.GetProperty("actual").GetDouble(),
            Passed: e.GetProperty("passed").GetBoolean())).ToList();
        foreach (var (example, lecture, quantities) in LessonsMdTable)
        {
            foreach (var quantity in quantities)
            {
                var matches = rows.Where(r => r.Example == example && r.Quantity == quantity).ToList();
                Assert.That(matches, Has.Count.EqualTo(1), $"row '{example}' / '{quantity}' in the JSON");
                Assert.That(matches[0].Lecture, Is.EqualTo(lecture), $"{example}: lecture");
                Assert.That(matches[0].Passed, Is.True, $"{example} {quantity}: expected {matches[0].Expected}, actual {matches[0].Actual}");
            }
        }
    }

    [Test]
    public void Run_Table_PrintsEveryExampleAndExitsZero()
    {
        var output = new StringWriter();
        int exit = Program.Run(["lessons"], output, output);
        var text = output.ToString();
        Assert.That(exit, Is.EqualTo(0), text);
        foreach (var (example, _, _) in LessonsMdTable)
        {
            Assert.That(text, Does.Contain(example));
        }

        Assert.That(text, Does.Not.Contain("FAIL"));
        Assert.That(text, Does.Contain("-0.53"), "the lecture's ∂f/∂a6 as printed");
    }

    [Test]
    public void Run_UnknownBackend_ExitsTwoWithReason()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = Program.Run(["lessons", "--backend", "abacus"], stdout, stderr);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr.ToString(), Does.Contain("abacus"));
    }
}
