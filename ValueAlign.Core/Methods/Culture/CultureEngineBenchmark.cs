using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ValueAlign.Core.Benchmarks;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Core.Jobs;

namespace ValueAlign.Core.Methods.Culture;

/// <summary>Units/s of a culture-MCQ likelihood run through the whole run engine.</summary>
public sealed record CultureEngineBenchmarkResult(int Units, int UnitsInFlight, double Seconds)
{
    public double ItemsPerSecond => Units / Seconds;
}

/// <summary>
/// A full culture-MCQ run (likelihood mode, CircularEval: every demo item under each rotation,
/// the same questions <see cref="CultureMcqBenchmark"/> scores) through the engine as the workbench
/// runs it: job queue, plan, grouped scoring, a result row per unit in a throw-away SQLite
/// database, the report. The model is loaded before timing; each timed run has its own seed so
/// the cache cannot answer it. Best of three after a warm-up run.
/// </summary>
public static class CultureEngineBenchmark
{
    public static async Task<CultureEngineBenchmarkResult> RunAsync(
        string modelPath, string demoItemsFile, ModelRuntimeOptions runtime, RunEngineOptions engine, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"valuealign-bench-engine-{Guid.NewGuid():N}");
        var models = Directory.CreateDirectory(Path.Combine(folder, "models")).FullName;
        try
        {
            var model = Path.Combine(models, Path.GetFileName(modelPath));
            File.Copy(modelPath, model);
            var services = new ServiceCollection();
            services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            services.AddValueAlignData(new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(folder, "bench.db")};Pooling=False" }, folder);
            services.AddModelRegistry(models);
            services.AddValueAlignInference(runtime);
            services.AddBenchmarkLibrary(Path.Combine(folder, "media"), Path.GetDirectoryName(Path.GetFullPath(demoItemsFile))!);
            services.AddEvaluation(engine);
            // The demo file sits in the data folder's demo/ (culture-mcq itself reads no data files).
            services.AddMethod<CultureRegistration>(MethodDataFiles.InDataFolder(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(demoItemsFile)))!));
            await using var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken).ConfigureAwait(false);
            var import = await provider.GetRequiredService<ImportService>().ImportAsync(demoItemsFile, new ImportOptions(), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!import.Succeeded)
                throw new InvalidOperationException($"Importing {demoItemsFile} failed: {string.Join("; ", import.Errors)}");
            await provider.GetRequiredService<ModelHost>().LoadAsync(model, null, cancellationToken).ConfigureAwait(false);

            var runs = provider.GetRequiredService<EvalRunService>();
            var runner = provider.GetRequiredService<JobRunner>();
            var filter = new ItemFilter { Kind = ItemKind.CultureMultipleChoice };
            var best = double.MaxValue;
            var units = 0;
            for (var attempt = 0; attempt < 4; attempt++)
            {
                var run = await runs.CreateAsync(new EvalRunRequest(Path.GetFileName(model), CultureMcqMethod.MethodId, filter, "{\"circular\":true}", attempt, $"bench {attempt}"),
                    "bench", cancellationToken).ConfigureAwait(false);
                var watch = Stopwatch.StartNew();
                var state = await runner.RunAsync(run.JobId, cancellationToken).ConfigureAwait(false);
                var seconds = watch.Elapsed.TotalSeconds;
                if (state != JobState.Completed)
                    throw new InvalidOperationException($"The benchmark run ended {state}.");
                units = run.UnitCount;
                if (attempt > 0)
                    best = Math.Min(best, seconds);
            }
            return new CultureEngineBenchmarkResult(units, engine.UnitsInFlight, best);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A scratch folder left in the temp directory is harmless.
            }
        }
    }
}
