using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Core.Inference.LlamaSharp;
using ValueAlign.Core.Methods.LongMab;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `bench longmab --model PATH | --synthetic tiny|20m [--contexts 1000,4000,8000] [--rounds 5]`:
/// LongMab-PO wall time per item and per round on generated long contexts of several lengths.
/// </summary>
public static class BenchLongMabCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "GGUF file to measure (relative paths are resolved against the current directory)." };
        var synthetic = new Option<string>("--synthetic") { Description = "Instead of --model, write a synthetic llama GGUF: 'tiny' or '20m' (~20.8M parameters)." };
        synthetic.AcceptOnlyFromAmong("tiny", "20m");
        var contexts = new Option<string>("--contexts") { Description = "Context lengths in model tokens, comma-separated.", DefaultValueFactory = _ => "1000,4000,8000" };
        var rounds = new Option<int>("--rounds") { Description = "Bandit rounds per item.", DefaultValueFactory = _ => 5 };
        var chunkTokens = new Option<int>("--chunk-tokens") { Description = "Chunk token budget.", DefaultValueFactory = _ => 256 };
        var answerTokens = new Option<int>("--answer-tokens") { Description = "Tokens generated per rollout (and for the probe).", DefaultValueFactory = _ => 64 };
        var threads = new Option<int>("--threads") { Description = "CPU threads (default: the Models:Threads setting)." };
        var command = new Command("longmab", "LongMab-PO wall time per item and per round over context lengths.") { model, synthetic, contexts, rounds, chunkTokens, answerTokens, threads };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(model) is null) == (result.GetResult(synthetic) is null))
                result.AddError("Give exactly one of --model PATH and --synthetic tiny|20m.");
        });
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var console = CliConsole.Current;
            await using var services = await CliServices.CreateAsync(ct, migrate: false);
            var options = BenchModelOptions.From(services.GetRequiredService<ModelRuntimeOptions>(), parse.GetResult(threads) is null ? null : parse.GetValue(threads));
            var lengths = parse.GetValue(contexts)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList();
            var settings = new LongMabOptions
            {
                Rounds = parse.GetValue(rounds),
                ChunkTokens = parse.GetValue(chunkTokens),
                MaxAnswerTokens = parse.GetValue(answerTokens),
            }.Validated();
            string? scratch = null;
            if (parse.GetValue(synthetic) is { } preset)
            {
                scratch = Path.Combine(Path.GetTempPath(), $"valuealign-bench-longmab-{preset}-{Guid.NewGuid():N}.gguf");
                SyntheticLlamaModel.WriteFile(scratch, preset == "20m" ? SyntheticLlamaConfig.About20M : SyntheticLlamaConfig.Tiny);
            }
            try
            {
                var path = scratch ?? Path.GetFullPath(parse.GetValue(model)!, Directory.GetCurrentDirectory());
                await using var loaded = await LlamaSharpLanguageModel.LoadAsync(path, options, cancellationToken: ct);
                var rows = await LongMabBenchmark.RunAsync(loaded, lengths, settings, cancellationToken: ct);
                static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
                console.Out.WriteLine($"Model: {loaded.Description.Name}, {settings.Rounds} rounds, k = {settings.ChunksPerRound}, chunks of {settings.ChunkTokens} tokens, {settings.MaxAnswerTokens} answer tokens");
                console.Out.WriteLine("context tokens  chunks  item s  set-up s  s/round");
                foreach (var row in rows)
                    console.Out.WriteLine($"{row.ContextTokens,14}  {row.Chunks,6}  {F(row.ItemSeconds),6}  {F(row.SetupSeconds),8}  {F(row.SecondsPerRound),7}");
                console.Out.WriteLine(JsonSerializer.Serialize(new { model = loaded.Description.Name, settings, rows }, Json));
                return 0;
            }
            catch (ModelLoadException e)
            {
                console.Error.WriteLine(e.Message);
                return 1;
            }
            finally
            {
                if (scratch is not null)
                    File.Delete(scratch);
            }
        });
        return command;
    }
}
