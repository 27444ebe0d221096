using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation;
using ValueAlign.Core.Benchmarks;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Dashboards;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Methods;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives.Store;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.OpenAi;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Start;

namespace ValueAlign.Web.Hosting;

/// <summary>The Core services that both the web host and the headless verbs use.</summary>
public static class CoreRegistration
{
    public static IServiceCollection AddWorkbenchCore(this IServiceCollection services, IConfiguration configuration, WorkbenchPaths paths)
    {
        var database = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(paths);
        services.AddValueAlignData(database, paths.Root);
        services.AddPasswordPolicy(configuration.GetValue(PasswordPolicy.MinimumLengthSetting, PasswordPolicy.DefaultMinimumLength));
        services.AddValueSystemCatalog(Path.Combine(paths.DataFolder, "value-systems"));
        services.AddModelRegistry(paths.ModelsFolder);
        var models = configuration.GetSection(ModelRuntimeOptions.SectionName).Get<ModelRuntimeOptions>() ?? new ModelRuntimeOptions();
        services.AddValueAlignInference(models);
        services.AddOpenAiBackend(configuration.GetSection(OpenAiBackendOptions.SectionName).Get<OpenAiBackendOptions>() ?? new OpenAiBackendOptions());
        services.AddBenchmarkLibrary(paths.MediaFolder, Path.Combine(paths.DataFolder, "demo"), Path.Combine(paths.DataFolder, "dilemmas", "dilemmas.jsonl"),
            Path.Combine(paths.DataFolder, "prompts", "value-laden.jsonl"));
        services.AddSingleton(configuration.GetSection(ImportLimits.SectionName).Get<ImportLimits>() ?? ImportLimits.Default);
        services.AddAnnotation();
        services.AddJobs();
        services.AddEvaluation(configuration.GetSection(RunEngineOptions.SectionName).Get<RunEngineOptions>());
        services.AddMethods(MethodDataFiles.InDataFolder(paths.DataFolder));
        services.AddObjectiveStore();
        services.AddDashboards();
        services.AddStartPage();
        return services;
    }
}
