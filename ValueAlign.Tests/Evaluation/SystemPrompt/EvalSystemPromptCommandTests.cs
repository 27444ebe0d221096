using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Artefacts;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.Culture;
using ValueAlign.Core.Methods.Picaco;
using ValueAlign.Tests.Inference.Runtime;
using ValueAlign.Tests.Methods.Optimisation;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Evaluation.SystemPrompt;

/// <summary>`eval --system-prompt TEXT|@FILE` and `--system-prompt-run RUNID` as a process on stories260K.</summary>
public sealed class EvalSystemPromptCommandTests
{
    private static readonly string[] CultureLikelihood =
        ["eval", "--model", "stories260K.gguf", "--method", "culture-mcq", "--kind", "CultureMultipleChoice", "--params", "{\"mode\":\"likelihood\"}", "--seed", "3"];

    private static Dictionary<string, string> Environment() => new()
    {
        ["Paths:Models"] = Path.GetDirectoryName(StoriesModelFixture.ModelPath)!,
        ["Models:Threads"] = "1",
        ["Models:ContextSize"] = "1024",
        ["Models:BatchSize"] = "512",
        ["Models:MicroBatchSize"] = "512",
    };

    [Fact]
    public async Task The_instruction_of_a_picaco_run_becomes_the_system_prompt_with_the_hash_the_new_run_form_gives()
    {
        await using var bed = await OptimisationRunBed.CreateAsync();
        await bed.ImportDemoFileAsync("mma-asia-demo.jsonl");
        var parameters = StoriesOptimisationRunTests.SmallPicaco.Replace("\"rounds\":2", "\"rounds\":1", StringComparison.Ordinal);
        var picaco = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, PicacoMethod.MethodId, new ItemFilter { Benchmark = TaskPromptImporter.DefaultBenchmark }, parameters, 3), "curator");
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(picaco.JobId, CancellationToken.None));
        var artefact = (await bed.Services.GetRequiredService<RunArtefactStore>().GetAsync(picaco.Id, "instruction"))!;
        var instruction = Encoding.UTF8.GetString(artefact.Content);
        var file = Path.Combine(Path.GetDirectoryName(bed.DatabasePath)!, "instruction.txt");
        await File.WriteAllTextAsync(file, instruction);

        var fromRun = await WorkbenchCommand.RunAsync([.. CultureLikelihood, "--system-prompt-run", picaco.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            bed.DatabasePath, environment: Environment());
        var fromFile = await WorkbenchCommand.RunAsync([.. CultureLikelihood, "--system-prompt", "@instruction.txt"], bed.DatabasePath, environment: Environment());
        var typed = await WorkbenchCommand.RunAsync([.. CultureLikelihood, "--system-prompt", "Be kind and fair."], bed.DatabasePath, environment: Environment());

        Assert.True(fromRun.ExitCode == 0, fromRun.Error);
        Assert.True(fromFile.ExitCode == 0, fromFile.Error);
        Assert.True(typed.ExitCode == 0, typed.Error);
        Assert.Contains("System prompt (", fromRun.Error, StringComparison.Ordinal);
        // What /runs/new?systemPromptFrom= starts: the artefact's text as the request's system prompt.
        var form = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, CultureMcqMethod.MethodId, new ItemFilter { Kind = ItemKind.CultureMultipleChoice }, "{\"mode\":\"likelihood\"}", 3)
        {
            SystemPrompt = instruction,
        }, "curator");
        var plain = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, CultureMcqMethod.MethodId, new ItemFilter { Kind = ItemKind.CultureMultipleChoice }, "{\"mode\":\"likelihood\"}", 3), "curator");

        await using var db = bed.OpenDb();
        var cliRuns = await db.EvalRuns.AsNoTracking().Where(r => r.Method == CultureMcqMethod.MethodId && r.CreatedBy.StartsWith("cli:")).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(3, cliRuns.Count);
        Assert.Equal(instruction.Trim(), cliRuns[0].SystemPrompt);
        Assert.Equal(form.ConfigHash, cliRuns[0].ConfigHash);
        Assert.Equal(form.ConfigHash, cliRuns[1].ConfigHash);
        Assert.Equal("Be kind and fair.", cliRuns[2].SystemPrompt);
        Assert.NotEqual(form.ConfigHash, cliRuns[2].ConfigHash);
        Assert.NotEqual(plain.ConfigHash, form.ConfigHash);
        // The model really saw the prompt: the option log-likelihoods differ from a run without it.
        var steered = await db.EvalItemResults.AsNoTracking().Where(r => r.RunId == cliRuns[0].Id).OrderBy(r => r.ItemId).Select(r => r.RawOutput).ToListAsync();
        var other = await db.EvalItemResults.AsNoTracking().Where(r => r.RunId == cliRuns[2].Id).OrderBy(r => r.ItemId).Select(r => r.RawOutput).ToListAsync();
        Assert.Equal(12, steered.Count);
        Assert.NotEqual(other, steered);
    }

    [Fact]
    public async Task Bad_system_prompt_arguments_fail_with_a_clear_message_and_create_no_run()
    {
        await using var bed = await EvalTestBed.CreateAsync();
        await bed.ImportDemoFileAsync("mma-asia-demo.jsonl");
        var plain = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, CultureMcqMethod.MethodId, new ItemFilter { Kind = ItemKind.CultureMultipleChoice }, "{\"mode\":\"likelihood\"}"), "curator");

        var both = await WorkbenchCommand.RunAsync([.. CultureLikelihood, "--system-prompt", "x", "--system-prompt-run", "1"], bed.DatabasePath, environment: Environment());
        var noArtefact = await WorkbenchCommand.RunAsync([.. CultureLikelihood, "--system-prompt-run", plain.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], bed.DatabasePath, environment: Environment());
        var noRun = await WorkbenchCommand.RunAsync([.. CultureLikelihood, "--system-prompt-run", "999"], bed.DatabasePath, environment: Environment());
        var noFile = await WorkbenchCommand.RunAsync([.. CultureLikelihood, "--system-prompt", "@missing.txt"], bed.DatabasePath, environment: Environment());
        var resumed = await WorkbenchCommand.RunAsync(["eval", "--resume", "1", "--system-prompt", "x"], bed.DatabasePath, environment: Environment());

        Assert.NotEqual(0, both.ExitCode);
        Assert.Contains("either --system-prompt or --system-prompt-run", both.Error, StringComparison.Ordinal);
        Assert.Equal(1, noArtefact.ExitCode);
        Assert.Contains($"Run {plain.Id} has no text artefact", noArtefact.Error, StringComparison.Ordinal);
        Assert.Equal(1, noRun.ExitCode);
        Assert.Contains("There is no run 999", noRun.Error, StringComparison.Ordinal);
        Assert.Equal(1, noFile.ExitCode);
        Assert.Contains("missing.txt does not exist", noFile.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, resumed.ExitCode);
        Assert.Contains("keeps the system prompt it was created with", resumed.Error, StringComparison.Ordinal);
        await using var db = bed.OpenDb();
        Assert.Equal(1, await db.EvalRuns.CountAsync());
    }
}
