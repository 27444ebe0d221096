using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parquet;
using ValueAlign.Core.Methods.LongMab;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Inference.Runtime;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Methods.LongMab;

/// <summary>The `preference-data` verb as a process with stories260K: generate from a file, export a run (JSONL, Parquet, verified only), and its errors.</summary>
public sealed class PreferenceDataCommandTests
{
    private static Dictionary<string, string> Environment() => new()
    {
        ["Paths:Models"] = Path.GetDirectoryName(StoriesModelFixture.ModelPath)!,
        ["Models:Threads"] = "1",
        ["Models:ContextSize"] = "1024",
        ["Models:BatchSize"] = "512",
        ["Models:MicroBatchSize"] = "512",
    };

    private static string Demo => Path.Combine(RepositoryRoot.Path, "data", "demo", "hotpotqa-demo.json");

    [Fact]
    public async Task Items_from_a_file_are_imported_run_and_exported_with_model_identity_and_config_hash()
    {
        await using var bed = await EvalTestBed.CreateAsync();
        var folder = Path.GetDirectoryName(bed.DatabasePath)!;
        var output = Path.Combine(folder, "pairs.jsonl");

        var result = await WorkbenchCommand.RunAsync(
            ["preference-data", "--model", "stories260K.gguf", "--items", Demo, "--rounds", "2", "--chunk-tokens", "64", "--seed", "4", "--out", output],
            bed.DatabasePath, environment: Environment());

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Imported hotpotqa-demo.json as hotpotqa: 2 new", result.Error);
        Assert.Contains("Run 1:", result.Output);
        string configHash, modelSha;
        await using (var db = bed.OpenDb())
        {
            var run = await db.EvalRuns.SingleAsync();
            (configHash, modelSha) = (run.ConfigHash, run.ModelSha256);
            Assert.Equal(LongMabMethod.MethodId, run.Method);
            Assert.Contains("\"items\":[\"hotpotqa/demo-hotpot-lighthouse\",\"hotpotqa/demo-hotpot-orchards\"]", run.ParametersJson);
            Assert.Equal(2, await db.EvalItemResults.CountAsync());
            // Every rollout is kept, whatever the pairs.
            Assert.All(await db.EvalItemResults.ToListAsync(), r => Assert.Equal(2, LongMabTraceJson.Deserialize(r.RawOutput).Rollouts.Count));
        }
        Assert.True(File.Exists(output));
        using (var meta = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "pairs.meta.json"))))
        {
            Assert.Equal(configHash, meta.RootElement.GetProperty("config_hash").GetString());
            Assert.Equal("sha256:" + modelSha, meta.RootElement.GetProperty("model_identity").GetString());
            Assert.Equal(File.ReadAllLines(output).Length, meta.RootElement.GetProperty("pairs").GetInt32());
        }

        var parquet = Path.Combine(folder, "pairs.parquet");
        var export = await WorkbenchCommand.RunAsync(["preference-data", "--from-run", "1", "--out", parquet, "--format", "parquet"], bed.DatabasePath, environment: Environment());
        Assert.True(export.ExitCode == 0, export.Error);
        await using (var stream = File.OpenRead(parquet))
        await using (var reader = await ParquetReader.CreateAsync(stream))
        {
            Assert.Equal(["prompt", "chosen", "rejected"], reader.Schema.GetDataFields().Select(f => f.Name));
            Assert.Contains(configHash, reader.CustomMetadata[PreferenceDataWriter.MetadataKey]);
        }

        var verified = Path.Combine(folder, "verified.jsonl");
        var onlyVerified = await WorkbenchCommand.RunAsync(["preference-data", "--from-run", "1", "--verified-only", "--out", verified], bed.DatabasePath, environment: Environment());
        Assert.True(onlyVerified.ExitCode == 0, onlyVerified.Error);
        Assert.Empty(await File.ReadAllLinesAsync(verified));
        using var verifiedMeta = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "verified.meta.json")));
        Assert.True(verifiedMeta.RootElement.GetProperty("verified_only").GetBoolean());
    }

    [Fact]
    public async Task Bad_arguments_and_a_malformed_file_are_refused_with_clear_messages_and_nothing_imported()
    {
        await using var bed = await EvalTestBed.CreateAsync();
        var folder = Path.GetDirectoryName(bed.DatabasePath)!;
        var output = Path.Combine(folder, "pairs.jsonl");

        var both = await WorkbenchCommand.RunAsync(["preference-data", "--model", "stories260K.gguf", "--items", Demo, "--verified-only", "--out", output], bed.DatabasePath, environment: Environment());
        Assert.NotEqual(0, both.ExitCode);
        Assert.Contains("--verified-only applies to --from-run", both.Error);

        var neither = await WorkbenchCommand.RunAsync(["preference-data", "--model", "stories260K.gguf", "--out", output], bed.DatabasePath, environment: Environment());
        Assert.NotEqual(0, neither.ExitCode);
        Assert.Contains("exactly one of --items FILE and --benchmark NAME", neither.Error);

        var broken = Path.Combine(folder, "broken.json");
        await File.WriteAllTextAsync(broken, """[{"_id": "x", "question": "Q?", "supporting_facts": [["A", "one"]], "context": [["A", ["s."]]], "answer": "a"}]""");
        var malformed = await WorkbenchCommand.RunAsync(["preference-data", "--model", "stories260K.gguf", "--items", broken, "--out", output], bed.DatabasePath, environment: Environment());
        Assert.Equal(1, malformed.ExitCode);
        Assert.Contains("record #1, field 'supporting_facts[0]'", malformed.Error);
        Assert.Contains("Nothing was imported", malformed.Error);

        var notRun = await WorkbenchCommand.RunAsync(["preference-data", "--from-run", "9", "--out", output], bed.DatabasePath, environment: Environment());
        Assert.Equal(1, notRun.ExitCode);
        Assert.Contains("There is no run 9", notRun.Error);
        await using var db = bed.OpenDb();
        Assert.Equal(0, await db.BenchmarkItems.CountAsync());
        Assert.False(File.Exists(output));
    }
}
