using MiniDL.Schedules;

namespace MiniDL.Tests.Schedules;

public class StepDecayTests
{
    [Test]
    public void At_EveryTenEpochsHalf_DropsAtTenAndTwentyNotAtZero()
    {
        // lr0 0.1, drop 0.5 every 10: epochs 0–9 → 0.1, 10–19 → 0.05, 20 → 0.025.
        var s = new StepDecay(0.1, 0.5, 10);
        Assert.That(s.At(0), Is.EqualTo(0.1));
        Assert.That(s.At(9), Is.EqualTo(0.1));
        Assert.That(s.At(10), Is.EqualTo(0.05).Within(1e-15));
        Assert.That(s.At(19), Is.EqualTo(0.05).Within(1e-15));
        Assert.That(s.At(20), Is.EqualTo(0.025).Within(1e-15));
    }

    [Test]
    public void At_MatchesLecturePseudocodeLoop()
    {
        // Day 01: for epoch: if epoch % epochs_drop == 0 and epoch != 0: lr = lr * drop_rate.
        var s = new StepDecay(0.2, 0.7, 3);
        double lr = 0.2;
        for (int epoch = 0; epoch < 20; epoch++)
        {
            if (epoch % 3 == 0 && epoch != 0)
            {
                lr *= 0.7;
            }

            Assert.That(s.At(epoch), Is.EqualTo(lr).Within(1e-15), $"epoch {epoch}");
        }
    }
}
