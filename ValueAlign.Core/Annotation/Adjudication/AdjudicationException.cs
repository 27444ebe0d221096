namespace ValueAlign.Core.Annotation.Adjudication;

/// <summary>A decision that cannot be saved (unknown project, item or question; a label the schema does not allow); the message says which.</summary>
public sealed class AdjudicationException(string message) : Exception(message);
