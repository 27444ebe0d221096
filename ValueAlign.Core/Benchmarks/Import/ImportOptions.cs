namespace ValueAlign.Core.Benchmarks.Import;

/// <summary>What to import and how.</summary>
public sealed record ImportOptions
{
    /// <summary>Importer format name; null detects it from the extension and header.</summary>
    public string? Format { get; init; }

    /// <summary>Overrides the benchmark name the importer would use.</summary>
    public string? Benchmark { get; init; }

    /// <summary>Name of a saved <see cref="Importers.ColumnMapping"/> preset for the generic importer.</summary>
    public string? Preset { get; init; }

    /// <summary>Read and validate everything, write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Stop collecting after this many errors (the import fails either way).</summary>
    public int MaxErrors { get; init; } = 100;
}
