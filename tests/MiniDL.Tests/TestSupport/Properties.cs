using Microsoft.FSharp.Core;

namespace MiniDL.Tests.TestSupport;

/// <summary>Runs FsCheck properties with a fixed replay seed and at least 100 cases, throwing on failure.</summary>
public static class Properties
{
    /// <summary>The replay seed every property uses, so a failure reproduces exactly.</summary>
    public const ulong Seed = 0x5EED_2026UL;

    /// <summary>Checks <paramref name="property"/> on <paramref name="cases"/> values drawn from <paramref name="gen"/>.</summary>
    public static void Check<T>(string name, Gen<T> gen, Action<T> property, int cases = 100)
    {
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(cases)
            .WithName(name)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
        var arb = Arb.From(gen);
        FsCheck.Check.One(config, Prop.ForAll(arb, property));
    }
}
