namespace MiniDL.Cli.Examples;

/// <summary>Small helpers the examples share: running a model on host points and reading its decisions.</summary>
public static class ExampleModels
{
    /// <summary>The model's outputs for row-major host inputs (evaluation mode).</summary>
    /// <param name="model">The model.</param>
    /// <param name="inputs">Row-major inputs, <paramref name="columns"/> per row.</param>
    /// <param name="columns">Features per row.</param>
    /// <returns>Row-major outputs.</returns>
    public static double[] Outputs(Layer model, double[] inputs, int columns)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        using var x = Tensor.FromArray(inputs, inputs.Length / columns, columns, model.Backend);
        using var y = model.Predict(x);
        return y.ToArray();
    }

    /// <summary>
    /// The predicted class of each row: <c>[p ≥ 0.5]</c> for a model with one (sigmoid) output, the arg-max of the scores
    /// otherwise.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="inputs">Row-major inputs.</param>
    /// <param name="columns">Features per row.</param>
    /// <returns>One class per row.</returns>
    public static int[] Classes(Layer model, double[] inputs, int columns)
    {
        var outputs = Outputs(model, inputs, columns);
        int rows = inputs.Length / columns;
        int k = outputs.Length / rows;
        var classes = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            if (k == 1)
            {
                classes[r] = outputs[r] >= 0.5 ? 1 : 0;
                continue;
            }

            int best = 0;
            for (int j = 1; j < k; j++)
            {
                if (outputs[r * k + j] > outputs[r * k + best])
                {
                    best = j;
                }
            }

            classes[r] = best;
        }

        return classes;
    }
}
