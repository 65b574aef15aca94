namespace MiniDL.Backends;

// Memory: allocate, upload, download, copy, fill.
public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    /// <remarks><c>x[i] = 0</c>: a managed array of float64.</remarks>
    public Storage Allocate(long length) => new ArrayStorage(this, length);

    /// <inheritdoc/>
    /// <remarks><c>destination[i] = source[i]</c>.</remarks>
    public void Upload(ReadOnlySpan<double> source, Storage destination)
        => source.CopyTo(D(destination, "upload", "destination", source.Length));

    /// <inheritdoc/>
    /// <remarks><c>destination[i] = (double)source[i]</c> (exact: every float32 is a float64).</remarks>
    public void Upload(ReadOnlySpan<float> source, Storage destination)
    {
        var d = D(destination, "upload", "destination", source.Length);
        for (int i = 0; i < source.Length; i++)
        {
            d[i] = source[i];
        }
    }

    /// <inheritdoc/>
    /// <remarks><c>destination[r, j] = source[rows[r], j]</c>.</remarks>
    public void UploadRows(ReadOnlySpan<double> source, int columns, ReadOnlySpan<int> rows, Storage destination)
    {
        IBackend.RequireRows(source, columns, rows);
        var d = D(destination, "upload rows", "destination", (long)rows.Length * columns);
        for (int r = 0; r < rows.Length; r++)
        {
            source.Slice(rows[r] * columns, columns).CopyTo(d.AsSpan(r * columns, columns));
        }
    }

    /// <inheritdoc/>
    /// <remarks><c>destination[r, j] = source[rows[r], j]</c>.</remarks>
    public void GatherRows(Storage source, int columns, ReadOnlySpan<int> rows, Storage destination)
    {
        var s = D(source, "gather rows", "source");
        var d = D(destination, "gather rows", "destination", (long)rows.Length * columns);
        IBackend.RequireRows(source, columns, rows, destination);
        for (int r = 0; r < rows.Length; r++)
        {
            s.AsSpan(rows[r] * columns, columns).CopyTo(d.AsSpan(r * columns, columns));
        }
    }

    /// <inheritdoc/>
    /// <remarks><c>destination[i] = source[i]</c>.</remarks>
    public void Download(Storage source, Span<double> destination)
    {
        var s = D(source, "download", "source", destination.Length);
        s.AsSpan().CopyTo(destination);
    }

    /// <inheritdoc/>
    /// <remarks><c>destination[i] = source[i]</c>.</remarks>
    public void Copy(Storage source, Storage destination)
    {
        var s = D(source, "copy", "source");
        Array.Copy(s, D(destination, "copy", "destination", s.LongLength), s.LongLength);
    }

    /// <inheritdoc/>
    /// <remarks><c>x[i] = value</c>.</remarks>
    public void Fill(Storage x, double value) => Array.Fill(D(x, "fill", "x"), value);
}
