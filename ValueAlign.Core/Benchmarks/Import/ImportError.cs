namespace ValueAlign.Core.Benchmarks.Import;

/// <summary>One problem in an import: which file, where (line or record), which field, and what.</summary>
public sealed record ImportError(string File, long? Line, string? Record, string? Field, string Message)
{
    public override string ToString()
    {
        var where = Line is { } l ? $"line {l}" : Record is { } r ? $"record {r}" : "file";
        var field = Field is null ? "" : $", field '{Field}'";
        return $"{File}: {where}{field}: {Message}";
    }
}
