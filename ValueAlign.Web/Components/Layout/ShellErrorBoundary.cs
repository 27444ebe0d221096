using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;

namespace ValueAlign.Web.Components.Layout;

/// <summary>
/// Catches an exception thrown while rendering a page, logs it under a short correlation id and
/// shows that id to the user, so a report can be matched to the log line.
/// </summary>
public sealed class ShellErrorBoundary : ErrorBoundary
{
    [Inject]
    private ILogger<ShellErrorBoundary> Logger { get; set; } = default!;

    private string? _correlationId;

    protected override Task OnErrorAsync(Exception exception)
    {
        _correlationId = Guid.NewGuid().ToString("N")[..12];
        Logger.LogError(exception, "Unhandled error in a page; correlation id {CorrelationId}", _correlationId);
        return Task.CompletedTask;
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (CurrentException is null)
        {
            builder.AddContent(0, ChildContent);
            return;
        }
        builder.OpenElement(1, "div");
        builder.AddAttribute(2, "class", "shell-error");
        builder.AddAttribute(3, "role", "alert");
        builder.OpenElement(4, "h2");
        builder.AddContent(5, "Something went wrong on this page.");
        builder.CloseElement();
        builder.OpenElement(6, "p");
        builder.AddContent(7, "Your other work is safe. Quote this correlation id when you report it: ");
        builder.OpenElement(8, "code");
        builder.AddAttribute(9, "data-testid", "correlation-id");
        builder.AddContent(10, _correlationId);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    }
}
