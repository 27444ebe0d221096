using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ValueAlign.Core.Benchmarks.Export;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Core.Jobs;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `bench run [--items 100000] [--synthetic tiny|20m | --model PATH]`: a culture-MCQ evaluation over
/// a large synthetic library through the real engine (scratch SQLite database, job runner, stored
/// unit results), sampling the process's working set as the run advances, and timing the run
/// page's server-side result page (25 rows, newest first) while the run writes.
/// </summary>
public static class BenchRunCommand
{
    private static readonly string[] Countries = ["China", "India", "Indonesia", "Japan", "Korea", "Vietnam"];
    private static readonly string[] Words =
    [
        "harvest", "festival", "lantern", "temple", "river", "market", "family", "elder", "guest", "gift", "rice", "tea",
        "village", "school", "teacher", "promise", "duty", "respect", "tradition", "music", "dance", "story", "bowl",
    ];

    public sealed record Sample(double Fraction, double WorkingSetMb, double ManagedHeapMb);

    public sealed record Figures(
        int Items, string Model, double RunSeconds, double ItemsPerSecond, double PeakWorkingSetMb,
        IReadOnlyList<Sample> Samples, double ResultPageP50Ms, double ResultPageP95Ms, int ResultPages, int StoredResults, string LoadAverage);

    public static Command Create()
    {
        var items = new Option<int>("--items") { Description = "Culture questions in the run.", DefaultValueFactory = _ => 100_000 };
        var synthetic = new Option<string>("--synthetic") { Description = "Model: a synthetic llama GGUF, 'tiny' (default) or '20m'.", DefaultValueFactory = _ => "tiny" };
        synthetic.AcceptOnlyFromAmong("tiny", "20m");
        var model = new Option<string>("--model") { Description = "Instead of --synthetic, a GGUF file (copied into the scratch models folder by link)." };
        var command = new Command("run", "A culture-MCQ run over a large synthetic library: items/s, working set as the run advances, result-page latency during the run.")
        {
            items, synthetic, model,
        };
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var figures = await RunAsync(parse.GetValue(items), parse.GetValue(synthetic)!, parse.GetValue(model), ct);
            var console = CliConsole.Current;
            static string F(double v, string format = "0.0") => v.ToString(format, CultureInfo.InvariantCulture);
            console.Out.WriteLine($"culture-MCQ run over {figures.Items} items on {figures.Model}: {F(figures.RunSeconds)} s, {F(figures.ItemsPerSecond)} items/s, {figures.StoredResults} results stored");
            console.Out.WriteLine($"{"progress",-10} {"working set (MiB)",18} {"managed heap (MiB)",19}");
            foreach (var sample in figures.Samples)
            {
                console.Out.WriteLine($"{F(sample.Fraction * 100, "0") + "%",-10} {F(sample.WorkingSetMb, "0"),18} {F(sample.ManagedHeapMb, "0"),19}");
            }
            console.Out.WriteLine($"peak working set {F(figures.PeakWorkingSetMb, "0")} MiB");
            console.Out.WriteLine($"result page during the run (25 rows, {figures.ResultPages} requests): p50 {F(figures.ResultPageP50Ms)} ms, p95 {F(figures.ResultPageP95Ms)} ms");
            console.Out.WriteLine($"(machine: {Environment.ProcessorCount} cores, load average {figures.LoadAverage})");
            console.Out.WriteLine(JsonSerializer.Serialize(figures));
            return 0;
        });
        return command;
    }

    public static async Task<Figures> RunAsync(int count, string preset, string? modelFile, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), "valuealign-bench-run-" + Guid.NewGuid().ToString("N"));
        var models = Path.Combine(folder, "models");
        Directory.CreateDirectory(models);
        try
        {
            var modelName = modelFile is null ? $"synthetic-{preset}.gguf" : Path.GetFileName(modelFile);
            if (modelFile is null)
            {
                SyntheticLlamaModel.WriteFile(Path.Combine(models, modelName), preset == "20m" ? SyntheticLlamaConfig.About20M : SyntheticLlamaConfig.Tiny);
            }
            else
            {
                File.CreateSymbolicLink(Path.Combine(models, modelName), Path.GetFullPath(modelFile));
            }
            var overrides = new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "bench.db")}",
                ["Paths:Models"] = models,
            };
            await using var services = await CliServices.CreateAsync(ct, migrate: true, overrides);
            var source = Path.Combine(folder, "culture.jsonl");
            await WriteCultureItemsAsync(source, count, ct);
            await services.GetRequiredService<ImportService>().ImportAsync(source, new ImportOptions(), cancellationToken: ct);

            var runs = services.GetRequiredService<EvalRunService>();
            var run = await runs.CreateAsync(
                new EvalRunRequest(modelName, "culture-mcq", new ItemFilter { Benchmark = "bench-run" }, Name: "bench run"), "cli:bench", ct);
            var queue = services.GetRequiredService<JobQueue>();
            var runner = services.GetRequiredService<JobRunner>();
            var process = Process.GetCurrentProcess();

            var samples = new List<Sample>();
            var nextDecile = 1;
            void OnChanged(JobSnapshot snapshot)
            {
                if (snapshot.Id != run.JobId || snapshot.Total <= 0)
                {
                    return;
                }
                lock (samples)
                {
                    // One sample per tenth of the run, taken when the job reports crossing it.
                    while ((long)snapshot.Done * 10 >= (long)nextDecile * snapshot.Total && nextDecile < 10)
                    {
                        process.Refresh();
                        samples.Add(new Sample(nextDecile / 10.0, process.WorkingSet64 / 1048576.0, GC.GetTotalMemory(false) / 1048576.0));
                        nextDecile++;
                    }
                }
            }
            queue.Changed += OnChanged;
            var pages = new List<double>();
            using var finished = new CancellationTokenSource();
            // The run page's request while the run writes: the first 25 stored results.
            var reader = Task.Run(async () =>
            {
                while (!finished.IsCancellationRequested)
                {
                    var watch = Stopwatch.StartNew();
                    await runs.ResultsAsync(run.Id, new EvalResultFilter(), 0, 25, CancellationToken.None);
                    pages.Add(watch.Elapsed.TotalMilliseconds);
                    try
                    {
                        await Task.Delay(250, finished.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            }, CancellationToken.None);

            var clock = Stopwatch.StartNew();
            var state = await runner.RunAsync(run.JobId!.Value, ct);
            var seconds = clock.Elapsed.TotalSeconds;
            await finished.CancelAsync();
            await reader;
            queue.Changed -= OnChanged;
            if (state != JobState.Completed)
            {
                var job = await queue.GetAsync(run.JobId!.Value, CancellationToken.None);
                throw new InvalidOperationException($"The bench run ended {state}: {job?.Error}");
            }
            process.Refresh();
            samples.Add(new Sample(1.0, process.WorkingSet64 / 1048576.0, GC.GetTotalMemory(false) / 1048576.0));
            var stored = (await runs.ResultsAsync(run.Id, new EvalResultFilter(), 0, 1, CancellationToken.None)).Total;
            var sorted = pages.Order().ToList();
            double P(double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
            return new Figures(count, modelName, seconds, count / seconds, process.PeakWorkingSet64 / 1048576.0, samples,
                P(0.5), P(0.95), pages.Count, stored, File.ReadAllText("/proc/loadavg").Split(' ')[0]);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task WriteCultureItemsAsync(string path, int count, CancellationToken ct)
    {
        var random = new Random(11);
        await using var writer = new StreamWriter(path);
        for (var i = 0; i < count; i++)
        {
            string Phrase(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => Words[random.Next(Words.Length)]));
            var record = new LibraryRecord
            {
                Benchmark = "bench-run",
                ExternalId = $"run-{i:D7}",
                Kind = nameof(ItemKind.CultureMultipleChoice),
                Text = $"In {Countries[i % Countries.Length]}, {Phrase(10 + random.Next(10))}?",
                Options = [Phrase(3), Phrase(4), Phrase(3), Phrase(5)],
                Answer = "ABCD"[random.Next(4)].ToString(),
                Language = "en",
                Country = Countries[i % Countries.Length],
                Modality = nameof(Modality.Text),
                Category = "bench",
                AlignmentGroup = $"run-{i:D7}",
                VerificationStatus = nameof(VerificationStatus.Unverified),
                SourceFormat = "synthetic",
                SourceRecord = $"{{\"n\":{i}}}",
            };
            await writer.WriteLineAsync(JsonSerializer.Serialize(record, JsonOutput.Compact).AsMemory(), ct);
        }
    }
}
