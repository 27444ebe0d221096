namespace ValueAlign.Core.Methods.LongMab.Verification;

/// <summary>What humans made of a generated pair: not sent for verification, awaiting a verified label, confirmed (the verified answer is the reward's choice) or overruled (any other verified answer: the other answer, tie, both wrong).</summary>
public enum PairVerification
{
    NotSent,
    Pending,
    Confirmed,
    Overruled,
}

/// <summary>A generated pair with its verification state and, when verified, the accepted label.</summary>
public sealed record PairStatus(GeneratedPair Generated, PairVerification Verification, string? VerifiedLabel);
