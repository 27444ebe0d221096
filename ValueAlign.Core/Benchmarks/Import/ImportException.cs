namespace ValueAlign.Core.Benchmarks.Import;

/// <summary>An import failed; nothing was written. <see cref="Errors"/> says where and why.</summary>
public sealed class ImportException(IReadOnlyList<ImportError> errors)
    : Exception(errors.Count == 0 ? "Import failed." : $"Import failed with {errors.Count} error(s); first: {errors[0]}")
{
    public IReadOnlyList<ImportError> Errors { get; } = errors;
}
