namespace MiniDL.Plotting;

/// <summary>
/// A classifier's predicted class on a regular grid of cells over a 2-D region, for drawing decision
/// regions behind a scatter plot (<see cref="SvgDecisionBoundary"/>).
/// </summary>
/// <param name="Columns">Cells along x.</param>
/// <param name="Rows">Cells along y.</param>
/// <param name="XMin">Left edge of the region.</param>
/// <param name="XMax">Right edge of the region.</param>
/// <param name="YMin">Bottom edge of the region.</param>
/// <param name="YMax">Top edge of the region.</param>
/// <param name="Classes">
/// Predicted class of each cell, row-major from the bottom row (y = YMin) up: cell (row r, column c) is
/// <c>Classes[r * Columns + c]</c>.
/// </param>
public sealed record DecisionGrid(int Columns, int Rows, double XMin, double XMax, double YMin, double YMax, int[] Classes)
{
    /// <summary>
    /// Evaluates a batch classifier at the centre of every cell.
    /// </summary>
    /// <param name="predictBatch">
    /// Given a row-major <c>(Columns · Rows) × 2</c> matrix of points (x, y), returns one class per row.
    /// (A MiniDL model's forward pass followed by an arg-max over the class scores.)
    /// </param>
    /// <param name="xMin">Left edge.</param>
    /// <param name="xMax">Right edge.</param>
    /// <param name="yMin">Bottom edge.</param>
    /// <param name="yMax">Top edge.</param>
    /// <param name="columns">Cells along x (default 100).</param>
    /// <param name="rows">Cells along y (default 100).</param>
    /// <returns>The grid of predicted classes.</returns>
    /// <exception cref="ArgumentException">The region is empty, a count is below 1, or the classifier returns the wrong number of classes.</exception>
    public static DecisionGrid Evaluate(Func<double[], int[]> predictBatch, double xMin, double xMax, double yMin, double yMax, int columns = 100, int rows = 100)
    {
        ArgumentNullException.ThrowIfNull(predictBatch);
        if (columns < 1 || rows < 1 || !(xMax > xMin) || !(yMax > yMin))
        {
            throw new ArgumentException(
                $"DecisionGrid.Evaluate: needs columns, rows ≥ 1 and a non-empty region, got {columns}×{rows} over x [{xMin}, {xMax}], y [{yMin}, {yMax}].");
        }

        var points = new double[columns * rows * 2];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                int i = r * columns + c;
                points[2 * i] = xMin + (c + 0.5) * (xMax - xMin) / columns;
                points[2 * i + 1] = yMin + (r + 0.5) * (yMax - yMin) / rows;
            }
        }

        var classes = predictBatch(points);
        if (classes is null || classes.Length != columns * rows)
        {
            throw new ArgumentException(
                $"DecisionGrid.Evaluate: the classifier returned {classes?.Length ?? 0} classes for {columns * rows} points.", nameof(predictBatch));
        }

        return new DecisionGrid(columns, rows, xMin, xMax, yMin, yMax, classes);
    }
}
