using Microsoft.Playwright;

namespace ValueAlign.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download). Fails with an install hint
/// when Chromium is absent.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing. Install Debian's Chromium (apt-get install chromium); ./test.sh does this.");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    /// <summary>Where screenshots go: TestResults/artifacts under the repository.</summary>
    public static string ArtifactPath(string name)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "TestResults", "artifacts");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
