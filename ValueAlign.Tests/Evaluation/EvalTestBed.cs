using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ValueAlign.Core.Benchmarks;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods;
using ValueAlign.Core.Methods.Culture;
using ValueAlign.Core.Methods.Honesty;
using ValueAlign.Tests.Inference.Runtime;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Evaluation;

/// <summary>
/// The evaluation engine as the workbench composes it (same registrations as the CLI) over a
/// fresh SQLite file, with ../shared/models as the models folder so runs use stories260K.
/// </summary>
public sealed class EvalTestBed : IAsyncDisposable
{
    public const string StoriesModel = "stories260K.gguf";

    private readonly TempDirectory folder = new();

    private EvalTestBed(IEnumerable<IEvaluationMethod> extraMethods, string? modelsFolder = null, Action<IServiceCollection>? configure = null,
        RunEngineOptions? engine = null, ILoggerProvider? logs = null, Func<string, DatabaseOptions>? database = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(l =>
        {
            l.SetMinimumLevel(logs is null ? LogLevel.Warning : LogLevel.Information);
            if (logs is not null)
                l.AddProvider(logs);
        });
        services.AddValueAlignData(database?.Invoke(DatabasePath)
            ?? new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={DatabasePath};Pooling=False" }, folder.Path);
        services.AddModelRegistry(modelsFolder ?? Path.GetDirectoryName(StoriesModelFixture.ModelPath)!);
        services.AddValueAlignInference(StoriesModelFixture.Options);
        services.AddBenchmarkLibrary(Path.Combine(folder.Path, "media"), Path.Combine(folder.Path, "demo"));
        services.AddEvaluation(engine);
        // The two built-in evaluations every run test may use; other folders come through configure.
        services.AddMethod<CultureRegistration>(MethodFiles);
        services.AddMethod<HonestyRegistration>(MethodFiles);
        foreach (var method in extraMethods)
            services.AddSingleton(method);
        configure?.Invoke(services);
        Services = services.BuildServiceProvider();
    }

    public string DatabasePath => folder.File("eval.db");

    /// <summary>The shipped method data files of the repository.</summary>
    public static MethodDataFiles MethodFiles { get; } = MethodDataFiles.InDataFolder(Path.Combine(RepositoryRoot.Path, "data"));

    public ServiceProvider Services { get; }

    public EvalRunService Runs => Services.GetRequiredService<EvalRunService>();

    public JobQueue Queue => Services.GetRequiredService<JobQueue>();

    public JobRunner Runner => Services.GetRequiredService<JobRunner>();

    public ValueAlignDbContext OpenDb() => Services.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>().CreateDbContext();

    public static Task<EvalTestBed> CreateAsync(params IEvaluationMethod[] extraMethods) => CreateAsync((string?)null, null, extraMethods);

    /// <summary>A bed with these engine options and, when given, Information-level logs sent to <paramref name="logs"/>.</summary>
    public static async Task<EvalTestBed> CreateWithEngineAsync(RunEngineOptions engine, ILoggerProvider? logs, params IEvaluationMethod[] extraMethods)
    {
        var bed = new EvalTestBed(extraMethods, engine: engine, logs: logs);
        await bed.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return bed;
    }

    /// <summary>A bed on another database (PostgreSQL, or SQLite with other connection settings; given the SQLite file path), with these engine options and logs.</summary>
    public static async Task<EvalTestBed> CreateOnAsync(Func<string, DatabaseOptions> database, RunEngineOptions? engine, ILoggerProvider? logs, params IEvaluationMethod[] extraMethods)
    {
        var bed = new EvalTestBed(extraMethods, engine: engine, logs: logs, database: database);
        await bed.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return bed;
    }

    /// <summary>A bed with more registrations (methods that need services, such as the optimisers).</summary>
    public static Task<EvalTestBed> CreateAsync(Action<IServiceCollection> configure) => CreateAsync(null, configure);

    /// <summary>A bed over another models folder and with extra registrations (another backend, ...).</summary>
    public static async Task<EvalTestBed> CreateAsync(string? modelsFolder, Action<IServiceCollection>? configure, params IEvaluationMethod[] extraMethods)
    {
        var bed = new EvalTestBed(extraMethods, modelsFolder, configure);
        await bed.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return bed;
    }

    /// <summary>Imports MMA-ASIA-format items (JSONL) under the benchmark name <c>test-culture</c>.</summary>
    public async Task ImportCultureItemsAsync(IEnumerable<object> rows, string benchmark = "test-culture")
    {
        var path = folder.File($"{Guid.NewGuid():N}.jsonl");
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendLine(JsonSerializer.Serialize(row));
        await File.WriteAllTextAsync(path, text.ToString());
        var result = await Services.GetRequiredService<ImportService>().ImportAsync(path, new ImportOptions { Format = "mma-asia", Benchmark = benchmark });
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    /// <summary>Imports a file of the repository's demo folder (data/demo).</summary>
    public async Task ImportDemoFileAsync(string name)
    {
        var result = await Services.GetRequiredService<ImportService>().ImportAsync(Path.Combine(RepositoryRoot.Path, "data", "demo", name), new ImportOptions());
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    /// <summary>A simple culture item: four options, answer B.</summary>
    public static object CultureRow(string id, string country = "Japan", string language = "en", string modality = "text", string? group = null, string theme = "etiquette") => new
    {
        id,
        alignment_group = group,
        country,
        language,
        modality,
        question = $"Question {id}: which is right?",
        options = new[] { "red", "blue", "green", "yellow" },
        answer = "B",
        image = modality == "image" ? "demo/shrine-gate.png" : null,
        knowledge_points = new[] { "colours" },
        explanation = "Blue is right.",
        theme,
    };

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        folder.Dispose();
    }
}
