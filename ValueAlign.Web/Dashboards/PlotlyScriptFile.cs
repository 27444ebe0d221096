namespace ValueAlign.Web.Dashboards;

/// <summary>
/// The full plotly.js bundle that Plotly.Blazor ships as a static web asset, read from the app's web
/// root (which includes package assets) once and kept for exports.
/// </summary>
public sealed class PlotlyScriptFile(IWebHostEnvironment environment)
{
    public const string Folder = "_content/Plotly.Blazor";

    private readonly Lazy<(string Path, string Source)> _file = new(() => Load(environment));

    /// <summary>The app-relative URL, for example <c>/_content/Plotly.Blazor/plotly-3.7.0.min.js</c>.</summary>
    public string RelativeUrl => "/" + _file.Value.Path;

    public string Source => _file.Value.Source;

    private static (string, string) Load(IWebHostEnvironment environment)
    {
        var files = environment.WebRootFileProvider.GetDirectoryContents(Folder);
        // The full bundle: the "basic" one lacks heatmaps and polar charts.
        var bundle = files.Where(f => !f.IsDirectory && f.Name.StartsWith("plotly-", StringComparison.Ordinal)
                && f.Name.EndsWith(".min.js", StringComparison.Ordinal) && !f.Name.StartsWith("plotly-basic", StringComparison.Ordinal))
            .OrderByDescending(f => f.Name, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new FileNotFoundException(
                $"plotly.js was not found under {Folder} in the web root. It ships with the Plotly.Blazor package's static web assets: build ValueAlign.Web so its static web assets manifest exists.");
        using var stream = bundle.CreateReadStream();
        using var reader = new StreamReader(stream);
        return ($"{Folder}/{bundle.Name}", reader.ReadToEnd());
    }
}
