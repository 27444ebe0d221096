namespace ValueAlign.Core.Annotation.Assignment;

/// <summary>A queue action that cannot be done; <see cref="Kind"/> tells the page what to show.</summary>
public sealed class AssignmentException(AssignmentErrorKind kind, string message) : Exception(message)
{
    public AssignmentErrorKind Kind { get; } = kind;
}
