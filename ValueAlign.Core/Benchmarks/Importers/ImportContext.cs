using ValueAlign.Core.Benchmarks.Import;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// What an importer gets: the file, the benchmark name override, the preset (generic mapper) and
/// a sink for errors. Importers report a bad record and go on to the next one, so one run lists
/// as many problems as possible; the import service then writes nothing. Errors may be added
/// from the reading thread and the writing thread at once, hence the lock.
/// </summary>
public sealed class ImportContext(string path, string? benchmark, ColumnMapping? mapping, int maxErrors, ImportLimits? limits = null)
{
    private readonly List<ImportError> _errors = [];
    private readonly List<CountingStream> _streams = [];

    public string Path { get; } = path;

    public string FileName { get; } = System.IO.Path.GetFileName(path);

    public string? BenchmarkOverride { get; } = benchmark;

    public ColumnMapping? Mapping { get; } = mapping;

    /// <summary>How long a line and how large a Parquet row group may be.</summary>
    public ImportLimits Limits { get; } = limits ?? ImportLimits.Default;

    /// <summary>A snapshot of the errors so far.</summary>
    public IReadOnlyList<ImportError> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public int ErrorCount
    {
        get
        {
            lock (_errors)
            {
                return _errors.Count;
            }
        }
    }

    /// <summary>True when so many errors were collected that reading on is pointless.</summary>
    public bool TooManyErrors => ErrorCount >= maxErrors;

    public long BytesRead => _streams.Sum(s => s.BytesRead);

    public long TotalBytes { get; private set; }

    public string BenchmarkOr(string fallback) => string.IsNullOrWhiteSpace(BenchmarkOverride) ? fallback : BenchmarkOverride;

    public void Error(long? line, string? record, string? field, string message, string? file = null)
    {
        lock (_errors)
        {
            if (_errors.Count < maxErrors)
            {
                _errors.Add(new ImportError(file ?? FileName, line, record, field, message));
            }
        }
    }

    /// <summary>Opens a file of this import (the main one or a companion) and counts its bytes for progress.</summary>
    public Stream Open(string? path = null)
    {
        var file = File.OpenRead(path ?? Path);
        TotalBytes += file.Length;
        var counting = new CountingStream(file);
        _streams.Add(counting);
        return counting;
    }
}
