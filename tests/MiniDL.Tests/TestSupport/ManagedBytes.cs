namespace MiniDL.Tests.TestSupport;

/// <summary>How many managed bytes a piece of code allocates on the test's thread (the zero-allocation checks).</summary>
public static class ManagedBytes
{
    /// <summary>The bytes allocated by <paramref name="repetitions"/> calls of <paramref name="step"/>.</summary>
    public static long AllocatedBy(int repetitions, Action step)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < repetitions; i++)
        {
            step();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
