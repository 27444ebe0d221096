namespace ValueAlign.Core.Benchmarks.Export;

/// <summary>The export formats.</summary>
public enum ExportFormat
{
    /// <summary>The library's JSON lines: all fields, labels, verification status and the verbatim source record; re-importable.</summary>
    Jsonl,

    /// <summary>Flat CSV with spreadsheet formulas neutralised.</summary>
    Csv,

    /// <summary>Parquet with the same flat columns.</summary>
    Parquet,

    /// <summary>JSON lines for Hugging Face <c>datasets</c>: every key in every row, lists always lists, no source record.</summary>
    HuggingFace,
}
