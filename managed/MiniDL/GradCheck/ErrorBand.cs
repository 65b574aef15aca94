namespace MiniDL.GradCheck;

/// <summary>
/// How to read a relative error between an analytic and a numeric gradient (the bands of Stanford's
/// cs231n notes on gradient checking).
/// </summary>
public enum ErrorBand
{
    /// <summary>Relative error below 1e-7: the gradient is right.</summary>
    Good,

    /// <summary>Between 1e-7 and 1e-4: fine near kinks, suspicious for a smooth function.</summary>
    Acceptable,

    /// <summary>Between 1e-4 and 1e-2: uncomfortable; look closer.</summary>
    Uncomfortable,

    /// <summary>Above 1e-2: the gradient is probably wrong.</summary>
    Wrong,
}
