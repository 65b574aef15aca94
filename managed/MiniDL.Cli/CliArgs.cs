using System.Numerics;

namespace MiniDL.Cli;

/// <summary>
/// Parsed arguments: positionals, <c>--name value</c> options and <c>--flag</c> switches. A switch is an option
/// followed by another option or by nothing; <c>--name=value</c> also works. An option given twice is a usage error
/// (which value was meant is not clear).
/// </summary>
public sealed class CliArgs
{
    /// <summary>Other frameworks' spellings of an option, for the "did you mean" of an unknown one.</summary>
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["learning-rate"] = "lr",
        ["learning_rate"] = "lr",
        ["batch-size"] = "batch",
        ["batch_size"] = "batch",
        ["num-epochs"] = "epochs",
    };

    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <summary>The arguments that are not options, in order.</summary>
    public List<string> Positionals { get; } = [];

    /// <summary>The option table the arguments were checked against, or null (no checks).</summary>
    public CommandHelp? Table { get; private set; }

    /// <summary>Parses the arguments after the command name without an option table (no type checks).</summary>
    /// <exception cref="CliException">An option is given twice.</exception>
    public static CliArgs Parse(IEnumerable<string> args) => Parse(args, null, "minidl");

    /// <summary>
    /// Parses the arguments after the command name against the command's option table: an option not in the table
    /// (with a "did you mean" from the edit distance), a switch given a value, a missing value, a value of the wrong
    /// type, out of range or not one of the choices, and an option given twice are usage errors, found before any work.
    /// </summary>
    /// <param name="args">The arguments.</param>
    /// <param name="table">The option table, or null to accept any option (switches then take a following value).</param>
    /// <param name="command">The command's name, for the hint in an error.</param>
    /// <returns>The parsed arguments.</returns>
    /// <exception cref="CliException">A usage error.</exception>
    public static CliArgs Parse(IEnumerable<string> args, CommandHelp? table, string command)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new CliArgs { Table = table };
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (!IsOption(a))
            {
                result.Positionals.Add(a);
                continue;
            }

            var eq = a.IndexOf('=');
            var key = eq > 0 ? a[2..eq] : a[2..];
            string? value = eq > 0 ? a[(eq + 1)..] : null;
            var spec = table?.Find(key);
            if (table is not null && spec is null)
            {
                var guess = CommandHelp.Closest(key, table.Options.Select(o => o.Name))
                    ?? (Synonyms.TryGetValue(key, out var synonym) && table.Find(synonym) is not null ? synonym : null);
                throw new CliException(guess is null
                    ? $"unknown option --{key} (minidl help {command} lists the options)."
                    : $"unknown option --{key}; did you mean --{guess}? (minidl help {command} lists the options)");
            }

            if (result._options.ContainsKey(key))
            {
                throw new CliException($"--{key} is given twice; give it once.");
            }

            if (spec is { Kind: OptionKind.Flag })
            {
                if (value is not null)
                {
                    throw new CliException($"--{key} is a switch and takes no value (got '{value}').");
                }
            }
            else if (value is null && i + 1 < list.Count && !IsOption(list[i + 1]))
            {
                value = list[++i];
            }
            else if (value is null && spec is not null)
            {
                throw new CliException($"--{key} needs a value ({spec.TypeText}).");
            }

            if (spec is not null && value is not null && spec.Problem(value) is { } problem)
            {
                throw new CliException($"--{key} {problem}.");
            }

            result._options[key] = value;
        }

        return result;
    }

    private static bool IsOption(string a) => a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2;

    /// <summary>True when <c>--name</c> was given (with or without a value).</summary>
    /// <exception cref="InvalidOperationException">The command reads an option its table does not have (a bug).</exception>
    public bool Has(string name)
    {
        if (Table is not null && Table.Find(name) is null)
        {
            throw new InvalidOperationException($"option --{name} is read but not in the command's option table.");
        }

        _read.Add(name);
        return _options.ContainsKey(name);
    }

    /// <summary>True when the switch <c>--name</c> was given.</summary>
    public bool Flag(string name) => Has(name);

    /// <summary>The value of <c>--name</c>, or <paramref name="fallback"/>.</summary>
    public string? String(string name, string? fallback = null)
    {
        Has(name);
        return _options.TryGetValue(name, out var v) ? v ?? throw new CliException($"--{name} needs a value.") : fallback;
    }

    /// <summary>The integer value of <c>--name</c>, or <paramref name="fallback"/>.</summary>
    public int Int(string name, int fallback) => Parse(name, fallback, NumberStyles.Integer, "an integer");

    /// <summary>The number value of <c>--name</c>, or <paramref name="fallback"/>.</summary>
    public double Double(string name, double fallback) => Parse(name, fallback, NumberStyles.Float, "a number");

    private T Parse<T>(string name, T fallback, NumberStyles style, string what)
        where T : INumberBase<T>
    {
        var s = String(name);
        if (s is null)
        {
            return fallback;
        }

        return T.TryParse(s, style, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new CliException($"--{name} expects {what}, got '{s}'.");
    }

    /// <summary>Options given but never asked for (typos): call after reading every option.</summary>
    public IEnumerable<string> Unknown() => _options.Keys.Where(k => !_read.Contains(k));

    /// <summary>Throws a <see cref="CliException"/> listing options the command does not know.</summary>
    public void RejectUnknown()
    {
        var unknown = Unknown().ToList();
        if (unknown.Count > 0)
        {
            throw new CliException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}
