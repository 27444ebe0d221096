using Microsoft.EntityFrameworkCore;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Evaluation.Selection;
using ValueAlign.Tests.Inference.Runtime;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Cli;

/// <summary>`eval` as a process on a benchmark of mixed kinds: culture-mcq skips and counts what it cannot use, --strict refuses, no filter picks its kind.</summary>
public sealed class EvalItemSelectionVerbTests
{
    private const string Skipped = "2 items of kind QuestionnaireItem, 1 item of kind MoralScenario";

    private static Dictionary<string, string> Environment() => new()
    {
        ["Paths:Models"] = Path.GetDirectoryName(StoriesModelFixture.ModelPath)!,
        ["Models:Threads"] = "1",
        ["Models:ContextSize"] = "1024",
        ["Models:BatchSize"] = "512",
        ["Models:MicroBatchSize"] = "512",
    };

    private static readonly string[] Culture = ["eval", "--model", "stories260K.gguf", "--method", "culture-mcq"];

    [Fact]
    public async Task A_mixed_selection_runs_the_usable_items_and_reports_the_skipped_ones()
    {
        await using var bed = await EvalTestBed.CreateAsync();
        await MixedItems.AddAsync(bed);

        var result = await WorkbenchCommand.RunAsync([.. Culture, "--benchmark", MixedItems.Benchmark], bed.DatabasePath, environment: Environment());

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"Skipped: {Skipped} (culture-mcq cannot use them; --strict refuses the run instead).", result.Error, StringComparison.Ordinal);
        Assert.Contains($"  skipped: {Skipped}", result.Output, StringComparison.Ordinal);
        await using var db = bed.OpenDb();
        Assert.Equal(3, (await db.EvalRuns.SingleAsync()).UnitCount);
        Assert.Equal(3, await db.EvalItemResults.CountAsync());
    }

    [Fact]
    public async Task Strict_refuses_the_mixed_selection_and_creates_no_run()
    {
        await using var bed = await EvalTestBed.CreateAsync();
        await MixedItems.AddAsync(bed);

        var result = await WorkbenchCommand.RunAsync([.. Culture, "--benchmark", MixedItems.Benchmark, "--strict"], bed.DatabasePath, environment: Environment());

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"culture-mcq cannot use {Skipped} of the selection (it takes CultureMultipleChoice); narrow the selection, or run without --strict to skip them.",
            result.Error.Trim());
        await using var db = bed.OpenDb();
        Assert.Equal(0, await db.EvalRuns.CountAsync());
    }

    [Fact]
    public async Task With_no_filter_the_method_evaluates_its_own_kind_only()
    {
        await using var bed = await EvalTestBed.CreateAsync();
        await MixedItems.AddAsync(bed);

        var result = await WorkbenchCommand.RunAsync([.. Culture, "--strict"], bed.DatabasePath, environment: Environment());

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain("kipped", result.Error + result.Output, StringComparison.Ordinal);
        await using var db = bed.OpenDb();
        Assert.Equal(3, (await db.EvalRuns.SingleAsync()).UnitCount);
    }
}
