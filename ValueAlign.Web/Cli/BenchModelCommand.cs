using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Core.Inference.LlamaSharp;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `bench model --model PATH [--threads N]`: prompt, generation and multiple-choice speed of one GGUF model;
/// `bench model --endpoint URL --model ID [--api-key-env VAR] [--concurrency N]`: the throughput of a
/// server's model as this client sees it, one request at a time and N in flight.
/// </summary>
public static class BenchModelCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "GGUF file to measure (relative paths are resolved against the current directory)." };
        var synthetic = new Option<string>("--synthetic")
        {
            Description = "Instead of --model, write a synthetic llama GGUF with random weights and measure it: 'tiny' (~0.1M parameters), '20m' (~20.8M) or 'tiny-vision' (tiny with a synthetic projector; adds image encode figures).",
        };
        synthetic.AcceptOnlyFromAmong("tiny", "20m", "tiny-vision");
        var threads = new Option<int>("--threads") { Description = "CPU threads (default: the Models:Threads setting; 0 lets llama.cpp choose)." };
        var noPool = new Option<bool>("--no-persistent-threadpool") { Description = "Let ggml start its worker threads on every decode (llama.cpp's behaviour without an attached pool), to measure the pool's effect." };
        var items = new Option<int>("--items") { Description = "Synthetic multiple-choice items per run.", DefaultValueFactory = _ => 64 };
        var avx = new Option<string>("--avx")
        {
            Description = "Which build of the backend package's llama.cpp to load: auto, none, avx, avx2 or avx512 (default: the Models:NativeAvxLevel setting).",
        };
        avx.AcceptOnlyFromAmong("auto", "none", "avx", "avx2", "avx512");
        var nativeLibrary = new Option<string>("--native-library")
        {
            Description = "Full path of a libllama built for this machine to load instead of the package's (default: the Models:NativeLibraryPath setting).",
        };
        var concurrency = new Option<int>("--concurrency") { Description = "With --endpoint: requests kept in flight for the concurrent figures.", DefaultValueFactory = _ => 8 };
        var command = new Command("model", "Prompt processing and generation tokens/s, and multiple-choice items/s by the shared-prompt and the per-option path.")
        {
            model, synthetic, threads, items, noPool, avx, nativeLibrary, concurrency,
        };
        var endpoints = new EndpointOptions();
        command.Options.Add(endpoints.Endpoint);
        command.Options.Add(endpoints.ApiKeyEnv);
        command.Validators.Add(result =>
        {
            if ((result.GetResult(model) is null) == (result.GetResult(synthetic) is null))
            {
                result.AddError("Give exactly one of --model PATH and --synthetic tiny|20m|tiny-vision.");
            }
            if (result.GetResult(endpoints.Endpoint) is not null && result.GetResult(synthetic) is not null)
            {
                result.AddError("--synthetic writes a local model; with --endpoint give --model MODEL-ID instead.");
            }
            if (result.GetResult(concurrency) is not null && result.GetValue(concurrency) is < 1 or > 256)
            {
                result.AddError("--concurrency must be between 1 and 256.");
            }
        });
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var console = CliConsole.Current;
            // An endpoint may name a server added on the Models page, which lives in the database.
            await using var services = await CliServices.CreateAsync(ct, migrate: endpoints.Given(parse));
            if (endpoints.Model(parse, services, parse.GetValue(model)) is { } server)
            {
                return await BenchRemoteModel.RunAsync(services, server, parse.GetValue(concurrency), parse.GetValue(items), console, ct);
            }
            var configured = services.GetRequiredService<ModelRuntimeOptions>();
            var options = new ModelRuntimeOptions
            {
                Threads = parse.GetResult(threads) is null ? configured.Threads : parse.GetValue(threads),
                ContextSize = configured.ContextSize,
                BatchSize = configured.BatchSize,
                ScoringBatchTokens = configured.ScoringBatchTokens,
                MicroBatchSize = configured.MicroBatchSize,
                GpuLayers = configured.GpuLayers,
                FlashAttention = configured.FlashAttention,
                MaxSequences = configured.MaxSequences,
                EmbeddingContextSize = configured.EmbeddingContextSize,
                PersistentThreadPool = !parse.GetValue(noPool),
                NativeAvxLevel = parse.GetValue(avx) ?? configured.NativeAvxLevel,
                NativeLibraryPath = parse.GetValue(nativeLibrary) is { } library ? Path.GetFullPath(library) : configured.NativeLibraryPath,
            };
            using var scratch = SyntheticModelFile(parse.GetValue(synthetic));
            var path = scratch?.Path ?? Path.GetFullPath(parse.GetValue(model)!, Directory.GetCurrentDirectory());
            LlamaSharpLanguageModel loaded;
            try
            {
                options.Validate();
                loaded = await LlamaSharpLanguageModel.LoadAsync(path, options, cancellationToken: ct);
            }
            catch (Exception e) when (e is ModelLoadException or InvalidOperationException)
            {
                console.Error.WriteLine(e.Message);
                return 1;
            }
            await using (loaded)
            {
                var result = await ModelBenchmark.RunAsync(loaded, options.Threads, parse.GetValue(items), cancellationToken: ct);
                if (loaded.ProjectorPath is not null)
                {
                    result = result with { Images = await ImageBenchmark.RunAsync(loaded, cancellationToken: ct) };
                }
                WriteTable(console.Out, result);
                console.Out.WriteLine(JsonSerializer.Serialize(result, Json));
            }
            return 0;
        });
        return command;
    }

    private static ScratchModel? SyntheticModelFile(string? preset)
    {
        if (preset is null)
        {
            return null;
        }
        var config = preset == "20m" ? SyntheticLlamaConfig.About20M : SyntheticLlamaConfig.Tiny;
        // A folder of its own, so a vision model's projector pairs by name and nothing else does.
        var folder = Directory.CreateTempSubdirectory($"valuealign-bench-{preset}-").FullName;
        var path = System.IO.Path.Combine(folder, $"{preset}.gguf");
        SyntheticLlamaModel.WriteFile(path, config);
        if (preset == "tiny-vision")
        {
            SyntheticProjectorModel.WriteFile(System.IO.Path.Combine(folder, $"mmproj-{preset}.gguf"), SyntheticProjectorConfig.TinyFor(config));
        }
        return new ScratchModel(path, folder);
    }

    private sealed record ScratchModel(string Path, string Folder) : IDisposable
    {
        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }

    private static void WriteTable(TextWriter output, ModelBenchmarkResult r)
    {
        static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
        output.WriteLine($"Model: {r.ModelPath} ({r.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} parameters), threads: {(r.Threads == 0 ? "auto" : r.Threads.ToString(CultureInfo.InvariantCulture))}, scoring batch: {r.ScoringBatchTokens} tokens");
        static string R(Throughput t, string unit) => $"{F(t.PerSecond)} {unit}/s  ({F(t.PerCpuSecond)} per CPU-second)";
        static string X(double ratio) => $"{ratio.ToString("0.00", CultureInfo.InvariantCulture)}x";
        var rows = new (string Metric, string Value)[]
        {
            ($"prompt processing ({r.PromptTokens} tokens)", R(r.PromptTokensPerSecond, "tokens")),
            ($"generation ({r.GeneratedTokens} tokens)", R(r.GenerationTokensPerSecond, "tokens")),
            ("generation time inside llama.cpp's decode", $"{(r.GenerationDecodeShare * 100).ToString("0.0", CultureInfo.InvariantCulture)}%  ({F(r.GenerationDecodeShare * 1e6 / r.GenerationTokensPerSecond.PerSecond)} µs of each token's {F(1e6 / r.GenerationTokensPerSecond.PerSecond)} µs)"),
            ($"multiple choice, shared prompt ({r.ChoiceItems} items, ~{r.AverageSharedPromptTokens:0} prompt tokens, 4 options)", R(r.SharedChoiceItemsPerSecond, "items")),
            ("multiple choice, per-option (naive)", R(r.NaiveChoiceItemsPerSecond, "items")),
            ("speed-up shared / naive (goal >= 3x)", $"{X(r.ChoiceSpeedup)}  ({X(r.ChoiceSpeedupByCpu)} by CPU time)"),
            ("max |shared - naive| log-likelihood per token", r.MaxPerTokenDifference.ToString("0.0e+0", CultureInfo.InvariantCulture)),
        };
        if (r.Images is { } images)
        {
            rows = [.. rows, .. ImageRows(images)];
        }
        var width = rows.Max(row => row.Metric.Length);
        output.WriteLine($"llama.cpp library: {r.Native.Library}");
        output.WriteLine($"ggml {r.Native.GgmlVersion}, CPU backend: {r.Native.CpuBackend}");
        output.WriteLine($"llama.cpp system info: {r.Native.SystemInfo}");
        var calibration = r.GenerationThreadTimings is { } timings
            ? $" (chosen at load: {string.Join(", ", timings.Select(t => $"{t.Key} thread(s) {t.Value.ToString("0", CultureInfo.InvariantCulture)} µs a token"))})"
            : "";
        output.WriteLine($"generation threads: {r.GenerationThreads}{calibration}");
        output.WriteLine($"persistent thread pool: {(r.PersistentThreadPoolThreads is { } pool ? $"{pool} threads" : "none (ggml starts its threads on every decode)")}");
        output.WriteLine($"{"metric".PadRight(width)}  value");
        foreach (var (metric, value) in rows)
        {
            output.WriteLine($"{metric.PadRight(width)}  {value}");
        }
    }

    private static IEnumerable<(string Metric, string Value)> ImageRows(ImageBenchmarkResult images)
    {
        static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
        static string Rate(double value) => value.ToString("0", CultureInfo.InvariantCulture) + " image tokens/s";
        yield return ($"image encode ({images.ImageWidth}x{images.ImageHeight} image, {images.ImageTokens} image tokens, {Path.GetFileName(images.ProjectorPath)})",
            $"{Ms(images.EncodeMilliseconds)}  ({Rate(images.ImageTokensPerSecond)})");
        yield return ("image evaluation, encode + decode", $"{Ms(images.EvaluateMilliseconds)}  ({Rate(images.ImageTokensPerSecondWithDecode)})");
    }
}
