using Microsoft.Playwright;

namespace ValueAlign.Tests.Support;

public static class PageExtensions
{
    /// <summary>
    /// Blazor buttons do nothing until the circuit is connected; wait for Blazor to have started
    /// before interacting with an interactive page.
    /// </summary>
    public static async Task WaitForCircuitAsync(this IPage page)
    {
        await page.WaitForFunctionAsync(
            "() => window.Blazor !== undefined && document.querySelector('.mud-layout') !== null && window.__valueAlignCircuit === true",
            null,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
    }
}
