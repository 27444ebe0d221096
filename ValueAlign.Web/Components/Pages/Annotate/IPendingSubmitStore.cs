namespace ValueAlign.Web.Components.Pages.Annotate;

/// <summary>Where a submit waits until the server confirms it, so a reload or a new circuit can send it again.</summary>
public interface IPendingSubmitStore
{
    Task WriteAsync(PendingSubmit pending);

    Task RemoveAsync(PendingSubmit pending);
}
