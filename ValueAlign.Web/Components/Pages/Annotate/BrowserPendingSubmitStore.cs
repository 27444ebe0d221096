namespace ValueAlign.Web.Components.Pages.Annotate;

/// <summary>
/// Keeps the pending submit in the browser's sessionStorage through annotate.js
/// (<c>writePending</c>/<c>removePending</c>); <paramref name="invoke"/> calls the module and
/// tolerates a missing module or a dropped circuit.
/// </summary>
public sealed class BrowserPendingSubmitStore(Func<string, object?[], Task> invoke) : IPendingSubmitStore
{
    public Task WriteAsync(PendingSubmit pending) =>
        invoke("writePending", [PendingSubmit.StorageKey(pending.ProjectId), pending.ToJson()]);

    public Task RemoveAsync(PendingSubmit pending) =>
        invoke("removePending", [PendingSubmit.StorageKey(pending.ProjectId)]);
}
