using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>Where an optimisation's task prompts come from.</summary>
public abstract record TaskPromptSource
{
    /// <summary>The team's value-laden prompts (<c>data/prompts/value-laden.jsonl</c>), imported when the library lacks them.</summary>
    public sealed record Shipped : TaskPromptSource;

    /// <summary>Library items (benchmark items, questionnaire items) selected by a filter.</summary>
    public sealed record Items(ItemFilter Filter) : TaskPromptSource;

    /// <summary>Prompts typed by the user, one per entry, stored as a new benchmark of task-prompt items.</summary>
    public sealed record Typed(IReadOnlyList<string> Prompts) : TaskPromptSource;

    /// <summary>A JSONL file of task prompts, imported as benchmark <c>prompts-NAME</c>.</summary>
    public sealed record File(string Path) : TaskPromptSource;
}

/// <summary>
/// Starts optimisation runs from the page and the CLI: turns the task-prompt source into an item
/// filter (importing typed prompts, a file, or the shipped set when needed, all-or-nothing like any
/// import) and creates the run through the engine.
/// </summary>
public sealed class OptimisationStarter(EvalRunService runs, ImportService imports, IDbContextFactory<ValueAlignDbContext> dbFactory, OptimisationStarter.Files files, TimeProvider clock)
{
    /// <summary>Where the shipped value-laden prompts are.</summary>
    public sealed record Files(string ValueLadenPrompts);

    public async Task<EvalRun> StartAsync(EvalRunRequest request, TaskPromptSource prompts, string user, CancellationToken cancellationToken = default)
    {
        var filter = await FilterAsync(prompts, user, cancellationToken).ConfigureAwait(false);
        return await runs.CreateAsync(request with { Filter = filter }, user, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ItemFilter> FilterAsync(TaskPromptSource source, string user, CancellationToken cancellationToken)
    {
        switch (source)
        {
            case TaskPromptSource.Items items:
                return items.Filter;
            case TaskPromptSource.File file:
                var name = "prompts-" + Path.GetFileNameWithoutExtension(file.Path);
                await imports.ImportAsync(file.Path, new ImportOptions { Format = "valuealign-prompts", Benchmark = name }, cancellationToken: cancellationToken).ConfigureAwait(false);
                return new ItemFilter { Benchmark = name };
            case TaskPromptSource.Typed typed:
                return new ItemFilter { Benchmark = await ImportTypedAsync(typed.Prompts, user, cancellationToken).ConfigureAwait(false) };
            default:
                await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (!await db.BenchmarkItems.AnyAsync(i => i.Benchmark == TaskPromptImporter.DefaultBenchmark, cancellationToken).ConfigureAwait(false))
                        await imports.ImportAsync(files.ValueLadenPrompts, new ImportOptions { Format = "valuealign-prompts" }, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                return new ItemFilter { Benchmark = TaskPromptImporter.DefaultBenchmark };
        }
    }

    private async Task<string> ImportTypedAsync(IReadOnlyList<string> prompts, string user, CancellationToken cancellationToken)
    {
        var lines = prompts.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (lines.Count == 0) throw new ArgumentException("Type at least one task prompt.");
        var benchmark = "typed-prompts-" + clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            text.AppendLine(JsonSerializer.Serialize(new { id = $"typed-{i + 1}", text = lines[i], topic = "typed by " + user }));
        }
        var path = Path.Combine(Path.GetTempPath(), $"valuealign-{benchmark}-{Guid.NewGuid():N}.jsonl");
        await System.IO.File.WriteAllTextAsync(path, text.ToString(), cancellationToken).ConfigureAwait(false);
        try
        {
            await imports.ImportAsync(path, new ImportOptions { Format = "valuealign-prompts", Benchmark = benchmark }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
        return benchmark;
    }
}
