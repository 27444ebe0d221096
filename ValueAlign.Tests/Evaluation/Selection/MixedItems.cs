using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Tests.Evaluation.Selection;

/// <summary>A benchmark of mixed kinds: culture items imported as usual plus items of other kinds stored directly.</summary>
internal static class MixedItems
{
    public const string Benchmark = "test-culture";

    /// <summary>Imports <paramref name="culture"/> culture items and adds two questionnaire items and one moral scenario to the same benchmark.</summary>
    public static async Task AddAsync(EvalTestBed bed, int culture = 3)
    {
        await bed.ImportCultureItemsAsync(Enumerable.Range(0, culture).Select(i => EvalTestBed.CultureRow($"jp-{i}")));
        await using var db = bed.OpenDb();
        db.BenchmarkItems.AddRange(
            Item("pvq-1", ItemKind.QuestionnaireItem),
            Item("pvq-2", ItemKind.QuestionnaireItem),
            Scenario());
        await db.SaveChangesAsync();
    }

    /// <summary>An image scenario: a run that skips it must not count as one over media items.</summary>
    private static BenchmarkItem Scenario()
    {
        var item = Item("scenario-1", ItemKind.MoralScenario);
        item.Modality = Modality.Image;
        return item;
    }

    private static BenchmarkItem Item(string id, ItemKind kind) => new()
    {
        Benchmark = Benchmark,
        ExternalId = id,
        Kind = kind,
        Text = $"Item {id}",
        Language = "en",
        SourceFormat = "test",
        SourceRecord = "{}",
    };
}
