namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>All importers by format name, and detection of the format of a file.</summary>
public sealed class ImporterRegistry(IEnumerable<IItemImporter> importers)
{
    private readonly IReadOnlyList<IItemImporter> _importers = importers.ToList();

    public static ImporterRegistry Default { get; } = new(
    [
        new ToucheImporter(), new FulcraImporter(), new ValueBenchImporter(), new MoralChoiceImporter(),
        new MovaImporter(), new LegalDeltaImporter(), new MoHoBenchImporter(), new MmaAsiaJsonlImporter(),
        new MmaAsiaParquetImporter(), new LibraryJsonlImporter(), new DilemmaImporter(), new TaskPromptImporter(), new HotpotQaImporter(),
        new LongBenchImporter(), new MusiqueImporter(), new GenericMappedImporter(),
    ]);

    public IEnumerable<string> Formats => _importers.Select(i => i.Format);

    public IItemImporter? Find(string format) =>
        _importers.FirstOrDefault(i => string.Equals(i.Format, format, StringComparison.OrdinalIgnoreCase));

    /// <summary>The importers that recognise the file; detection is only used when exactly one does.</summary>
    public IReadOnlyList<IItemImporter> Detect(string path)
    {
        var sniff = FileSniff.Of(path);
        return _importers.Where(i => i.Detects(sniff)).ToList();
    }
}
