namespace MiniDL.Data;

/// <summary>
/// Data augmentation for images stored as rows of <c>Height × Width</c> pixels: random shifts (with
/// zero fill) and random horizontal flips.
/// </summary>
/// <remarks>
/// <para>
/// Day 01, "Data Augmentation": it enlarges and diversifies
/// the training set, which helps the model generalize, learn the common features and overfit less.
/// Each training epoch can see a slightly different copy of every image: a shift by <c>(dy, dx)</c>
/// with <c>dy, dx</c> drawn uniformly from <c>−s .. s</c> moves pixel <c>(r, c)</c> to
/// <c>(r + dy, c + dx)</c>, and pixels shifted in from outside are 0 (background); a horizontal flip
/// maps column <c>c</c> to <c>Width − 1 − c</c>.
/// </para>
/// <para>
/// Augment only the training data, and only with changes that keep the label: a mirrored shoe is still
/// a shoe (Fashion-MNIST), but a mirrored handwritten digit may not be a digit, so for digits use shifts only.
/// </para>
/// </remarks>
public static class Augmentation
{
    /// <summary>Shifts one image by <c>(dy, dx)</c> pixels, filling the uncovered pixels with 0.</summary>
    /// <param name="image">One image, <c>height × width</c> pixels row by row.</param>
    /// <param name="height">Rows.</param>
    /// <param name="width">Columns.</param>
    /// <param name="dy">Rows to move down (negative: up).</param>
    /// <param name="dx">Columns to move right (negative: left).</param>
    /// <returns>A new shifted image.</returns>
    /// <exception cref="ArgumentException">The image does not have <c>height × width</c> pixels.</exception>
    public static double[] Shift(double[] image, int height, int width, int dy, int dx)
    {
        CheckImages(image, height, width, nameof(Shift));
        if (image.Length != height * width)
        {
            throw new ArgumentException($"Augmentation.Shift: one image of {height}×{width} has {height * width} pixels, got {image.Length}.", nameof(image));
        }

        var result = new double[image.Length];
        ShiftInto(image, 0, result, height, width, dy, dx);
        return result;
    }

    /// <summary>Mirrors one image left to right.</summary>
    /// <param name="image">One image, <c>height × width</c> pixels row by row.</param>
    /// <param name="height">Rows.</param>
    /// <param name="width">Columns.</param>
    /// <returns>A new mirrored image.</returns>
    /// <exception cref="ArgumentException">The image does not have <c>height × width</c> pixels.</exception>
    public static double[] FlipHorizontal(double[] image, int height, int width)
    {
        CheckImages(image, height, width, nameof(FlipHorizontal));
        if (image.Length != height * width)
        {
            throw new ArgumentException($"Augmentation.FlipHorizontal: one image of {height}×{width} has {height * width} pixels, got {image.Length}.", nameof(image));
        }

        var result = (double[])image.Clone();
        FlipInPlace(result, 0, height, width);
        return result;
    }

    /// <summary>Shifts every image by its own random <c>(dy, dx)</c>, each uniform in <c>−maxShift .. maxShift</c>.</summary>
    /// <param name="images">Images, row-major, each <c>height × width</c> pixels.</param>
    /// <param name="height">Rows per image.</param>
    /// <param name="width">Columns per image.</param>
    /// <param name="maxShift">Largest shift in pixels, at least 0.</param>
    /// <param name="random">The random source.</param>
    /// <returns>New shifted images.</returns>
    /// <exception cref="ArgumentException">The sizes disagree or <paramref name="maxShift"/> is negative.</exception>
    public static double[] RandomShifts(double[] images, int height, int width, int maxShift, Random random)
    {
        CheckImages(images, height, width, nameof(RandomShifts));
        ArgumentNullException.ThrowIfNull(random);
        if (maxShift < 0)
        {
            throw new ArgumentException($"Augmentation.RandomShifts: maxShift must be at least 0, got {maxShift}.", nameof(maxShift));
        }

        var result = new double[images.Length];
        int pixels = height * width;
        for (int offset = 0; offset < images.Length; offset += pixels)
        {
            int dy = random.Next(-maxShift, maxShift + 1);
            int dx = random.Next(-maxShift, maxShift + 1);
            ShiftInto(images, offset, result, height, width, dy, dx);
        }

        return result;
    }

    /// <summary>Mirrors each image left to right with probability <paramref name="probability"/>.</summary>
    /// <param name="images">Images, row-major, each <c>height × width</c> pixels.</param>
    /// <param name="height">Rows per image.</param>
    /// <param name="width">Columns per image.</param>
    /// <param name="probability">Chance of flipping each image, in [0, 1].</param>
    /// <param name="random">The random source.</param>
    /// <returns>New images.</returns>
    /// <exception cref="ArgumentException">The sizes disagree or the probability is outside [0, 1].</exception>
    public static double[] RandomHorizontalFlips(double[] images, int height, int width, double probability, Random random)
    {
        CheckImages(images, height, width, nameof(RandomHorizontalFlips));
        ArgumentNullException.ThrowIfNull(random);
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentException($"Augmentation.RandomHorizontalFlips: probability must be in [0, 1], got {probability}.", nameof(probability));
        }

        var result = (double[])images.Clone();
        int pixels = height * width;
        for (int offset = 0; offset < images.Length; offset += pixels)
        {
            if (random.NextDouble() < probability)
            {
                FlipInPlace(result, offset, height, width);
            }
        }

        return result;
    }

    /// <summary>
    /// Returns an augmented copy of an image data set: random shifts up to <paramref name="maxShift"/>, then
    /// random horizontal flips with probability <paramref name="flipProbability"/>. Labels are unchanged.
    /// </summary>
    /// <param name="dataset">A data set with <see cref="Dataset.ImageShape"/> set.</param>
    /// <param name="maxShift">Largest shift in pixels (0: no shifts).</param>
    /// <param name="flipProbability">Chance of mirroring each image (0: no flips).</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The augmented data set (same size and order).</returns>
    /// <exception cref="ArgumentException">The data set has no image shape, or a parameter is out of range.</exception>
    public static Dataset Augment(Dataset dataset, int maxShift, double flipProbability, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.ImageShape is not { } shape)
        {
            throw new ArgumentException($"Augmentation.Augment: data set '{dataset.Name}' has no image shape.", nameof(dataset));
        }

        var random = new Random(seed);
        var images = RandomShifts(dataset.Features, shape.Height, shape.Width, maxShift, random);
        images = RandomHorizontalFlips(images, shape.Height, shape.Width, flipProbability, random);
        return dataset.WithFeatures(images);
    }

    private static void ShiftInto(double[] source, int offset, double[] target, int height, int width, int dy, int dx)
    {
        for (int r = 0; r < height; r++)
        {
            int sourceRow = r - dy;
            if (sourceRow < 0 || sourceRow >= height)
            {
                continue;
            }

            for (int c = 0; c < width; c++)
            {
                int sourceColumn = c - dx;
                if (sourceColumn >= 0 && sourceColumn < width)
                {
                    target[offset + r * width + c] = source[offset + sourceRow * width + sourceColumn];
                }
            }
        }
    }

    private static void FlipInPlace(double[] images, int offset, int height, int width)
    {
        for (int r = 0; r < height; r++)
        {
            Array.Reverse(images, offset + r * width, width);
        }
    }

    private static void CheckImages(double[] images, int height, int width, string operation)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (height < 1 || width < 1)
        {
            throw new ArgumentException($"Augmentation.{operation}: height and width must be at least 1, got {height}×{width}.");
        }

        if (images.Length % (height * width) != 0)
        {
            throw new ArgumentException(
                $"Augmentation.{operation}: {images.Length} values are not a whole number of {height}×{width} images.", nameof(images));
        }
    }
}
