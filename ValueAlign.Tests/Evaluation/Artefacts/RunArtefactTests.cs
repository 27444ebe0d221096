using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Artefacts;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.Couple.Study;

namespace ValueAlign.Tests.Evaluation.Artefacts;

/// <summary>Run kinds and typed artefacts over the real engine (SQLite file, job queue, stories260K).</summary>
public sealed class RunArtefactTests
{
    private static readonly ItemFilter TestItems = new() { Benchmark = "test-culture" };

    private static async Task<EvalTestBed> BedAsync(params IEvaluationMethod[] methods)
    {
        var bed = await EvalTestBed.CreateAsync(methods);
        await bed.ImportCultureItemsAsync([EvalTestBed.CultureRow("a"), EvalTestBed.CultureRow("longest-id"), EvalTestBed.CultureRow("mid-id")]);
        return bed;
    }

    private static RunArtefactStore Store(EvalTestBed bed) => bed.Services.GetRequiredService<RunArtefactStore>();

    [Fact]
    public async Task A_finished_run_stores_its_kind_report_and_artefacts_and_a_re_summary_replaces_them_by_name()
    {
        await using var bed = await BedAsync(new ArtefactProducingMethod());
        var run = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "artefacts", TestItems), "alice");
        Assert.Equal(RunKind.Optimisation, run.Kind);
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        var artefacts = await Store(bed).ListAsync(run.Id);
        Assert.Equal(["candidates", "instruction"], artefacts.Select(a => a.Name));
        var instruction = await Store(bed).GetAsync(run.Id, "instruction");
        Assert.Equal("Answer like longest-id.", Encoding.UTF8.GetString(instruction!.Content));
        Assert.Equal((ArtefactKind.Text, "text/plain; charset=utf-8", "instruction.txt"), (instruction.Kind, instruction.MediaType, instruction.FileName));
        Assert.Equal(23, instruction.SizeBytes);
        var candidates = await Store(bed).GetAsync(run.Id, "candidates");
        var lines = Encoding.UTF8.GetString(candidates!.Content).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ArtefactKind.Dataset, candidates.Kind);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"objective\":10", lines[1]);
        Assert.Equal($"/runs/{run.Id}/artefacts/instruction", artefacts[1].DownloadPath);

        // Running the finished run's job again re-summarises it: still one artefact per name.
        await using (var db = bed.OpenDb())
            await db.BackgroundJobs.Where(j => j.Id == run.JobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Queued));
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));
        Assert.Equal(2, (await Store(bed).ListAsync(run.Id)).Count);
    }

    [Fact]
    public async Task Saving_an_artefact_records_its_hash_and_size_and_replaces_an_earlier_one_of_the_same_name()
    {
        await using var bed = await BedAsync(new ScriptedMethod());
        var run = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "scripted", TestItems), "alice");

        var first = await Store(bed).SaveAsync(run.Id, RunArtefactDraft.Text("instruction", "abc"));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", first.Sha256); // SHA-256("abc")
        Assert.Equal(3, first.SizeBytes);
        var second = await Store(bed).SaveAsync(run.Id, RunArtefactDraft.Markdown("instruction", "# Better"));

        var only = Assert.Single(await Store(bed).ListAsync(run.Id));
        Assert.Equal((second.Id, ArtefactKind.Report, "instruction.md"), (only.Id, only.Kind, only.FileName));
        Assert.Equal("# Better", Encoding.UTF8.GetString((await Store(bed).GetAsync(only.Id))!.Content));
        Assert.Equal([second.Id], (await Store(bed).ListByKindAsync(ArtefactKind.Report)).Select(a => a.Id));
        Assert.Empty(await Store(bed).ListByKindAsync(ArtefactKind.Text));
        await Assert.ThrowsAsync<EvalRunException>(() => Store(bed).SaveAsync(run.Id + 100, RunArtefactDraft.Text("x", "y")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Instruction")]
    [InlineData("-lead")]
    [InlineData("with space")]
    [InlineData("../etc")]
    public void Names_outside_lower_case_letters_digits_and_dashes_are_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => RunArtefactDraft.Text(name, "x").Validate());
        Assert.Contains("lower-case letters, digits or dashes", error.Message);
    }

    [Fact]
    public void A_json_lines_record_with_a_line_break_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => RunArtefactDraft.JsonLines("pairs", ["{}", "{\n}"]));
        Assert.Contains("line break", error.Message);
        Assert.Equal("{}\n{\"a\":1}\n", Encoding.UTF8.GetString(RunArtefactDraft.JsonLines("pairs", ["{}", "{\"a\":1}"]).Content));
    }

    [Fact]
    public async Task The_runs_list_filters_by_kind()
    {
        await using var bed = await BedAsync(new ArtefactProducingMethod(), new ScriptedMethod());
        var optimisation = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "artefacts", TestItems), "alice");
        var evaluation = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "scripted", TestItems), "alice");

        Assert.Equal([optimisation.Id], (await bed.Runs.ListAsync(kind: RunKind.Optimisation)).Select(r => r.Run.Id));
        Assert.Equal([evaluation.Id], (await bed.Runs.ListAsync(kind: RunKind.Evaluation)).Select(r => r.Run.Id));
        Assert.Empty(await bed.Runs.ListAsync(kind: RunKind.Generation));
        Assert.Equal([evaluation.Id, optimisation.Id], (await bed.Runs.ListAsync()).Select(r => r.Run.Id));
    }

    [Fact]
    public async Task Migrating_an_older_database_marks_existing_study_runs_as_studies_and_the_rest_as_evaluations()
    {
        await using var bed = await EvalTestBed.CreateAsync();
        // An older database is built up to the migration before run kinds from an empty file, not
        // migrated down from the latest: migrations written side by side on branches carry target
        // models without each other's columns, so down-migrations across them are not exercised here.
        File.Delete(bed.DatabasePath);
        await using (var db = bed.OpenDb())
        {
            var migrator = db.GetInfrastructure().GetRequiredService<IMigrator>();
            var migrations = db.Database.GetMigrations().ToList();
            var previous = migrations[migrations.FindIndex(m => m.EndsWith("_RunKindsAndArtefacts", StringComparison.Ordinal)) - 1];
            await migrator.MigrateAsync(previous);
            foreach (var (name, method) in new[] { ("old study", CounterfactualStudyMethod.MethodId), ("old eval", "culture-mcq") })
            {
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO EvalRuns (Name, Method, ModelPath, ModelFileName, ModelSha256, ModelBytes, ItemFilterJson, ParametersJson, Seed, ConfigHash, TextOnly, UnitCount, CreatedBy, CreatedAt) VALUES ({name}, {method}, 'm', 'm', 'x', 1, '{{}}', '{{}}', 0, 'h', 0, 0, 'a', '2026-01-01')");
            }
            await migrator.MigrateAsync();
        }
        var runs = await bed.Runs.ListAsync();
        Assert.Equal(RunKind.Study, runs.Single(r => r.Run.Name == "old study").Run.Kind);
        Assert.Equal(RunKind.Evaluation, runs.Single(r => r.Run.Name == "old eval").Run.Kind);
    }
}
