using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Core.Inference.LlamaSharp;
using ValueAlign.Core.Methods.Culture;
using ValueAlign.Web.Hosting;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `bench culture --model PATH | --synthetic 20m [--items N]`: culture-MCQ items/s through the
/// fast path and through naive per-option scoring, on the demo MMA-ASIA questions (data/demo).
/// </summary>
public static class BenchCultureCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "GGUF file to measure (relative paths are resolved against the current directory)." };
        var synthetic = new Option<string>("--synthetic") { Description = "Instead of --model, write a synthetic llama GGUF: 'tiny' or '20m' (~20.8M parameters)." };
        synthetic.AcceptOnlyFromAmong("tiny", "20m");
        var items = new Option<int>("--items") { Description = "Questions per measurement.", DefaultValueFactory = _ => 48 };
        var threads = new Option<int>("--threads") { Description = "CPU threads (default: the Models:Threads setting)." };
        var command = new Command("culture", "Culture-MCQ items/s by the shared-prompt fast path and by naive per-option scoring.") { model, synthetic, items, threads };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(model) is null) == (result.GetResult(synthetic) is null))
                result.AddError("Give exactly one of --model PATH and --synthetic tiny|20m.");
        });
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var console = CliConsole.Current;
            await using var services = await CliServices.CreateAsync(ct, migrate: false);
            var configured = services.GetRequiredService<ModelRuntimeOptions>();
            var options = new ModelRuntimeOptions
            {
                Threads = parse.GetResult(threads) is null ? configured.Threads : parse.GetValue(threads),
                ContextSize = configured.ContextSize,
                BatchSize = configured.BatchSize,
                ScoringBatchTokens = configured.ScoringBatchTokens,
                MicroBatchSize = configured.MicroBatchSize,
                FlashAttention = configured.FlashAttention,
                MaxSequences = configured.MaxSequences,
                EmbeddingContextSize = configured.EmbeddingContextSize,
            };
            var demo = DemoQuestions(Path.Combine(services.GetRequiredService<WorkbenchPaths>().DataFolder, "demo", "mma-asia-demo.jsonl"));
            string? scratch = null;
            if (parse.GetValue(synthetic) is { } preset)
            {
                scratch = Path.Combine(Path.GetTempPath(), $"valuealign-bench-culture-{preset}-{Guid.NewGuid():N}.gguf");
                SyntheticLlamaModel.WriteFile(scratch, preset == "20m" ? SyntheticLlamaConfig.About20M : SyntheticLlamaConfig.Tiny);
            }
            try
            {
                var path = scratch ?? Path.GetFullPath(parse.GetValue(model)!, Directory.GetCurrentDirectory());
                await using var loaded = await LlamaSharpLanguageModel.LoadAsync(path, options, cancellationToken: ct);
                var result = await CultureMcqBenchmark.RunAsync(loaded, demo, parse.GetValue(items), ct);
                static string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
                console.Out.WriteLine($"Model: {result.Model} ({result.Parameters.ToString("N0", CultureInfo.InvariantCulture)} parameters), {result.Items} culture questions, 4 options");
                console.Out.WriteLine($"fast path (shared prompt)    {F(result.FastItemsPerSecond)} items/s");
                console.Out.WriteLine($"naive per-option scoring     {F(result.NaiveItemsPerSecond)} items/s");
                console.Out.WriteLine($"speed-up (goal >= 3x)        {result.Speedup.ToString("0.00", CultureInfo.InvariantCulture)}x");
                console.Out.WriteLine($"max |fast - naive| per token {result.MaxPerTokenDifference.ToString("0.0e+0", CultureInfo.InvariantCulture)}");
                console.Out.WriteLine(JsonSerializer.Serialize(result, Json));
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

    private static List<BenchmarkItem> DemoQuestions(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The demo culture questions {path} are missing; restore data/demo.", path);
        return File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(line =>
        {
            using var row = JsonDocument.Parse(line);
            var r = row.RootElement;
            return new BenchmarkItem
            {
                ExternalId = r.GetProperty("id").GetString()!,
                Kind = ItemKind.CultureMultipleChoice,
                Text = r.GetProperty("question").GetString()!,
                Country = r.GetProperty("country").GetString(),
                OptionsJson = r.GetProperty("options").GetRawText(),
                Answer = r.GetProperty("answer").GetString(),
                Modality = Enum.Parse<Modality>(r.GetProperty("modality").GetString()!, ignoreCase: true),
            };
        }).ToList();
    }
}
