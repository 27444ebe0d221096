using ValueAlign.Core.Benchmarks.LongContext;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>MuSiQue JSON lines (<see cref="MusiqueFormat"/>) into long-context QA items, benchmark <c>musique</c>.</summary>
public sealed class MusiqueImporter : IItemImporter
{
    public string Format => MusiqueFormat.Name;

    // Paragraphs come first in each record, so their keys are what the sniffed head is sure to hold.
    public bool Detects(FileSniff file) =>
        file.Extension == ".jsonl" && file.FirstLine.StartsWith('{')
        && file.FirstLine.Contains("\"paragraphs\"", StringComparison.Ordinal) && file.FirstLine.Contains("\"is_supporting\"", StringComparison.Ordinal);

    public IAsyncEnumerable<ParsedItem> ReadAsync(ImportContext context, CancellationToken cancellationToken) =>
        LongContextImport.ReadAsync(context, Format, "musique", MusiqueFormat.Parse, cancellationToken);
}
