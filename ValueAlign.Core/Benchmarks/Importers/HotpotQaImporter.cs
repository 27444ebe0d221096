using ValueAlign.Core.Benchmarks.LongContext;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>HotpotQA JSON array (<see cref="HotpotQaFormat"/>) into long-context QA items, benchmark <c>hotpotqa</c>.</summary>
public sealed class HotpotQaImporter : IItemImporter
{
    public string Format => HotpotQaFormat.Name;

    public bool Detects(FileSniff file) =>
        file.Extension == ".json" && file.HeadContains("\"supporting_facts\"") && file.HeadContains("\"context\"");

    public IAsyncEnumerable<ParsedItem> ReadAsync(ImportContext context, CancellationToken cancellationToken) =>
        LongContextImport.ReadAsync(context, Format, "hotpotqa", HotpotQaFormat.Parse, cancellationToken);
}
