using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.LongMab;
using ValueAlign.Core.Methods.LongMab.Verification;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `preference-data --model M --items FILE|--benchmark B [--rounds T] [--seed S] [--chunk-tokens N]
/// [--chunks-per-round K] [--answer-tokens N] --out pairs.jsonl [--format jsonl|parquet]` runs LongMab-PO as a
/// generation run (a file given with --items is imported first and only its items are used) and
/// writes the pairs; `preference-data --from-run ID [--verified-only] --out FILE` exports the
/// pairs of a finished run, only the human-confirmed ones with --verified-only. Ctrl+C cancels;
/// `eval --resume RUNID` continues. The export's metadata (beside a JSONL file as NAME.meta.json,
/// inside a Parquet file) records the model identity and configuration hash.
/// </summary>
public static class PreferenceDataCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "GGUF file inside the models folder." };
        var items = new Option<FileInfo?>("--items") { Description = "A HotpotQA, LongBench or MuSiQue file: imported first, then its items are used." };
        var benchmark = new Option<string?>("--benchmark") { Description = "Use the long-context items of this benchmark already in the library." };
        var rounds = new Option<int>("--rounds") { Description = "Bandit rounds per item.", DefaultValueFactory = _ => new LongMabOptions().Rounds };
        var seed = new Option<int>("--seed") { Description = "Seed for sampling (part of the configuration hash).", DefaultValueFactory = _ => 0 };
        var chunkTokens = new Option<int>("--chunk-tokens") { Description = "Chunk token budget.", DefaultValueFactory = _ => new LongMabOptions().ChunkTokens };
        var perRound = new Option<int>("--chunks-per-round") { Description = "Chunks (k) per round.", DefaultValueFactory = _ => new LongMabOptions().ChunksPerRound };
        var answerTokens = new Option<int>("--answer-tokens") { Description = "Tokens of each reasoning answer (and of the probe).", DefaultValueFactory = _ => new LongMabOptions().MaxAnswerTokens };
        var fromRun = new Option<long?>("--from-run") { Description = "Export the pairs of this finished LongMab-PO run instead of generating." };
        var verifiedOnly = new Option<bool>("--verified-only") { Description = "Keep only pairs whose verified human label is the reward's choice." };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the pairs.", Required = true };
        var format = new Option<string>("--format") { Description = "jsonl (TRL / LLaMA-Factory) or parquet (Hugging Face datasets).", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "parquet");
        var command = new Command("preference-data", "Generate LongMab-PO preference pairs (or export a run's pairs).")
        {
            model, items, benchmark, rounds, seed, chunkTokens, perRound, answerTokens, fromRun, verifiedOnly, output, format,
        };
        command.Validators.Add(result =>
        {
            var exporting = result.GetResult(fromRun) is not null;
            var generating = result.GetResult(model) is not null || result.GetResult(items) is not null || result.GetResult(benchmark) is not null;
            if (exporting && generating)
                result.AddError("Give either --from-run RUNID or --model with --items/--benchmark, not both.");
            else if (!exporting && (result.GetResult(model) is null || (result.GetResult(items) is null) == (result.GetResult(benchmark) is null)))
                result.AddError("Give --model and exactly one of --items FILE and --benchmark NAME (or --from-run RUNID).");
            else if (!exporting && result.GetResult(verifiedOnly) is not null)
                result.AddError("--verified-only applies to --from-run: new pairs have not been verified yet.");
        });
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var console = CliConsole.Current;
            await using var services = await CliServices.CreateAsync(ct);
            var verification = services.GetRequiredService<PreferenceVerificationService>();
            var parquet = parse.GetValue(format) == "parquet";
            var path = parse.GetValue(output)!.FullName;
            long runId;
            try
            {
                if (parse.GetValue(fromRun) is { } existing)
                {
                    runId = existing;
                }
                else
                {
                    var run = await CreateRunAsync(services, parse, console, model, items, benchmark, rounds, seed, chunkTokens, perRound, answerTokens, ct);
                    if (run is null)
                        return 1;
                    var state = await EvalCommand.ExecuteAsync(services, run, console, ct);
                    if (state == JobState.Cancelled)
                    {
                        console.Error.WriteLine($"Run {run.Id} cancelled; its finished items are kept. Continue with: eval --resume {run.Id}");
                        return 130;
                    }
                    if (state is not (JobState.Completed or null))
                    {
                        var job = await services.GetRequiredService<JobQueue>().GetAsync(run.JobId!.Value, CancellationToken.None);
                        console.Error.WriteLine($"Run {run.Id} failed: {job?.Error}. Continue with: eval --resume {run.Id}");
                        return 1;
                    }
                    runId = run.Id;
                }
                var written = await verification.ExportAsync(runId, path, parse.GetValue(verifiedOnly), parquet, ct);
                var status = await verification.StatusAsync(runId, ct);
                var confirmed = status.Count(s => s.Verification == PairVerification.Confirmed);
                var metadata = parquet ? "" : $" (metadata: {PreferenceDataWriter.MetadataPathFor(path)})";
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Run {runId}: {status.Count} pair(s), {confirmed} confirmed by humans; wrote {written} to {path}{metadata}"));
                return 0;
            }
            catch (Exception e) when (e is EvalRunException or ImportException or ArgumentException)
            {
                console.Error.WriteLine(e is ImportException import ? string.Join("\n", import.Errors) + "\nNothing was imported." : e.Message);
                return 1;
            }
        });
        return command;
    }

    private static async Task<EvalRun?> CreateRunAsync(
        IServiceProvider services, ParseResult parse, CliConsole console, Option<string?> model, Option<FileInfo?> items, Option<string?> benchmark,
        Option<int> rounds, Option<int> seed, Option<int> chunkTokens, Option<int> perRound, Option<int> answerTokens, CancellationToken ct)
    {
        string[]? keys = null;
        if (parse.GetValue(items) is { } file)
        {
            var imported = await services.GetRequiredService<ImportService>().ImportAsync(file.FullName, new ImportOptions(), cancellationToken: ct);
            console.Error.WriteLine($"Imported {imported.File} as {imported.Format}: {imported.Inserted} new, {imported.Updated} updated.");
            keys = [.. (await FileItemKeys.ReadAsync(services.GetRequiredService<ImporterRegistry>(), file.FullName, cancellationToken: ct))
                .Where(k => k.Kind == ItemKind.LongContextQa).Select(k => LongMabParameters.ItemKey(k.Benchmark, k.ExternalId))];
            if (keys.Length == 0)
            {
                console.Error.WriteLine($"{file.Name} holds no long-context QA items.");
                return null;
            }
        }
        var parameters = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["rounds"] = parse.GetValue(rounds),
            ["chunkTokens"] = parse.GetValue(chunkTokens),
            ["chunksPerRound"] = parse.GetValue(perRound),
            ["maxAnswerTokens"] = parse.GetValue(answerTokens),
        }.Concat(keys is null ? [] : [new KeyValuePair<string, object>("items", keys)]).ToDictionary());
        var filter = new ItemFilter { Kind = ItemKind.LongContextQa, Benchmark = parse.GetValue(benchmark) };
        var run = await services.GetRequiredService<EvalRunService>().CreateAsync(
            new EvalRunRequest(EvalCommand.ModelArgument(services, parse.GetValue(model)!), LongMabMethod.MethodId, filter, parameters, parse.GetValue(seed)),
            $"cli:{Environment.UserName}", ct);
        console.Error.WriteLine($"Run {run.Id} ({run.Name}): {run.UnitCount} item(s), config {run.ConfigHash[..12]}");
        return run;
    }
}
