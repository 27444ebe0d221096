using Bunit;
using Bunit.Rendering;

namespace ValueAlign.Tests.Support;

/// <summary>
/// Actions on elements of a page that re-renders by itself (polling a running job): between
/// Find and Click a render can replace the element's event handlers, and bUnit then throws
/// <see cref="UnknownEventHandlerIdException"/>. These find the element again and retry.
/// </summary>
public static class RenderedFragmentActions
{
    public static void ClickFresh<T>(this IRenderedComponent<T> page, string selector) where T : Microsoft.AspNetCore.Components.IComponent =>
        Retry(() => page.Find(selector).Click());

    public static void InputFresh<T>(this IRenderedComponent<T> page, string selector, string value) where T : Microsoft.AspNetCore.Components.IComponent =>
        Retry(() => page.Find(selector).Input(value));

    private static void Retry(Action action)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                action();
                return;
            }
            catch (UnknownEventHandlerIdException) when (attempt < 50)
            {
                Thread.Sleep(20);
            }
        }
    }
}
