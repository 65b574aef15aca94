using MiniDL.Data;

namespace MiniDL.Tests.Data;

public class AugmentationTests
{
    // 3×3 image:
    // 1 2 3
    // 4 5 6
    // 7 8 9
    private static readonly double[] Image = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    [Test]
    public void Shift_DownRight_MovesPixelsAndFillsZero()
    {
        var shifted = Augmentation.Shift(Image, 3, 3, dy: 1, dx: 1);
        Assert.That(shifted, Is.EqualTo(new double[] { 0, 0, 0, 0, 1, 2, 0, 4, 5 }));
    }

    [Test]
    public void Shift_UpLeft_MovesPixelsAndFillsZero()
    {
        var shifted = Augmentation.Shift(Image, 3, 3, dy: -1, dx: -2);
        Assert.That(shifted, Is.EqualTo(new double[] { 6, 0, 0, 9, 0, 0, 0, 0, 0 }));
    }

    [Test]
    public void FlipHorizontal_Image_ReversesEachRow()
    {
        Assert.That(Augmentation.FlipHorizontal(Image, 3, 3), Is.EqualTo(new double[] { 3, 2, 1, 6, 5, 4, 9, 8, 7 }));
    }

    [Test]
    public void RandomShifts_MaxShiftZero_LeavesImagesUnchanged()
    {
        Assert.That(Augmentation.RandomShifts(Image, 3, 3, 0, new Random(1)), Is.EqualTo(Image));
    }

    [Test]
    public void RandomShifts_SingleBrightPixel_StaysWithinMaxShift()
    {
        // One lit centre pixel of a 7×7 image; after a shift of at most 2 it is within 2 of the centre.
        var images = new double[7 * 7 * 50];
        for (int k = 0; k < 50; k++)
        {
            images[k * 49 + 3 * 7 + 3] = 1;
        }

        var shifted = Augmentation.RandomShifts(images, 7, 7, 2, new Random(4));
        var moved = 0;
        for (int k = 0; k < 50; k++)
        {
            int at = Array.IndexOf(shifted, 1.0, k * 49, 49) - k * 49;
            Assert.That(Math.Abs(at / 7 - 3), Is.LessThanOrEqualTo(2));
            Assert.That(Math.Abs(at % 7 - 3), Is.LessThanOrEqualTo(2));
            if (at != 24)
            {
                moved++;
            }
        }

        Assert.That(moved, Is.GreaterThan(30));
    }

    [Test]
    public void RandomHorizontalFlips_ProbabilityOne_FlipsAll()
    {
        var two = Image.Concat(Image).ToArray();
        var flipped = Augmentation.RandomHorizontalFlips(two, 3, 3, 1.0, new Random(0));
        Assert.That(flipped[9..], Is.EqualTo(new double[] { 3, 2, 1, 6, 5, 4, 9, 8, 7 }));
    }

    [Test]
    public void Augment_DatasetWithoutImageShape_Throws()
    {
        var d = new Dataset("flat", Image, 9, [0], ["a"]);
        Assert.Throws<ArgumentException>(() => Augmentation.Augment(d, 1, 0.5, 0));
    }

    [Test]
    public void Augment_SameSeed_SameResultAndLabelsKept()
    {
        var d = new Dataset("img", Image.Concat(Image).ToArray(), 9, [0, 1], ["a", "b"], (3, 3));
        var a = Augmentation.Augment(d, 1, 0.5, 9);
        var b = Augmentation.Augment(d, 1, 0.5, 9);
        Assert.Multiple(() =>
        {
            Assert.That(a.Features, Is.EqualTo(b.Features));
            Assert.That(a.Labels, Is.EqualTo(new[] { 0, 1 }));
            Assert.That(a.ImageShape, Is.EqualTo((3, 3)));
        });
    }

    [Test]
    public void Shift_WrongPixelCount_Throws()
    {
        Assert.Throws<ArgumentException>(() => Augmentation.Shift(new double[8], 3, 3, 0, 0));
    }
}
