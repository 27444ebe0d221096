namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>Reads one file format into benchmark items. One implementation a format.</summary>
public interface IItemImporter
{
    /// <summary>The name used with <c>--format</c>, e.g. <c>touche23</c>.</summary>
    string Format { get; }

    /// <summary>True when the file is unmistakably this format (extension plus header or fields).</summary>
    bool Detects(FileSniff file);

    /// <summary>
    /// Streams the items of the file. Bad records are reported to <paramref name="context"/> and
    /// skipped; a file that cannot be read on (truncated JSON) ends the sequence after its error.
    /// </summary>
    IAsyncEnumerable<ParsedItem> ReadAsync(ImportContext context, CancellationToken cancellationToken);
}
