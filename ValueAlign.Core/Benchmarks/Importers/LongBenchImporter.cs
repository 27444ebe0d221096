using ValueAlign.Core.Benchmarks.LongContext;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>LongBench JSON lines (<see cref="LongBenchFormat"/>) into long-context QA items, benchmark <c>longbench</c>.</summary>
public sealed class LongBenchImporter : IItemImporter
{
    public string Format => LongBenchFormat.Name;

    // The context comes before the answers and may fill the sniffed head, so only the leading keys are checked.
    public bool Detects(FileSniff file) =>
        file.Extension == ".jsonl" && file.FirstLine.StartsWith('{')
        && file.FirstLine.Contains("\"input\":", StringComparison.Ordinal) && file.FirstLine.Contains("\"context\":", StringComparison.Ordinal);

    public IAsyncEnumerable<ParsedItem> ReadAsync(ImportContext context, CancellationToken cancellationToken) =>
        LongContextImport.ReadAsync(context, Format, "longbench", LongBenchFormat.Parse, cancellationToken);
}
