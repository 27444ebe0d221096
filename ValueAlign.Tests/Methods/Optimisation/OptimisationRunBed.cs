using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Methods;
using ValueAlign.Core.Methods.Dilemmas;
using ValueAlign.Core.Methods.Irote;
using ValueAlign.Core.Methods.Mova;
using ValueAlign.Core.Methods.Picaco;
using ValueAlign.Core.Methods.Questionnaires;
using ValueAlign.Core.Values;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Support;
using ValueAlign.Tests.Values;

namespace ValueAlign.Tests.Methods.Optimisation;

/// <summary>The run engine with the optimisers and the value methods registered as the workbench does, and the shipped value-laden prompts imported.</summary>
internal static class OptimisationRunBed
{
    public static async Task<EvalTestBed> CreateAsync(Action<IServiceCollection>? more = null)
    {
        var bed = await EvalTestBed.CreateAsync(services =>
        {
            more?.Invoke(services);
            services.AddValueSystemCatalog(ValueSystemFiles.ShippedFolder);
            services.AddMethod<MovaRegistration>(EvalTestBed.MethodFiles);
            services.AddMethod<QuestionnairesRegistration>(EvalTestBed.MethodFiles);
            services.AddMethod<DilemmasRegistration>(EvalTestBed.MethodFiles);
            services.AddMethod<PicacoRegistration>(EvalTestBed.MethodFiles);
            services.AddMethod<IroteRegistration>(EvalTestBed.MethodFiles);
        });
        var result = await bed.Services.GetRequiredService<ImportService>()
            .ImportAsync(Path.Combine(RepositoryRoot.Path, "data", "prompts", "value-laden.jsonl"), new ImportOptions { Format = "valuealign-prompts" });
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return bed;
    }
}
