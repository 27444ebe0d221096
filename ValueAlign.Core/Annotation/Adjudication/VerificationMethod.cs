namespace ValueAlign.Core.Annotation.Adjudication;

/// <summary>How a verified label was reached.</summary>
public enum VerificationMethod
{
    /// <summary>A curator decided it in the adjudication queue.</summary>
    Adjudicated,

    /// <summary>Every completed label of the item agreed; accepted automatically.</summary>
    Unanimous,

    /// <summary>The labels differed, but not enough for the project's rule to dispute them; the majority label was accepted automatically.</summary>
    Majority,
}
