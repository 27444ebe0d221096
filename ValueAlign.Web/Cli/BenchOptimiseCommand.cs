using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Core.Inference.LlamaSharp;
using ValueAlign.Core.Methods.Irote;
using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Core.Methods.Picaco;
using ValueAlign.Core.Values;
using ValueAlign.Web.Hosting;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `bench optimise --model PATH | --synthetic tiny|20m [--method picaco|irote|both] [--prompts 1,2,5] [--rounds 1]`:
/// wall time per round of PICACO (Confucianism-4) and IROTE (Big Five agreeableness) with the
/// papers' sizes scaled down, on the first N shipped value-laden prompts, and how it scales with N.
/// </summary>
public static class BenchOptimiseCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "GGUF file to measure (relative paths are resolved against the current directory)." };
        var synthetic = new Option<string>("--synthetic") { Description = "Instead of --model, write a synthetic llama GGUF: 'tiny' or '20m' (~20.8M parameters)." };
        synthetic.AcceptOnlyFromAmong("tiny", "20m");
        var method = new Option<string>("--method") { Description = "picaco, irote or both.", DefaultValueFactory = _ => "both" };
        method.AcceptOnlyFromAmong("picaco", "irote", "both");
        var prompts = new Option<string>("--prompts") { Description = "Comma-separated numbers of task prompts N.", DefaultValueFactory = _ => "1,2,5" };
        var rounds = new Option<int>("--rounds") { Description = "Rounds per measurement.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "CPU threads (default: the Models:Threads setting)." };
        var command = new Command("optimise", "Seconds per optimiser round (PICACO, IROTE) and its scaling with the number of prompts.") { model, synthetic, method, prompts, rounds, threads };
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
            var data = services.GetRequiredService<WorkbenchPaths>().DataFolder;
            var systems = services.GetRequiredService<ValueSystemCatalog>();
            var values = new ValueSetCatalog(Path.Combine(data, "value-sets", "picaco.json"), systems).Get("confucianism-4").Values;
            var trait = TargetValue.Parse(systems, "big-five:agreeableness");
            var file = Path.Combine(data, "prompts", "value-laden.jsonl");
            var taskPrompts = new List<TaskPrompt>();
            await foreach (var parsed in new TaskPromptImporter().ReadAsync(new Core.Benchmarks.Importers.ImportContext(file, null, null, 10), ct))
                taskPrompts.Add(new TaskPrompt(parsed.Item.ExternalId, parsed.Item.Text));
            int[] counts;
            try
            {
                counts = parse.GetValue(prompts)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            }
            catch (FormatException)
            {
                console.Error.WriteLine("--prompts takes comma-separated whole numbers, e.g. 1,2,5.");
                return 1;
            }
            string? scratch = null;
            if (parse.GetValue(synthetic) is { } preset)
            {
                scratch = Path.Combine(Path.GetTempPath(), $"valuealign-bench-optimise-{preset}-{Guid.NewGuid():N}.gguf");
                SyntheticLlamaModel.WriteFile(scratch, preset == "20m" ? SyntheticLlamaConfig.About20M : SyntheticLlamaConfig.Tiny);
            }
            try
            {
                var path = scratch ?? Path.GetFullPath(parse.GetValue(model)!, Directory.GetCurrentDirectory());
                await using var loaded = await LlamaSharpLanguageModel.LoadAsync(path, options, cancellationToken: ct);
                var methods = parse.GetValue(method) == "both" ? new[] { PicacoMethod.MethodId, IroteMethod.MethodId } : [parse.GetValue(method)!];
                var timings = new List<OptimiserTiming>();
                console.Out.WriteLine($"Model: {loaded.Description.Name}; PICACO {Sizes(OptimiserBenchmark.PicacoSizes(1, 0))}; IROTE {Sizes(OptimiserBenchmark.IroteSizes(1, 0))}; self-judged");
                foreach (var m in methods)
                {
                    foreach (var timing in await OptimiserBenchmark.RunAsync(loaded, m, values, trait, taskPrompts, counts, parse.GetValue(rounds), 1, ct))
                    {
                        timings.Add(timing);
                        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{timing.Method,-7} N={timing.Prompts,-3} {timing.MeanSecondsPerRound,8:0.00} s/round  ({string.Join(", ", timing.SecondsPerRound.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))})"));
                    }
                }
                console.Out.WriteLine(JsonSerializer.Serialize(new { model = loaded.Description.Name, timings }, Json));
                return 0;
            }
            catch (Exception e) when (e is ModelLoadException or ArgumentException or OptimisationException)
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

    private static string Sizes(PicacoSettings s) => $"M1={s.AlignedPoolSize} M2={s.NoisyPoolSize} samples={s.AlignedSamplesPerRound}+{s.NoisySamplesPerRound} proposals={s.Candidates} tokens={s.MaxResponseTokens}";

    private static string Sizes(IroteSettings s) => $"K={s.Candidates} M1={s.Behaviours} M2={s.Samples} keep={s.Keep} tokens={s.MaxResponseTokens}";
}
