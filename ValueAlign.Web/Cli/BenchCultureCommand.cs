using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Core.Inference.LlamaSharp;
using ValueAlign.Core.Methods.Culture;
using ValueAlign.Web.Hosting;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `bench culture --model PATH | --synthetic 20m [--items N] [--units-in-flight N]`: culture-MCQ
/// items/s through the fast path and through naive per-option scoring, on the demo MMA-ASIA
/// questions (data/demo), then through a whole culture-MCQ run of the engine on the same
/// questions, and the ratio engine / scorer (<c>engineOverScorer</c>).
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
        var inFlight = new Option<int?>("--units-in-flight") { Description = "Units the engine runs at a time (default: the Runs:UnitsInFlight setting)." };
        var command = new Command("culture", "Culture-MCQ items/s by the shared-prompt fast path, by naive per-option scoring, and through the run engine.")
        {
            model, synthetic, items, threads, inFlight,
        };
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
            var demoFile = Path.Combine(services.GetRequiredService<WorkbenchPaths>().DataFolder, "demo", "mma-asia-demo.jsonl");
            var demo = DemoQuestions(demoFile);
            string? scratch = null;
            if (parse.GetValue(synthetic) is { } preset)
            {
                scratch = Path.Combine(Path.GetTempPath(), $"valuealign-bench-culture-{preset}-{Guid.NewGuid():N}.gguf");
                SyntheticLlamaModel.WriteFile(scratch, preset == "20m" ? SyntheticLlamaConfig.About20M : SyntheticLlamaConfig.Tiny);
            }
            try
            {
                var path = scratch ?? Path.GetFullPath(parse.GetValue(model)!, Directory.GetCurrentDirectory());
                CultureMcqBenchmarkResult result;
                await using (var loaded = await LlamaSharpLanguageModel.LoadAsync(path, options, cancellationToken: ct))
                    result = await CultureMcqBenchmark.RunAsync(loaded, demo, parse.GetValue(items), ct);
                var configuredEngine = services.GetRequiredService<RunEngineOptions>();
                var engineOptions = new RunEngineOptions { UnitsInFlight = parse.GetValue(inFlight) ?? configuredEngine.UnitsInFlight, UnitsPerSave = configuredEngine.UnitsPerSave };
                engineOptions.Validate();
                var engine = await CultureEngineBenchmark.RunAsync(path, demoFile, options, engineOptions, ct);
                var report = new BenchCultureReport(result, engine);
                static string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
                console.Out.WriteLine($"Model: {result.Model} ({result.Parameters.ToString("N0", CultureInfo.InvariantCulture)} parameters), {result.Items} culture questions, 4 options");
                console.Out.WriteLine($"fast path (shared prompt)    {F(result.FastItemsPerSecond)} items/s");
                console.Out.WriteLine($"naive per-option scoring     {F(result.NaiveItemsPerSecond)} items/s");
                console.Out.WriteLine($"speed-up (goal >= 3x)        {result.Speedup.ToString("0.00", CultureInfo.InvariantCulture)}x");
                console.Out.WriteLine($"max |fast - naive| per token {result.MaxPerTokenDifference.ToString("0.0e+0", CultureInfo.InvariantCulture)}");
                console.Out.WriteLine($"engine run ({engine.Units} units, {engine.UnitsInFlight} in flight) {F(engine.ItemsPerSecond)} items/s");
                console.Out.WriteLine($"engine / scorer (goal >= 0.9) {report.EngineOverScorer.ToString("0.00", CultureInfo.InvariantCulture)}");
                console.Out.WriteLine(JsonSerializer.Serialize(report, Json));
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

    /// <summary>The JSON line of <c>bench culture</c>: the scorer figures, the engine run, and engine items/s over scorer items/s.</summary>
    private sealed record BenchCultureReport(
        string Model, long Parameters, int Items, double FastItemsPerSecond, double NaiveItemsPerSecond, double Speedup, double MaxPerTokenDifference,
        int EngineUnits, int UnitsInFlight, double EngineItemsPerSecond, double EngineOverScorer)
    {
        public BenchCultureReport(CultureMcqBenchmarkResult scorer, CultureEngineBenchmarkResult engine)
            : this(scorer.Model, scorer.Parameters, scorer.Items, scorer.FastItemsPerSecond, scorer.NaiveItemsPerSecond, scorer.Speedup, scorer.MaxPerTokenDifference,
                engine.Units, engine.UnitsInFlight, engine.ItemsPerSecond, engine.ItemsPerSecond / scorer.FastItemsPerSecond)
        {
        }
    }
}
