using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ValueAlign.Core.Methods.Irote;
using ValueAlign.Core.Methods.Picaco;
using ValueAlign.Core.Values;

namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>
/// What the prompt optimisers (PICACO, IROTE) share: PICACO's value sets (from
/// <see cref="MethodDataFiles.PicacoValueSets"/>), the round store, the live progress board, the run
/// reader, the starter (which imports typed prompts and, when missing, the shipped value-laden
/// prompts) and the checks, plus both optimisers as services (the reader reads both). Added once
/// whichever of the two folders registers first. Needs the value-system catalogue, the database and
/// <c>AddEvaluation</c>.
/// </summary>
public static class OptimisationServices
{
    public static void AddShared(IServiceCollection services, MethodDataFiles files)
    {
        services.TryAddSingleton(sp => new ValueSetCatalog(files.PicacoValueSets, sp.GetRequiredService<ValueSystemCatalog>()));
        services.TryAddSingleton<OptimisationRoundStore>();
        services.TryAddSingleton<OptimisationProgressBoard>();
        services.TryAddSingleton<OptimisationRunReader>();
        services.TryAddSingleton(new OptimisationStarter.Files(files.ValueLadenPrompts));
        services.TryAddSingleton<OptimisationStarter>();
        services.TryAddSingleton<OptimisationChecks>();
        services.TryAddSingleton<PicacoMethod>();
        services.TryAddSingleton<IroteMethod>();
    }
}
