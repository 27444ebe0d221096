namespace ValueAlign.Core.Annotation.Schema;

/// <summary>A label schema or a set of answers that cannot be used; <see cref="Errors"/> lists every problem found.</summary>
public sealed class LabelSchemaException(IReadOnlyList<string> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
