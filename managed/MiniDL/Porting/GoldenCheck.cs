using System.Globalization;

namespace MiniDL.Porting;

/// <summary>The outcome of comparing a port's case with the golden case.</summary>
/// <param name="Name">The case.</param>
/// <param name="Status">"ok", "FAIL" or "missing" (the port has no file for the case).</param>
/// <param name="Detail">For a failure: the array, the element and the two values; for "ok": the largest error.</param>
public sealed record GoldenCheckResult(string Name, string Status, string Detail)
{
    /// <summary>True for "FAIL".</summary>
    public bool Failed => Status == "FAIL";

    /// <summary>One line, e.g. "matmul  ok  max abs err 1.1E-16".</summary>
    /// <returns>The line.</returns>
    public override string ToString() => $"{Name,-36} {Status,-7} {Detail}";
}

/// <summary>
/// Compares a port's outputs and gradients with the golden ones, element by element, with the gradient checker's
/// rule <c>|a − b| ≤ atol + rtol·|b|</c> (b the golden value; defaults atol = 1e-5, rtol = 1e-3 as in
/// <see cref="GradCheck.GradCheckOptions"/>: loose enough for a float32 port).
/// </summary>
public static class GoldenCheck
{
    /// <summary>Compares one case.</summary>
    /// <param name="golden">The reference.</param>
    /// <param name="port">The port's case (only its outputs and gradients are read).</param>
    /// <param name="atol">Absolute tolerance.</param>
    /// <param name="rtol">Relative tolerance.</param>
    /// <returns>The result.</returns>
    public static GoldenCheckResult Compare(GoldenCase golden, GoldenCase port, double atol = 1e-5, double rtol = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(golden);
        ArgumentNullException.ThrowIfNull(port);
        if (port.Name != golden.Name)
        {
            return new(golden.Name, "FAIL", $"{golden.FileName} holds case '{port.Name}', not '{golden.Name}' (each case's file is named in the golden folder's index.json)");
        }

        double maxAbs = 0;
        foreach (var (kind, expected, actual) in golden.Outputs.Select(a => ("output", a, port.Outputs)).Concat(golden.Gradients.Select(a => ("gradient", a, port.Gradients))))
        {
            var a = actual.FirstOrDefault(x => x.Name == expected.Name);
            if (a is null)
            {
                return new(golden.Name, "FAIL", $"{kind} '{expected.Name}' is missing from the port's file");
            }

            if (a.Data.Length != expected.Data.Length || (a.Shape.Length > 0 && !a.Shape.SequenceEqual(expected.Shape)))
            {
                return new(golden.Name, "FAIL", $"{kind} '{expected.Name}' has shape [{string.Join(", ", a.Shape)}] ({a.Data.Length} values), expected [{string.Join(", ", expected.Shape)}]");
            }

            for (int i = 0; i < a.Data.Length; i++)
            {
                double got = a.Data[i], want = expected.Data[i], err = Math.Abs(got - want);
                if (!(err <= atol + rtol * Math.Abs(want)))
                {
                    int columns = expected.Shape.Length == 2 ? expected.Shape[1] : 1;
                    return new(golden.Name, "FAIL", string.Create(CultureInfo.InvariantCulture,
                        $"{kind} '{expected.Name}'[{i / columns},{i % columns}]: port {got:G9}, golden {want:G9}, |error| {err:E2} > atol + rtol·|golden| = {atol + rtol * Math.Abs(want):E2}"));
                }

                maxAbs = Math.Max(maxAbs, err);
            }
        }

        return new(golden.Name, "ok", string.Create(CultureInfo.InvariantCulture, $"max abs err {maxAbs:E2}"));
    }

    /// <summary>
    /// The .json files of <paramref name="portDirectory"/> that belong to no golden case (index.json aside), each with
    /// why: a file named after the raw case name (<c>elu(alpha=0.5).json</c>) is never read, so its case shows as "not
    /// ported".
    /// </summary>
    /// <param name="golden">The golden cases.</param>
    /// <param name="portDirectory">The port's folder.</param>
    /// <returns>One line per such file, e.g. "elu(alpha=0.5).json matches no case: case 'elu(alpha=0.5)' is read from elu_alpha_0_5.json".</returns>
    public static IEnumerable<string> UnmatchedFiles(IEnumerable<GoldenCase> golden, string portDirectory)
    {
        ArgumentNullException.ThrowIfNull(golden);
        var cases = golden.ToList();
        var files = cases.Select(c => c.FileName).Append("index.json").ToHashSet();
        foreach (var file in Directory.EnumerateFiles(portDirectory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (files.Contains(file!))
            {
                continue;
            }

            var stem = Path.GetFileNameWithoutExtension(file!);
            var like = cases.FirstOrDefault(c => c.Name == stem || GoldenCase.FileNameOf(stem) == c.FileName);
            yield return like is null
                ? $"{file} matches no case (the case files are listed in the golden folder's index.json)"
                : $"{file} matches no case: case '{like.Name}' is read from {like.FileName}";
        }
    }

    /// <summary>Compares every golden case with the port's file of the same name in <paramref name="portDirectory"/>.</summary>
    /// <param name="golden">The golden cases.</param>
    /// <param name="portDirectory">The port's folder of case files.</param>
    /// <param name="atol">Absolute tolerance.</param>
    /// <param name="rtol">Relative tolerance.</param>
    /// <returns>One result per golden case ("missing" where the port wrote no file).</returns>
    public static IEnumerable<GoldenCheckResult> CompareDirectory(IEnumerable<GoldenCase> golden, string portDirectory, double atol = 1e-5, double rtol = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(golden);
        foreach (var g in golden)
        {
            var path = Path.Combine(portDirectory, g.FileName);
            if (!File.Exists(path))
            {
                yield return new(g.Name, "missing", $"no {g.FileName} (not ported)");
                continue;
            }

            GoldenCheckResult result;
            try
            {
                result = Compare(g, GoldenJson.Read(File.ReadAllText(path), path), atol, rtol);
            }
            catch (InvalidDataException e)
            {
                result = new(g.Name, "FAIL", e.Message);
            }

            yield return result;
        }
    }
}
