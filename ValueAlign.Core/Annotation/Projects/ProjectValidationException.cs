namespace ValueAlign.Core.Annotation.Projects;

/// <summary>A project definition that cannot be saved; <see cref="Errors"/> lists every field at fault.</summary>
public sealed class ProjectValidationException(IReadOnlyList<string> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
