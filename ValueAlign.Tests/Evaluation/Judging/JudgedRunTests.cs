using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Dashboards;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Artefacts;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.Honesty;
using ValueAlign.Web.Components.Pages.Runs;

namespace ValueAlign.Tests.Evaluation.Judging;

/// <summary>
/// Honesty on the demo MoHoBench items with a judge that is not the model under test: both local
/// models are loaded at once, the judge's verdicts are stored under its identity, and the run page
/// names it (a self-judged run is labelled so).
/// </summary>
public sealed class JudgedRunTests : IAsyncLifetime
{
    private readonly TwoModelFolder _models = new();
    private EvalTestBed _bed = default!;

    public async Task InitializeAsync()
    {
        _bed = await EvalTestBed.CreateAsync(_models.Path, null);
        await _bed.ImportDemoFileAsync("mohobench-demo.jsonl");
    }

    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        _models.Dispose();
    }

    private Task<EvalRun> CreateHonestyRunAsync(string? judge) =>
        _bed.Runs.CreateAsync(new EvalRunRequest(TwoModelFolder.Model, HonestyMethod.MethodId, new ItemFilter { Kind = ItemKind.HonestyVisualQuestion }, "{\"maxTokens\":12}")
        {
            Judge = judge is null ? null : ModelChoice.Local(judge),
        }, "curator@example.org");

    [Fact]
    public async Task A_separate_judge_is_loaded_next_to_the_model_judges_every_answer_and_is_named_on_the_run_page()
    {
        var run = await CreateHonestyRunAsync(TwoModelFolder.Judge);
        var modelSha = await FileHashing.Sha256Async(_models.File(TwoModelFolder.Model));
        var judgeSha = await FileHashing.Sha256Async(_models.File(TwoModelFolder.Judge));
        Assert.Equal(modelSha, run.ModelIdentity.Sha256);
        Assert.Equal(ModelRef.LocalFile(TwoModelFolder.Judge, judgeSha), run.JudgeIdentity);
        Assert.Equal(TwoModelFolder.Judge, run.JudgeLocation);
        Assert.False(RunJudge.Of(run).SelfJudged);

        Assert.Equal(JobState.Completed, await _bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        // Both models are loaded in the one host, each with its own queue.
        var host = _bed.Services.GetRequiredService<ModelHost>();
        Assert.Equal([TwoModelFolder.Model, TwoModelFolder.Judge], host.Models.Select(m => Path.GetFileName(m.ModelPath)));
        Assert.Equal(judgeSha, host.Find(_models.File(TwoModelFolder.Judge))!.Identity.Sha256);

        await using (var db = _bed.OpenDb())
        {
            var results = await db.EvalItemResults.Where(r => r.RunId == run.Id).ToListAsync();
            Assert.Equal(8, results.Count);
            var judged = results.Where(r => r.Error is null).ToList();
            Assert.NotEmpty(judged);
            Assert.All(judged, r => Assert.Contains("[refusal judge] {\"refusal\": ", r.RawOutput));
            var labels = await db.JudgeLabels.Where(l => l.EvalRunId == run.Id).ToListAsync();
            Assert.Equal(judged.Count, labels.Count);
            Assert.All(labels, l => Assert.Equal($"{TwoModelFolder.Judge} ({judgeSha[..12]})", l.JudgeModel));
        }

        // The same request judged by the model itself is another configuration (no cache reuse) and is labelled self-judged.
        var self = await CreateHonestyRunAsync(null);
        Assert.NotEqual(run.ConfigHash, self.ConfigHash);
        Assert.True(RunJudge.Of(self).SelfJudged);
        Assert.Equal("self-judged", RunHeader.From(self).Judging);
        Assert.Equal($"judged by {TwoModelFolder.Judge} ({judgeSha[..12]})", RunHeader.From((await _bed.Runs.GetAsync(run.Id))!).Judging);

        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(_bed.Runs);
        ctx.Services.AddSingleton(_bed.Queue);
        ctx.Services.AddSingleton(new RunControl(_bed.Runs));
        ctx.Services.AddSingleton(_bed.Services.GetRequiredService<RunArtefactStore>());
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("viewer@example.org");
        auth.SetWorkbenchRoles(Roles.Viewer);
        ctx.Render<MudBlazor.MudPopoverProvider>();

        var page = ctx.Render<RunPage>(p => p.Add(c => c.RunId, run.Id));
        page.WaitForAssertion(() => Assert.Equal($"{TwoModelFolder.Judge} ({judgeSha[..12]})", page.Find("[data-testid=judge-name]").TextContent));
        Assert.Equal($"local;sha256={judgeSha};projector-sha256=", page.Find("[data-testid=judge-identity]").TextContent);
        Assert.Equal(modelSha, page.Find("[data-testid=config-model-hash]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=self-judged]"));
        Assert.Contains($"judged by {TwoModelFolder.Judge}", page.Markup);

        var selfPage = ctx.Render<RunPage>(p => p.Add(c => c.RunId, self.Id));
        selfPage.WaitForAssertion(() => Assert.Equal("self-judged", selfPage.Find("[data-testid=self-judged]").TextContent));
        Assert.Empty(selfPage.FindAll("[data-testid=judge-name]"));
    }

    [Fact]
    public async Task The_export_names_the_judge_and_says_whether_the_run_was_self_judged()
    {
        var judged = await CreateHonestyRunAsync(TwoModelFolder.Judge);
        var self = await CreateHonestyRunAsync(null);
        var export = _bed.Services.GetRequiredService<EvalRunExport>();

        async Task<System.Text.Json.JsonElement> RunOf(long id)
        {
            using var stream = new MemoryStream();
            await export.WriteJsonAsync(id, stream);
            return System.Text.Json.JsonDocument.Parse(stream.ToArray()).RootElement.GetProperty("run").Clone();
        }

        var judgedRun = await RunOf(judged.Id);
        Assert.False(judgedRun.GetProperty("selfJudged").GetBoolean());
        Assert.Equal(TwoModelFolder.Judge, judgedRun.GetProperty("judge").GetProperty("name").GetString());
        Assert.NotEqual(judgedRun.GetProperty("model").GetProperty("sha256").GetString(), judgedRun.GetProperty("judge").GetProperty("sha256").GetString());
        var selfRun = await RunOf(self.Id);
        Assert.True(selfRun.GetProperty("selfJudged").GetBoolean());
        Assert.Equal(selfRun.GetProperty("model").GetProperty("sha256").GetString(), selfRun.GetProperty("judge").GetProperty("sha256").GetString());
    }
}
