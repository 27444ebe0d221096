using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Annotation;
using ValueAlign.Core.Benchmarks;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Core.Methods;
using ValueAlign.Core.Methods.Culture;
using ValueAlign.Core.Methods.Picaco;
using ValueAlign.Core.Values;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Support;
using ValueAlign.Tests.Values;

namespace ValueAlign.Tests.Methods.Registration;

/// <summary>Each method folder registers itself in one class, and together they register every method Core has.</summary>
public sealed class MethodRegistrationTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>What the workbench registers before the methods (as in CoreRegistration), then <paramref name="methods"/>.</summary>
    private ServiceProvider Services(Action<IServiceCollection> methods)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddValueAlignData(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_folder.File("methods.db")};Pooling=False" }, _folder.Path);
        services.AddValueSystemCatalog(ValueSystemFiles.ShippedFolder);
        services.AddModelRegistry(_folder.Path);
        services.AddValueAlignInference(new ModelRuntimeOptions());
        services.AddBenchmarkLibrary(Path.Combine(_folder.Path, "media"), Path.Combine(_folder.Path, "demo"));
        services.AddAnnotation();
        services.AddEvaluation();
        methods(services);
        return services.BuildServiceProvider();
    }

    /// <summary>Every class in Core that is a run-engine method (the catalogue the engine can run).</summary>
    private static readonly IReadOnlyList<Type> MethodTypes = typeof(IEvaluationMethod).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEvaluationMethod).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    [Fact]
    public void Every_method_in_Core_is_registered_once_by_its_folder()
    {
        using var services = Services(s => s.AddMethods(EvalTestBed.MethodFiles));

        var registered = services.GetRequiredService<EvaluationMethods>().All;

        Assert.Equal(MethodTypes, registered.Select(m => m.GetType()).OrderBy(t => t.FullName, StringComparer.Ordinal));
        Assert.Equal(MethodRegistrations.All.SelectMany(r => r.MethodIds).Order(StringComparer.Ordinal), registered.Select(m => m.Id).Order(StringComparer.Ordinal));
        // Each method's registration sits in the method's own folder (namespace), one registration a folder.
        foreach (var method in registered)
        {
            var owner = Assert.Single(MethodRegistrations.All, r => r.MethodIds.Contains(method.Id));
            Assert.StartsWith(owner.GetType().Namespace + ".", method.GetType().Namespace + ".", StringComparison.Ordinal);
        }
        Assert.Equal(MethodRegistrations.All.Count, MethodRegistrations.All.Select(r => r.GetType().Namespace).Distinct().Count());
        Assert.All(MethodRegistrations.All, r => Assert.StartsWith("ValueAlign.Core.Methods.", r.GetType().Namespace, StringComparison.Ordinal));
    }

    [Fact]
    public void Each_folder_on_its_own_registers_exactly_the_methods_it_names()
    {
        foreach (var registration in MethodRegistrations.All)
        {
            using var services = Services(s => registration.Register(s, EvalTestBed.MethodFiles));

            var ids = services.GetRequiredService<EvaluationMethods>().All.Select(m => m.Id).Order(StringComparer.Ordinal);

            Assert.Equal(registration.MethodIds.Order(StringComparer.Ordinal), ids);
        }
    }

    [Fact]
    public void The_shipped_folders_are_all_found()
    {
        Assert.Equal(
            ["Couple", "Culture", "Dilemmas", "Honesty", "Irote", "LegalDelta", "LongMab", "Mova", "Picaco", "Questionnaires"],
            MethodRegistrations.All.Select(r => r.GetType().Namespace!["ValueAlign.Core.Methods.".Length..]));
        Assert.Equal([CultureMcqMethod.MethodId], new CultureRegistration().MethodIds);
        Assert.Contains(PicacoMethod.MethodId, new PicacoRegistration().MethodIds);
    }

    [Fact]
    public void The_picaco_value_sets_come_from_the_data_files_given()
    {
        var missing = new MethodDataFiles(_folder.File("no-such-value-sets.json"), _folder.File("no-prompts.jsonl"));
        using var services = Services(s => s.AddMethod<PicacoRegistration>(missing));

        var error = Record.Exception(() => services.GetRequiredService<ValueSetCatalog>());

        Assert.NotNull(error);
        Assert.Contains("no-such-value-sets.json", error.ToString());
    }
}
