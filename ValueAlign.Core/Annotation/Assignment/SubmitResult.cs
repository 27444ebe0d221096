namespace ValueAlign.Core.Annotation.Assignment;

/// <summary>The stored annotation; <see cref="AlreadySubmitted"/> is true when this was a retry of a submit that had been saved.</summary>
public sealed record SubmitResult(long AnnotationId, long ProjectItemId, long TimeSpentMs, bool AlreadySubmitted);
