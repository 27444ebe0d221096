using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ValueAlign.Core.Benchmarks;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods;
using ValueAlign.Core.Methods.Culture;
using ValueAlign.Core.Methods.Honesty;
using ValueAlign.Tests.Inference.Vision;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Evaluation.Vision;

/// <summary>
/// The evaluation engine over a fresh SQLite file with a models folder holding the synthetic tiny
/// llama (<c>tiny.gguf</c>) and its projector (<c>mmproj-tiny.gguf</c>), and the repository's
/// media folder, so the demo items' images are read and shown to the model.
/// </summary>
public sealed class VisionEvalBed : IAsyncDisposable
{
    public const string Model = "tiny.gguf";
    public const string Projector = "mmproj-tiny.gguf";

    private readonly TempDirectory folder = new();

    private VisionEvalBed(IReadOnlyDictionary<string, string> projectors)
    {
        Directory.CreateDirectory(ModelsFolder);
        SyntheticLlamaModel.WriteFile(Path.Combine(ModelsFolder, Model), SyntheticLlamaConfig.Tiny);
        SyntheticProjectorModel.WriteFile(ProjectorPath, TinyVisionModelFixture.Projector);
        var options = TinyVisionModelFixture.Options;
        options.Projectors = new Dictionary<string, string>(projectors);
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddValueAlignData(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={folder.File("eval.db")};Pooling=False" }, folder.Path);
        services.AddModelRegistry(ModelsFolder);
        services.AddValueAlignInference(options);
        services.AddBenchmarkLibrary(Path.Combine(RepositoryRoot.Path, "data", "media"), Path.Combine(folder.Path, "demo"));
        services.AddEvaluation();
        services.AddMethod<CultureRegistration>(EvalTestBed.MethodFiles);
        services.AddMethod<HonestyRegistration>(EvalTestBed.MethodFiles);
        Services = services.BuildServiceProvider();
    }

    public string ModelsFolder => folder.File("models");

    public string ProjectorPath => Path.Combine(ModelsFolder, Projector);

    public ServiceProvider Services { get; }

    public EvalRunService Runs => Services.GetRequiredService<EvalRunService>();

    public JobRunner Runner => Services.GetRequiredService<JobRunner>();

    public ValueAlignDbContext OpenDb() => Services.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>().CreateDbContext();

    /// <summary>A bed whose model sees images (the projector pairs by name), or, with <paramref name="textOnly"/>, one where Models:Projectors turns pairing off.</summary>
    public static async Task<VisionEvalBed> CreateAsync(bool textOnly = false)
    {
        var bed = new VisionEvalBed(textOnly ? new Dictionary<string, string> { [Model] = ProjectorPairing.None } : []);
        await bed.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return bed;
    }

    public async Task ImportDemoFileAsync(string name)
    {
        var result = await Services.GetRequiredService<ImportService>().ImportAsync(Path.Combine(RepositoryRoot.Path, "data", "demo", name), new ImportOptions());
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        folder.Dispose();
    }
}
