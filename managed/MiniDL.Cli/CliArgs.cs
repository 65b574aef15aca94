using System.Globalization;

namespace MiniDL.Cli;

/// <summary>
/// Parsed arguments: positionals, <c>--name value</c> options and <c>--flag</c> switches. A switch is an option
/// followed by another option or by nothing; <c>--name=value</c> also works. An option given twice is a usage error
/// (which value was meant is not clear).
/// </summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <summary>The arguments that are not options, in order.</summary>
    public List<string> Positionals { get; } = [];

    /// <summary>Parses the arguments after the command name.</summary>
    /// <exception cref="CliException">An option is given twice.</exception>
    public static CliArgs Parse(IEnumerable<string> args)
    {
        var result = new CliArgs();
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var eq = a.IndexOf('=');
                var key = eq > 0 ? a[2..eq] : a[2..];
                if (result._options.ContainsKey(key))
                {
                    throw new CliException($"--{key} is given twice; give it once.");
                }

                if (eq > 0)
                {
                    result._options[a[2..eq]] = a[(eq + 1)..];
                }
                else if (i + 1 < list.Count && !(list[i + 1].StartsWith("--", StringComparison.Ordinal) && list[i + 1].Length > 2))
                {
                    result._options[a[2..]] = list[++i];
                }
                else
                {
                    result._options[a[2..]] = null;
                }
            }
            else
            {
                result.Positionals.Add(a);
            }
        }

        return result;
    }

    /// <summary>True when <c>--name</c> was given (with or without a value).</summary>
    public bool Has(string name)
    {
        _read.Add(name);
        return _options.ContainsKey(name);
    }

    /// <summary>True when the switch <c>--name</c> was given.</summary>
    public bool Flag(string name) => Has(name);

    /// <summary>The value of <c>--name</c>, or <paramref name="fallback"/>.</summary>
    public string? String(string name, string? fallback = null)
    {
        _read.Add(name);
        return _options.TryGetValue(name, out var v) ? v ?? throw new CliException($"--{name} needs a value.") : fallback;
    }

    /// <summary>The integer value of <c>--name</c>, or <paramref name="fallback"/>.</summary>
    public int Int(string name, int fallback)
    {
        var s = String(name);
        if (s is null)
        {
            return fallback;
        }

        return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new CliException($"--{name} expects an integer, got '{s}'.");
    }

    /// <summary>The number value of <c>--name</c>, or <paramref name="fallback"/>.</summary>
    public double Double(string name, double fallback)
    {
        var s = String(name);
        if (s is null)
        {
            return fallback;
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new CliException($"--{name} expects a number, got '{s}'.");
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
