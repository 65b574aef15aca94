namespace MiniDL.Data;

/// <summary>Grey images read from an IDX file: <c>Count</c> images of <c>Height × Width</c> bytes, row by row.</summary>
/// <param name="Count">Number of images.</param>
/// <param name="Height">Rows per image.</param>
/// <param name="Width">Columns per image.</param>
/// <param name="Pixels">The raw pixel bytes (0 = background … 255), <c>Count × Height × Width</c>.</param>
public sealed record IdxImages(int Count, int Height, int Width, byte[] Pixels)
{
    /// <summary>The pixels as doubles scaled to [0, 1] (each byte divided by 255).</summary>
    /// <returns>A new array of <c>Count × Height × Width</c> values.</returns>
    public double[] ToUnitInterval()
    {
        var values = new double[Pixels.Length];
        for (int i = 0; i < Pixels.Length; i++)
        {
            values[i] = Pixels[i] / 255.0;
        }

        return values;
    }
}
