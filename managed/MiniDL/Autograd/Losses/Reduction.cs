namespace MiniDL.Autograd.Losses;

/// <summary>How a loss combines its per-element terms.</summary>
public enum Reduction
{
    /// <summary>Divide the sum by the number of terms (Day 01's binary cross-entropy, <c>−1/n Σ …</c>).</summary>
    Mean,

    /// <summary>The plain sum (the 3-DL notes' binary cross-entropy, <c>−Σ …</c>).</summary>
    Sum,
}
