using System.Globalization;
using System.Text;

namespace MiniDL;

/// <summary>
/// A dense, row-major tensor of rank 1 (a vector of <see cref="Columns"/> elements, treated as one row
/// where a matrix is needed) or rank 2 (<see cref="Rows"/> × <see cref="Columns"/>), whose data lives in a
/// <see cref="Storage"/> of its <see cref="Backend"/>. Lecture 7's convention: a batch is a matrix whose
/// rows are samples.
/// </summary>
public sealed class Tensor : IDisposable
{
    /// <summary>Wraps an existing buffer; its length must be <c>rows × columns</c>.</summary>
    public Tensor(Storage storage, int rows, int columns, int rank = 2)
    {
        if (rows < 0 || columns < 0)
        {
            throw new ArgumentException($"Tensor: shape ({rows}, {columns}) has a negative dimension.");
        }

        if (rank is not (1 or 2) || (rank == 1 && rows != 1))
        {
            throw new ArgumentException($"Tensor: rank {rank} with shape ({rows}, {columns}) is not supported (rank 1 is one row).");
        }

        if (storage.Length != (long)rows * columns)
        {
            throw new ArgumentException($"Tensor: storage of {storage.Length} elements does not hold shape ({rows}, {columns}).");
        }

        Storage = storage;
        Rows = rows;
        Columns = columns;
        Rank = rank;
    }

    /// <summary>The backend whose kernels compute with this tensor.</summary>
    public IBackend Backend => Storage.Backend;

    /// <summary>Where the elements live.</summary>
    public Storage Storage { get; }

    /// <summary>Number of rows (1 for a vector).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (the length of a vector).</summary>
    public int Columns { get; }

    /// <summary>1 for a vector, 2 for a matrix.</summary>
    public int Rank { get; }

    /// <summary>Number of elements.</summary>
    public long Length => (long)Rows * Columns;

    /// <summary>The shape: <c>[n]</c> for a vector, <c>[rows, columns]</c> for a matrix.</summary>
    public int[] Shape => Rank == 1 ? [Columns] : [Rows, Columns];

    /// <summary>The shape as text, e.g. <c>(2, 3)</c> or <c>(4)</c>, for error messages.</summary>
    public string ShapeText => Rank == 1 ? $"({Columns})" : $"({Rows}, {Columns})";

    /// <summary>True when both tensors have the same rows and columns.</summary>
    public bool SameShape(Tensor other) => Rows == other.Rows && Columns == other.Columns;

    /// <summary>A zero-filled matrix on <paramref name="backend"/> (the reference backend when null).</summary>
    public static Tensor Zeros(int rows, int columns, IBackend? backend = null)
    {
        backend ??= ReferenceBackend.Instance;
        if (rows < 0 || columns < 0)
        {
            throw new ArgumentException($"Tensor.Zeros: shape ({rows}, {columns}) has a negative dimension.");
        }

        return new Tensor(backend.Allocate((long)rows * columns), rows, columns);
    }

    /// <summary>A zero-filled tensor with the shape of <paramref name="like"/>, on its backend.</summary>
    public static Tensor ZerosLike(Tensor like)
        => new(like.Backend.Allocate(like.Length), like.Rows, like.Columns, like.Rank);

    /// <summary>A matrix from row-major values.</summary>
    public static Tensor FromArray(ReadOnlySpan<double> values, int rows, int columns, IBackend? backend = null)
    {
        var t = ZerosToFill(values.Length, rows, columns, backend);
        t.Backend.Upload(values, t.Storage);
        return t;
    }

    /// <summary>A matrix from row-major float32 values.</summary>
    public static Tensor FromArray(ReadOnlySpan<float> values, int rows, int columns, IBackend? backend = null)
    {
        var t = ZerosToFill(values.Length, rows, columns, backend);
        t.Backend.Upload(values, t.Storage);
        return t;
    }

    private static Tensor ZerosToFill(int count, int rows, int columns, IBackend? backend)
    {
        if ((long)rows * columns != count)
        {
            throw new ArgumentException($"Tensor.FromArray: {count} values do not fill shape ({rows}, {columns}).");
        }

        return Zeros(rows, columns, backend);
    }

    /// <summary>A matrix from nested rows, e.g. <c>FromRows([[1, 2], [3, 4]])</c>.</summary>
    public static Tensor FromRows(double[][] rows, IBackend? backend = null)
    {
        int r = rows.Length, c = r == 0 ? 0 : rows[0].Length;
        var flat = new double[r * c];
        for (int i = 0; i < r; i++)
        {
            if (rows[i].Length != c)
            {
                throw new ArgumentException($"Tensor.FromRows: row {i} has {rows[i].Length} values, row 0 has {c}.");
            }

            rows[i].CopyTo(flat, i * c);
        }

        return FromArray(flat, r, c, backend);
    }

    /// <summary>A rank-1 tensor (vector) from values.</summary>
    public static Tensor Vector(ReadOnlySpan<double> values, IBackend? backend = null)
    {
        backend ??= ReferenceBackend.Instance;
        var t = new Tensor(backend.Allocate(values.Length), 1, values.Length, rank: 1);
        backend.Upload(values, t.Storage);
        return t;
    }

    /// <summary>A 1×1 tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(double value, IBackend? backend = null) => FromArray([value], 1, 1, backend);

    /// <summary>Reads the elements to the host, row-major. This is where device data crosses.</summary>
    public double[] ToArray()
    {
        var result = new double[Length];
        Backend.Download(Storage, result);
        return result;
    }

    /// <summary>Reads the one element of a 1×1 tensor.</summary>
    public double Item()
    {
        if (Length != 1)
        {
            throw new InvalidOperationException($"Tensor.Item: shape {ShapeText} has {Length} elements, not 1.");
        }

        return ToArray()[0];
    }

    /// <summary>A copy of this tensor on <paramref name="backend"/> (through the host).</summary>
    public Tensor To(IBackend backend)
    {
        var t = new Tensor(backend.Allocate(Length), Rows, Columns, Rank);
        backend.Upload(ToArray(), t.Storage);
        return t;
    }

    /// <summary>A copy on the same backend.</summary>
    public Tensor Clone()
    {
        var t = ZerosLike(this);
        Backend.Copy(Storage, t.Storage);
        return t;
    }

    /// <summary>Releases the buffer now (native or GPU memory).</summary>
    public void Dispose() => Storage.Dispose();

    /// <inheritdoc/>
    public override string ToString()
    {
        var values = ToArray();
        var sb = new StringBuilder($"Tensor{ShapeText} [{Backend.Name}]");
        int shown = Math.Min(Rows, 6);
        for (int i = 0; i < shown; i++)
        {
            sb.Append("\n  [");
            for (int j = 0; j < Math.Min(Columns, 8); j++)
            {
                sb.Append(j == 0 ? string.Empty : ", ").Append(values[(long)i * Columns + j].ToString("G6", CultureInfo.InvariantCulture));
            }

            sb.Append(Columns > 8 ? ", …]" : "]");
        }

        if (Rows > shown)
        {
            sb.Append("\n  …");
        }

        return sb.ToString();
    }
}
