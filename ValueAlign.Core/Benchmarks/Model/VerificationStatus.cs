namespace ValueAlign.Core.Benchmarks.Model;

/// <summary>Whether a curator has checked an item; imports start every item as unverified.</summary>
public enum VerificationStatus
{
    Unverified,
    Verified,
    NeedsReview,
    Rejected,
}
