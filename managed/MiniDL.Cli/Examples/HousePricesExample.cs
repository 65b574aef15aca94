namespace MiniDL.Cli.Examples;

/// <summary>
/// Lesson 7's regression example (area → price: 2104→400, 1600→330, 2400→369, 1416→232) fitted two ways: gradient
/// descent on the mean squared error with the area standardized, and the closed-form least squares of the normal
/// equations <c>(XᵀX) θ = Xᵀy</c> with <c>X = [area, 1]</c> (lesson 1's bias trick). Both give the same line.
/// </summary>
public static class HousePricesExample
{
    /// <summary>Fits both lines and compares them in original units (price per unit of area, price at area 0).</summary>
    /// <param name="context">Backend and output folder.</param>
    /// <returns>The result.</returns>
    public static ExampleResult Run(ExampleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = new ExampleResult("house-prices", "gradient descent on standardized area reaches the least-squares line of the normal equations");
        var data = Datasets.HousePrices();
        var area = data.Features;
        var price = data.Targets!;
        int n = area.Length;

        // Gradient descent: z = (area − μ)/σ, price ≈ w z + b, MSE = 1/n Σ (w z + b − y)², batch GD.
        var standardizer = Standardizer.Fit(data);
        double mu = standardizer.Mean[0], sigma = standardizer.StandardDeviation[0];
        var model = Linear.FromValues([0.0], [0.0], 1, 1, context.Backend);
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.1)) { Mode = BatchMode.BatchGD, Epochs = 500, Shuffle = false };
        var history = trainer.Fit(standardizer.Transform(data));
        double w = model.Weight.Value.ToArray()[0], b = model.Bias.Value.ToArray()[0];
        double gdSlope = w / sigma, gdIntercept = b - w * mu / sigma;

        // Normal equations for θ = (slope, intercept): [Σx² Σx; Σx n] θ = [Σxy; Σy], solved by Cramer's rule.
        double sx = 0, sxx = 0, sy = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            sx += area[i];
            sxx += area[i] * area[i];
            sy += price[i];
            sxy += area[i] * price[i];
        }

        double det = sxx * n - sx * sx;
        double neSlope = (sxy * n - sx * sy) / det, neIntercept = (sxx * sy - sx * sxy) / det;
        double slopeDiff = Math.Abs(gdSlope - neSlope), interceptDiff = Math.Abs(gdIntercept - neIntercept);

        result.Line($"data (area → price): {string.Join(", ", Enumerable.Range(0, n).Select(i => $"{area[i]}→{price[i]}"))}");
        result.Line($"standardized area: μ = {mu}, σ = {sigma:F4}; {history.Epochs.Count} epochs of batch GD (lr 0.1) → w = {w:F6}, b = {b:F6}, MSE {history.Last.Loss:F4}");
        result.Line($"gradient descent:  price = {gdSlope:F9} · area + {gdIntercept:F6}");
        result.Line($"normal equations:  price = {neSlope:F9} · area + {neIntercept:F6}");
        result.Line($"difference: slope {slopeDiff:E2}, intercept {interceptDiff:E2}");
        result.Value("gdSlope", gdSlope);
        result.Value("gdIntercept", gdIntercept);
        result.Value("normalSlope", neSlope);
        result.Value("normalIntercept", neIntercept);
        result.Value("slopeDifference", slopeDiff);
        result.Value("interceptDifference", interceptDiff);
        result.Passed = slopeDiff <= context.Tolerance * Math.Abs(neSlope) && interceptDiff <= context.Tolerance * Math.Max(1, Math.Abs(neIntercept));
        return result;
    }
}
