using System.Security.Claims;
using ValueAlign.Core.Accounts;

namespace ValueAlign.Core.Inference;

/// <summary>
/// The shared model as the pages reach it, with the caller's roles checked here rather than only by
/// hidden buttons: loading and unloading need <see cref="WorkbenchPolicies.ModelAdmin"/> (the model
/// serves every user), generating and scoring need <see cref="WorkbenchPolicies.ModelUse"/>.
/// Refusals throw <see cref="WorkbenchAccessDeniedException"/>.
/// </summary>
public sealed class SharedModelAccess(ModelLibrary library, ModelHost host)
{
    public Task<ILanguageModel> LoadAsync(ClaimsPrincipal user, string pathInModelsFolder, IProgress<float>? progress = null, CancellationToken cancellationToken = default)
    {
        WorkbenchPolicies.Demand(user, WorkbenchPolicies.ModelAdmin);
        return library.LoadAsync(pathInModelsFolder, progress, cancellationToken);
    }

    public Task UnloadAsync(ClaimsPrincipal user)
    {
        WorkbenchPolicies.Demand(user, WorkbenchPolicies.ModelAdmin);
        return host.UnloadAsync();
    }

    /// <summary>The loaded model for a caller allowed to use it, or a clear error when none is loaded.</summary>
    public ILanguageModel RequireModel(ClaimsPrincipal user)
    {
        WorkbenchPolicies.Demand(user, WorkbenchPolicies.ModelUse);
        return host.RequireModel();
    }
}
