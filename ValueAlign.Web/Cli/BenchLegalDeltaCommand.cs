using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Core.Inference.LlamaSharp;
using ValueAlign.Core.Methods.LegalDelta;
using ValueAlign.Web.Hosting;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `bench legaldelta --model PATH | --synthetic tiny|20m [--items N] [--max-tokens N] [--file F]`:
/// LegalΔ items/s (reasoning-mode generation, two teacher-forced passes, scoring) on the demo
/// LegalΔ items (data/demo) or a LegalΔ file.
/// </summary>
public static class BenchLegalDeltaCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "GGUF file to measure (relative paths are resolved against the current directory)." };
        var synthetic = new Option<string>("--synthetic") { Description = "Instead of --model, write a synthetic llama GGUF: 'tiny' or '20m' (~20.8M parameters)." };
        synthetic.AcceptOnlyFromAmong("tiny", "20m");
        var file = new Option<FileInfo?>("--file") { Description = "A LegalΔ JSON file (default: data/demo/legaldelta-demo.json)." };
        var items = new Option<int>("--items") { Description = "Items to run (the first N of the file).", DefaultValueFactory = _ => 10 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Reasoning tokens generated per item.", DefaultValueFactory = _ => 64 };
        var threads = new Option<int>("--threads") { Description = "CPU threads (default: the Models:Threads setting)." };
        var command = new Command("legaldelta", "LegalΔ items/s through the legal-delta method.") { model, synthetic, file, items, maxTokens, threads };
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
            var path = parse.GetValue(file)?.FullName ?? Path.Combine(services.GetRequiredService<WorkbenchPaths>().DataFolder, "demo", "legaldelta-demo.json");
            var benchmarkItems = new List<BenchmarkItem>();
            var context = new ImportContext(path, null, null, 100);
            await foreach (var parsed in new LegalDeltaImporter().ReadAsync(context, ct))
                benchmarkItems.Add(parsed.Item);
            if (context.ErrorCount > 0)
            {
                console.Error.WriteLine(string.Join("\n", context.Errors));
                return 1;
            }
            string? scratch = null;
            if (parse.GetValue(synthetic) is { } preset)
            {
                scratch = Path.Combine(Path.GetTempPath(), $"valuealign-bench-legaldelta-{preset}-{Guid.NewGuid():N}.gguf");
                SyntheticLlamaModel.WriteFile(scratch, preset == "20m" ? SyntheticLlamaConfig.About20M : SyntheticLlamaConfig.Tiny);
            }
            try
            {
                var modelPath = scratch ?? Path.GetFullPath(parse.GetValue(model)!, Directory.GetCurrentDirectory());
                await using var loaded = await LlamaSharpLanguageModel.LoadAsync(modelPath, options, cancellationToken: ct);
                var run = benchmarkItems.Take(parse.GetValue(items)).ToList();
                var result = await LegalDeltaBenchmark.RunAsync(loaded, run, parse.GetValue(maxTokens), ct);
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Model: {loaded.Description.Name}; {result.Items} LegalΔ items ({result.Failed} failed), mean prompt {result.MeanPromptTokens:0} tokens, {parse.GetValue(maxTokens)} reasoning tokens"));
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"legal-delta  {result.ItemsPerSecond:0.00} items/s  ({result.Seconds:0.0} s)"));
                console.Out.WriteLine(JsonSerializer.Serialize(new { model = loaded.Description.Name, result }, Json));
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
