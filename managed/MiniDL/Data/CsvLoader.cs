using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace MiniDL.Data;

/// <summary>
/// Reads a data set from comma-separated values: one sample per line, numbers written with the
/// invariant culture (a dot as decimal separator), one column holding the label or target.
/// </summary>
/// <remarks>
/// A file whose first two bytes are the gzip magic <c>1f 8b</c> is decompressed on the fly, whatever its
/// name. Empty lines are skipped. Every bad value is reported with the file, the 1-based line and the
/// 1-based column, so a student can open the file at that place.
/// </remarks>
public static class CsvLoader
{
    /// <summary>
    /// The largest label a classification file may hold (classes are 0 .. the largest label, so a stray 50000000
    /// would otherwise ask for 50 million output units).
    /// </summary>
    public const int MaxLabel = 65_535;

    /// <summary>
    /// The most numbers a file may hold (250 million: 2 GB as float64). Reading stops there, so a small gzip'd file
    /// that decompresses to gigabytes of text is an error, not a machine out of memory.
    /// </summary>
    public const long MaxValues = 250_000_000;

    /// <summary>Loads a classification data set from a CSV file (optionally gzip-compressed).</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="hasHeader">Whether the first line is a header to skip.</param>
    /// <param name="labelColumn">0-based column of the integer label; -1 (the default) is the last column.</param>
    /// <param name="classNames">Class names; by default "0", "1", … up to the largest label.</param>
    /// <param name="name">Data set name; by default the file name.</param>
    /// <param name="separator">Column separator, ',' by default.</param>
    /// <param name="droppedRows">
    /// Null (the default) to reject the file at its first bad row; otherwise rows with a cell that is not a finite
    /// number or a bad label are left out and described here ("line 5, column 2: …").
    /// </param>
    /// <returns>The data set; every other column is a feature.</returns>
    /// <exception cref="InvalidDataException">
    /// A value is not a finite number, a label is not an integer in 0..<see cref="MaxLabel"/>, rows differ in length,
    /// or the file does not decompress; the message names the file, line and column.
    /// </exception>
    public static Dataset Load(
        string path,
        bool hasHeader = false,
        int labelColumn = -1,
        IReadOnlyList<string>? classNames = null,
        string? name = null,
        char separator = ',',
        ICollection<string>? droppedRows = null)
    {
        using var reader = OpenText(path);
        return Load(reader, path, hasHeader, labelColumn, classNames, name ?? DefaultName(path), separator, droppedRows);
    }

    /// <summary>Loads a classification data set from CSV text.</summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="sourceName">What to call the source in error messages (a file name, "&lt;string&gt;", …).</param>
    /// <param name="hasHeader">Whether the first line is a header to skip.</param>
    /// <param name="labelColumn">0-based column of the integer label; -1 is the last column.</param>
    /// <param name="classNames">Class names; by default "0", "1", … up to the largest label.</param>
    /// <param name="name">Data set name; by default <paramref name="sourceName"/>.</param>
    /// <param name="separator">Column separator, ',' by default.</param>
    /// <param name="droppedRows">Null to reject bad rows; otherwise bad rows are left out and described here.</param>
    /// <returns>The data set.</returns>
    /// <exception cref="InvalidDataException">A value is not a finite number, a label is not an integer in 0..<see cref="MaxLabel"/> or is beyond the class names, or rows differ in length.</exception>
    public static Dataset Load(
        TextReader reader,
        string sourceName,
        bool hasHeader = false,
        int labelColumn = -1,
        IReadOnlyList<string>? classNames = null,
        string? name = null,
        char separator = ',',
        ICollection<string>? droppedRows = null)
    {
        var table = ReadTable(reader, sourceName, hasHeader, separator, droppedRows);
        int label = ResolveColumn(table, labelColumn, sourceName, "label");
        var labels = new List<int>(table.Rows);
        var keep = new List<int>(table.Rows);
        int maxLabel = -1;
        for (int r = 0; r < table.Rows; r++)
        {
            double value = table.Values[r * table.Columns + label];
            string? problem = null;
            if (value < 0 || value != Math.Floor(value) || value > MaxLabel)
            {
                problem = $"line {table.LineNumbers[r]}, column {label + 1}: label '{value.ToString(CultureInfo.InvariantCulture)}' is not an integer in 0..{MaxLabel}";
            }
            else if (classNames is not null && (int)value >= classNames.Count)
            {
                problem = $"line {table.LineNumbers[r]}, column {label + 1}: label {(int)value} is beyond the {classNames.Count} class names";
            }

            if (problem is not null)
            {
                if (droppedRows is null)
                {
                    throw new InvalidDataException($"CsvLoader: {sourceName}, {problem}.");
                }

                droppedRows.Add(problem);
                continue;
            }

            labels.Add((int)value);
            keep.Add(r);
            maxLabel = Math.Max(maxLabel, (int)value);
        }

        if (keep.Count == 0)
        {
            throw new InvalidDataException($"CsvLoader: {sourceName}: no usable data lines (all {table.Rows} were dropped).");
        }

        if (keep.Count != table.Rows)
        {
            table = table.KeepRows(keep);
        }

        var names = classNames ?? Enumerable.Range(0, Math.Max(maxLabel + 1, 1)).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return new Dataset(name ?? sourceName, table.FeaturesWithout(label), table.Columns - 1, [.. labels], names);
    }

    /// <summary>Loads a regression data set (a real target column) from a CSV file (optionally gzip-compressed).</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="hasHeader">Whether the first line is a header to skip.</param>
    /// <param name="targetColumn">0-based column of the target; -1 (the default) is the last column.</param>
    /// <param name="name">Data set name; by default the file name.</param>
    /// <param name="separator">Column separator, ',' by default.</param>
    /// <returns>The regression data set.</returns>
    /// <exception cref="InvalidDataException">A value is not a number or rows differ in length.</exception>
    public static Dataset LoadRegression(string path, bool hasHeader = false, int targetColumn = -1, string? name = null, char separator = ',')
    {
        using var reader = OpenText(path);
        return LoadRegression(reader, path, hasHeader, targetColumn, name ?? DefaultName(path), separator);
    }

    /// <summary>Loads a regression data set (a real target column) from CSV text.</summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="sourceName">What to call the source in error messages.</param>
    /// <param name="hasHeader">Whether the first line is a header to skip.</param>
    /// <param name="targetColumn">0-based column of the target; -1 is the last column.</param>
    /// <param name="name">Data set name; by default <paramref name="sourceName"/>.</param>
    /// <param name="separator">Column separator, ',' by default.</param>
    /// <returns>The regression data set.</returns>
    /// <exception cref="InvalidDataException">A value is not a number or rows differ in length.</exception>
    public static Dataset LoadRegression(TextReader reader, string sourceName, bool hasHeader = false, int targetColumn = -1, string? name = null, char separator = ',')
    {
        var table = ReadTable(reader, sourceName, hasHeader, separator, droppedRows: null);
        int target = ResolveColumn(table, targetColumn, sourceName, "target");
        var targets = new double[table.Rows];
        for (int r = 0; r < table.Rows; r++)
        {
            targets[r] = table.Values[r * table.Columns + target];
        }

        return Dataset.ForRegression(name ?? sourceName, table.FeaturesWithout(target), table.Columns - 1, targets);
    }

    /// <summary>
    /// Opens a text file for reading, decompressing it when it starts with the gzip magic bytes <c>1f 8b</c>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>A reader over the (decompressed) UTF-8 text; dispose it.</returns>
    public static TextReader OpenText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = File.OpenRead(path);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            stream.Position = 0;
            Stream body = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b
                ? new GZipStream(stream, CompressionMode.Decompress)
                : stream;
            return new StreamReader(body);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static string DefaultName(string path)
    {
        string file = Path.GetFileName(path);
        foreach (var suffix in new[] { ".gz", ".csv" })
        {
            if (file.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                file = file[..^suffix.Length];
            }
        }

        return file;
    }

    private static int ResolveColumn(Table table, int column, string sourceName, string what)
    {
        int resolved = column == -1 ? table.Columns - 1 : column;
        if (resolved < 0 || resolved >= table.Columns)
        {
            throw new ArgumentException(
                $"CsvLoader: {sourceName}: {what} column {column} is outside 0..{table.Columns - 1} (or -1 for the last).", nameof(column));
        }

        if (table.Columns < 2)
        {
            throw new InvalidDataException($"CsvLoader: {sourceName}: needs at least 2 columns (features and a {what}), found {table.Columns}.");
        }

        return resolved;
    }

    private static Table ReadTable(TextReader reader, string sourceName, bool hasHeader, char separator, ICollection<string>? droppedRows)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var values = new List<double>();
        var lineNumbers = new List<int>();
        var row = new List<double>();
        int columns = -1;
        int lineNumber = 0;
        string? line;
        while ((line = ReadLine(reader, sourceName, lineNumber)) is not null)
        {
            lineNumber++;
            if (hasHeader && lineNumber == 1)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(separator);
            if (columns == -1)
            {
                columns = fields.Length;
            }
            else if (fields.Length != columns)
            {
                throw new InvalidDataException(
                    $"CsvLoader: {sourceName}, line {lineNumber}: found {fields.Length} columns, expected {columns} like the first data line.");
            }

            row.Clear();
            string? problem = null;
            for (int c = 0; c < fields.Length && problem is null; c++)
            {
                string field = fields[c].Trim();
                if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                {
                    problem = $"line {lineNumber}, column {c + 1}: cannot read '{Shorten(field)}' as a number (invariant culture, '.' as decimal point)";
                }
                else if (!double.IsFinite(value))
                {
                    problem = $"line {lineNumber}, column {c + 1}: '{Shorten(field)}' is not a finite number (NaN, infinity or beyond ±1.8e308)";
                }

                row.Add(value);
            }

            if (problem is not null)
            {
                if (droppedRows is null)
                {
                    throw new InvalidDataException($"CsvLoader: {sourceName}, {problem}.");
                }

                droppedRows.Add(problem);
                continue;
            }

            if (values.Count + (long)row.Count > MaxValues)
            {
                throw new InvalidDataException(
                    $"CsvLoader: {sourceName}, line {lineNumber}: more than {MaxValues} numbers, the most MiniDL reads from one file.");
            }

            values.AddRange(row);
            lineNumbers.Add(lineNumber);
        }

        if (columns == -1)
        {
            throw new InvalidDataException($"CsvLoader: {sourceName}: no data lines.");
        }

        if (lineNumbers.Count == 0)
        {
            throw new InvalidDataException($"CsvLoader: {sourceName}: no usable data lines (all were dropped).");
        }

        return new Table([.. values], lineNumbers.Count, columns, [.. lineNumbers]);
    }

    private static string? ReadLine(TextReader reader, string sourceName, int linesRead)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"CsvLoader: {sourceName}, after line {linesRead}: the file does not decompress (corrupt gzip?): {e.Message}", e);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"CsvLoader: {sourceName}, after line {linesRead}: not UTF-8 text: {e.Message}", e);
        }
    }

    private static string Shorten(string field) => field.Length > 40 ? field[..40] + "…" : field;

    private sealed record Table(double[] Values, int Rows, int Columns, int[] LineNumbers)
    {
        public Table KeepRows(List<int> keep)
        {
            var values = new double[keep.Count * Columns];
            for (int i = 0; i < keep.Count; i++)
            {
                Array.Copy(Values, keep[i] * Columns, values, i * Columns, Columns);
            }

            return new Table(values, keep.Count, Columns, keep.Select(r => LineNumbers[r]).ToArray());
        }

        public double[] FeaturesWithout(int column)
        {
            var features = new double[Rows * (Columns - 1)];
            int k = 0;
            for (int r = 0; r < Rows; r++)
            {
                for (int c = 0; c < Columns; c++)
                {
                    if (c != column)
                    {
                        features[k++] = Values[r * Columns + c];
                    }
                }
            }

            return features;
        }
    }
}
