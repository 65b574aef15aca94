using System.Text;

namespace MiniDL.Cli;

/// <summary>The kind of value an option takes (what the parser checks and the help prints as its type).</summary>
public enum OptionKind
{
    /// <summary>A switch: present or not, takes no value.</summary>
    Flag,

    /// <summary>An integer.</summary>
    Int,

    /// <summary>A (floating-point) number.</summary>
    Number,

    /// <summary>One of <see cref="OptionSpec.Choices"/>.</summary>
    Choice,

    /// <summary>Free text (a list, a name): checked by the command.</summary>
    Text,

    /// <summary>A file or folder path.</summary>
    Path,
}

/// <summary>
/// One row of a command's option table: the single source of both the parser's checks (unknown name, missing value,
/// type, range, choice) and the help text (type, default, meaning).
/// </summary>
/// <param name="Name">The name without the leading dashes, e.g. "lr".</param>
/// <param name="Kind">The value's kind.</param>
/// <param name="Default">The default as the help shows it ("" for a switch).</param>
/// <param name="Help">What the option means (one line).</param>
public sealed record OptionSpec(string Name, OptionKind Kind, string Default, string Help)
{
    /// <summary>The accepted values of a <see cref="OptionKind.Choice"/> option (compared case-insensitively).</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>The smallest accepted number, or null.</summary>
    public double? Min { get; init; }

    /// <summary>The largest accepted number, or null.</summary>
    public double? Max { get; init; }

    /// <summary>Whether <see cref="Min"/> itself is excluded.</summary>
    public bool MinExclusive { get; init; }

    /// <summary>Whether <see cref="Max"/> itself is excluded.</summary>
    public bool MaxExclusive { get; init; }

    /// <summary>The type as the help prints it: "switch", "integer", "number", "a|b|c", "text" or "path".</summary>
    public string TypeText => Kind switch
    {
        OptionKind.Flag => "switch",
        OptionKind.Int => "integer",
        OptionKind.Number => "number",
        OptionKind.Choice => string.Join("|", Choices),
        OptionKind.Path => "path",
        _ => "text",
    };

    /// <summary>The accepted range, e.g. "[0, 1)", ">= 1", or "" when any value of the type is accepted.</summary>
    public string RangeText => (Min, Max) switch
    {
        ({ } lo, { } hi) => $"{(MinExclusive ? "(" : "[")}{Num(lo)}, {Num(hi)}{(MaxExclusive ? ")" : "]")}",
        ({ } lo, null) => $"{(MinExclusive ? ">" : ">=")} {Num(lo)}",
        (null, { } hi) => $"{(MaxExclusive ? "<" : "<=")} {Num(hi)}",
        _ => "",
    };

    /// <summary>Checks a value against the kind, the choices and the range.</summary>
    /// <param name="value">The text given on the command line.</param>
    /// <returns>Null when it is accepted, else what is wrong (without the option's name).</returns>
    public string? Problem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        double number;
        switch (Kind)
        {
            case OptionKind.Int:
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
                {
                    return $"expects an integer, got '{value}'";
                }

                number = i;
                break;
            case OptionKind.Number:
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) || !double.IsFinite(number))
                {
                    return $"expects a number, got '{value}'";
                }

                break;
            case OptionKind.Choice:
                return Choices.Contains(value, StringComparer.OrdinalIgnoreCase) ? null : $"unknown '{value}' (use {string.Join(", ", Choices)})";
            default:
                return value.Length == 0 && Kind == OptionKind.Path ? "needs a path, got ''" : null;
        }

        bool low = Min is not { } lo || (MinExclusive ? number > lo : number >= lo);
        bool high = Max is not { } hi || (MaxExclusive ? number < hi : number <= hi);
        return low && high ? null : $"must be {(Min is not null && Max is not null ? "in " : "")}{RangeText}, got {value}";
    }

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// The help of one command, generated from its option table: usage, description, arguments, every option with its
/// type, default and meaning, examples.
/// </summary>
/// <param name="Usage">The usage line after "minidl", e.g. "train DATASET [--options]".</param>
/// <param name="Description">What the command does (a few lines).</param>
/// <param name="Options">The option table.</param>
/// <param name="Examples">Example command lines (after "minidl").</param>
public sealed record CommandHelp(string Usage, string Description, IReadOnlyList<OptionSpec> Options, IReadOnlyList<string> Examples)
{
    /// <summary>Lines describing the positional arguments (e.g. the graph names), printed after the description.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The option named <paramref name="name"/>, or null.</summary>
    /// <param name="name">The name without dashes.</param>
    /// <returns>The row.</returns>
    public OptionSpec? Find(string name) => Options.FirstOrDefault(o => o.Name == name);

    /// <summary>The help text of <c>minidl help COMMAND</c> and <c>minidl COMMAND --help</c>.</summary>
    /// <returns>Lines separated by '\n'.</returns>
    public string Render()
    {
        var text = new StringBuilder();
        text.Append("usage: minidl ").Append(Usage).Append('\n');
        text.Append(Description).Append('\n');
        foreach (var line in Arguments)
        {
            text.Append("  ").Append(line).Append('\n');
        }

        text.Append('\n').Append("options:").Append('\n');
        int width = Options.Select(o => OptionColumn(o).Length).DefaultIfEmpty(0).Max() + 2;
        foreach (var o in Options)
        {
            text.Append("  ").Append(OptionColumn(o).PadRight(width)).Append(o.Help);
            var details = new List<string>();
            if (o.RangeText.Length > 0)
            {
                details.Add("range " + o.RangeText);
            }

            if (o.Kind != OptionKind.Flag)
            {
                details.Add("default: " + o.Default);
            }

            if (details.Count > 0)
            {
                text.Append(" (").Append(string.Join("; ", details)).Append(')');
            }

            text.Append('\n');
        }

        text.Append("  ").Append("--help".PadRight(width)).Append("print this help").Append('\n');
        text.Append('\n').Append(Examples.Count == 1 ? "example:" : "examples:").Append('\n');
        foreach (var e in Examples)
        {
            text.Append("  minidl ").Append(e).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The left column of an option's help line, e.g. "--lr number" or "--json".</summary>
    /// <param name="o">The option.</param>
    /// <returns>The text.</returns>
    public static string OptionColumn(OptionSpec o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.Kind == OptionKind.Flag ? "--" + o.Name : $"--{o.Name} {o.TypeText}";
    }

    /// <summary>The Levenshtein edit distance (insert, delete, substitute; each costs 1).</summary>
    /// <param name="a">One word.</param>
    /// <param name="b">The other.</param>
    /// <returns>The distance.</returns>
    public static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>The closest of <paramref name="candidates"/> to <paramref name="word"/> within a third of its length (at least 2 edits), or null.</summary>
    /// <param name="word">What was typed.</param>
    /// <param name="candidates">The known words.</param>
    /// <returns>The suggestion.</returns>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(candidates);
        int limit = Math.Max(2, word.Length / 3);
        return candidates
            .Select(c => (Name: c, Distance: EditDistance(word, c)))
            .Where(c => c.Distance <= limit || c.Name.StartsWith(word, StringComparison.Ordinal) && word.Length >= 3)
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
    }
}
