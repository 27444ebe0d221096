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

    /// <summary>Unloads one of the loaded models (by its full path); false when it was not loaded.</summary>
    public Task<bool> UnloadAsync(ClaimsPrincipal user, string loadedPath)
    {
        WorkbenchPolicies.Demand(user, WorkbenchPolicies.ModelAdmin);
        return host.UnloadAsync(loadedPath);
    }

    /// <summary>Makes a loaded model (by its full path) the default one; false when it is not loaded.</summary>
    public bool SetDefault(ClaimsPrincipal user, string loadedPath)
    {
        WorkbenchPolicies.Demand(user, WorkbenchPolicies.ModelAdmin);
        return host.SetDefault(loadedPath);
    }

    /// <summary>The loaded model for a caller allowed to use it, or a clear error when none is loaded.</summary>
    public ILanguageModel RequireModel(ClaimsPrincipal user)
    {
        WorkbenchPolicies.Demand(user, WorkbenchPolicies.ModelUse);
        return host.RequireModel();
    }
}
