using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Jobs;

namespace ValueAlign.Tests.Evaluation.Selection;

/// <summary>A method picks its items: no filter selects its kinds; a mixed selection skips and counts the rest; strict refuses.</summary>
public sealed class MethodItemSelectionTests
{
    private const string Skipped = "skipped: 2 items of kind QuestionnaireItem, 1 item of kind MoralScenario";

    private static readonly ItemFilter Mixed = new() { Benchmark = MixedItems.Benchmark };

    private static ScriptedMethod CultureOnly() => new() { ItemKinds = new HashSet<ItemKind> { ItemKind.CultureMultipleChoice } };

    private static async Task<EvalTestBed> BedAsync(ScriptedMethod method)
    {
        var bed = await EvalTestBed.CreateAsync(method);
        await MixedItems.AddAsync(bed);
        return bed;
    }

    [Fact]
    public async Task A_mixed_selection_counts_the_usable_items_and_the_skipped_ones_by_kind()
    {
        var method = CultureOnly();
        await using var bed = await BedAsync(method);

        var selection = await bed.Runs.SelectionAsync(Mixed, method);

        Assert.Equal(3, selection.Usable);
        Assert.Equal([new SkippedItems(ItemKind.QuestionnaireItem, 2), new SkippedItems(ItemKind.MoralScenario, 1)], selection.Skipped);
        Assert.Equal(Skipped, selection.SkippedText);
    }

    [Fact]
    public async Task A_mixed_run_evaluates_the_usable_items_and_its_report_counts_the_skipped_ones()
    {
        var method = CultureOnly();
        await using var bed = await BedAsync(method);

        var run = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "scripted", Mixed), "alice");
        Assert.Equal(3, run.UnitCount);
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        await using var db = bed.OpenDb();
        var evaluated = await db.EvalItemResults.Where(r => r.RunId == run.Id).Join(db.BenchmarkItems, r => r.ItemId, i => i.Id, (r, i) => i.Kind).ToListAsync();
        Assert.Equal(3, evaluated.Count);
        Assert.All(evaluated, kind => Assert.Equal(ItemKind.CultureMultipleChoice, kind));
        var report = RunReportJson.Deserialize((await bed.Runs.GetAsync(run.Id))!.ReportJson!);
        Assert.Equal(Skipped, ItemSelection.Describe(report.Skipped));
        Assert.Equal(3, report.Metrics.Single(m => m.Key == "units").Value);
        // The skipped scenario is an image; the run's own items are text, and that is what its header says.
        Assert.False((await bed.Runs.GetSummaryAsync(run.Id))!.ItemsHaveMedia);
    }

    [Fact]
    public async Task A_strict_run_refuses_a_selection_with_items_the_method_cannot_use_and_stores_nothing()
    {
        var method = CultureOnly();
        await using var bed = await BedAsync(method);

        var refusal = await Assert.ThrowsAsync<EvalRunException>(() =>
            bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "scripted", Mixed) { Strict = true }, "alice"));

        Assert.Equal(
            "scripted cannot use 2 items of kind QuestionnaireItem, 1 item of kind MoralScenario of the selection (it takes CultureMultipleChoice); narrow the selection, or run without --strict to skip them.",
            refusal.Message);
        await using var db = bed.OpenDb();
        Assert.Equal(0, await db.EvalRuns.CountAsync());
        // Strict with a selection of usable items only runs as usual.
        var run = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "scripted", Mixed with { Kind = ItemKind.CultureMultipleChoice }) { Strict = true }, "alice");
        Assert.Equal(3, run.UnitCount);
    }

    [Fact]
    public async Task With_no_filter_the_method_selects_its_own_kinds_and_nothing_counts_as_skipped()
    {
        var method = CultureOnly();
        await using var bed = await BedAsync(method);

        var selection = await bed.Runs.SelectionAsync(new ItemFilter(), method);
        Assert.Equal(3, selection.Usable);
        Assert.Empty(selection.Skipped);
        var run = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "scripted", new ItemFilter()) { Strict = true }, "alice");
        Assert.Equal(3, run.UnitCount);
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));
        Assert.Null(RunReportJson.Deserialize((await bed.Runs.GetAsync(run.Id))!.ReportJson!).Skipped);
    }

    [Fact]
    public async Task A_selection_with_nothing_usable_is_refused_naming_what_it_holds()
    {
        var method = CultureOnly();
        await using var bed = await BedAsync(method);

        var refusal = await Assert.ThrowsAsync<EvalRunException>(() =>
            bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "scripted", Mixed with { Kind = ItemKind.QuestionnaireItem }), "alice"));

        Assert.Equal("None of the selected items is of a kind scripted can use (it takes CultureMultipleChoice); skipped: 2 items of kind QuestionnaireItem.", refusal.Message);
        var empty = await Assert.ThrowsAsync<EvalRunException>(() =>
            bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "scripted", Mixed with { Benchmark = "nothing" }), "alice"));
        Assert.Equal("The item selection is empty: no benchmark item matches the filter.", empty.Message);
    }
}
