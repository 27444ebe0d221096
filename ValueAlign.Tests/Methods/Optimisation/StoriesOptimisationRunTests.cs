using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Artefacts;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.Irote;
using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Core.Methods.Picaco;
using ValueAlign.Tests.Evaluation;

namespace ValueAlign.Tests.Methods.Optimisation;

/// <summary>Both optimisers as optimisation runs of the engine on the real stories260K model, with small sizes.</summary>
public sealed class StoriesOptimisationRunTests
{
    private static readonly ItemFilter ValueLaden = new() { Benchmark = TaskPromptImporter.DefaultBenchmark };

    public const string SmallPicaco = "{\"valueSet\":\"confucianism-4\",\"prompts\":2,\"rounds\":2,\"alignedPool\":2,\"noisyPool\":2,\"candidates\":2,\"maxResponseTokens\":24,\"maxInstructionTokens\":24}";

    [Fact]
    public async Task Picaco_run_stores_each_round_and_leaves_the_instruction_as_a_text_artefact()
    {
        await using var bed = await OptimisationRunBed.CreateAsync();

        var run = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, PicacoMethod.MethodId, ValueLaden, SmallPicaco, 3), "curator");
        Assert.Equal(RunKind.Optimisation, run.Kind);
        Assert.Equal(2, run.UnitCount);
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        await using var db = bed.OpenDb();
        var results = await db.EvalItemResults.Where(r => r.RunId == run.Id).OrderBy(r => r.UnitKey).ToListAsync();
        Assert.Equal(new[] { "round-01", "round-02" }, results.Select(r => r.UnitKey));
        Assert.All(results, r => Assert.Null(r.Error));
        var first = OptimisationJson.Deserialize<PicacoRound>(results[0].ParsedAnswer!);
        Assert.Equal(2, first.Pools.Count);
        Assert.All(first.Pools, p => Assert.InRange(p.Aligned.Count, 1, 2));
        Assert.All(first.Pools.SelectMany(p => p.Aligned), r => Assert.Equal(4, r.Score.LogConformity.Count));
        Assert.All(first.Pools.SelectMany(p => p.Aligned), r => Assert.InRange(r.Score.Parroting, -1, 1));

        var stored = await bed.Runs.GetAsync(run.Id);
        var artefacts = bed.Services.GetRequiredService<RunArtefactStore>();
        var instruction = await artefacts.GetAsync(run.Id, "instruction");
        Assert.NotNull(instruction);
        Assert.Equal(ArtefactKind.Text, instruction.Kind);
        var document = OptimisationJson.Deserialize<PicacoDocument>(Encoding.UTF8.GetString((await artefacts.GetAsync(run.Id, "optimisation"))!.Content));
        Assert.Equal(document.Instruction, Encoding.UTF8.GetString(instruction.Content));
        Assert.Equal(results[^1].RawOutput, document.Instruction);
        Assert.Contains("\"final-objective\"", stored!.ReportJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Irote_run_keeps_reflections_within_fifty_tokens()
    {
        await using var bed = await OptimisationRunBed.CreateAsync();

        var parameters = "{\"trait\":\"big-five:agreeableness\",\"prompts\":2,\"rounds\":1,\"candidates\":2,\"behaviours\":1,\"samples\":2,\"keep\":1,\"maxResponseTokens\":24}";
        var run = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, IroteMethod.MethodId, ValueLaden, parameters, 5), "curator");
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        await using var db = bed.OpenDb();
        var result = await db.EvalItemResults.SingleAsync(r => r.RunId == run.Id);
        Assert.Null(result.Error);
        var round = OptimisationJson.Deserialize<IroteRound>(result.ParsedAnswer!);
        var model = bed.Services.GetRequiredService<ValueAlign.Core.Inference.ModelHost>().Model!;
        foreach (var candidate in round.Candidates.Where(c => c.Note is null))
        {
            Assert.InRange((await model.TokenizeAsync(candidate.Text, addBos: false)).Count, 1, 50);
            Assert.NotNull(candidate.Evocativeness);
        }
        var reflection = await bed.Services.GetRequiredService<RunArtefactStore>().GetAsync(run.Id, "reflection");
        Assert.Equal(round.Best.Text, Encoding.UTF8.GetString(reflection!.Content));
    }
}
