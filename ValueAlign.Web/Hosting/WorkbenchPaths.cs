namespace ValueAlign.Web.Hosting;

/// <summary>Absolute folders the workbench reads from, resolved once at start-up.</summary>
public sealed record WorkbenchPaths(string Root, string DataFolder, string ModelsFolder, string MediaFolder, string AssetsFolder, string KeysFolder)
{
    public static WorkbenchPaths From(string root, IConfiguration configuration)
    {
        string Resolve(string key, string fallback) =>
            Path.GetFullPath(Path.Combine(root, configuration[key] is { Length: > 0 } v ? v : fallback));
        return new WorkbenchPaths(
            root,
            Resolve("Paths:Data", "data"),
            Resolve("Paths:Models", "models"),
            Resolve("Paths:Media", "data/media"),
            Path.Combine(root, "wwwroot-assets"),
            Resolve("Paths:Keys", "data/keys"));
    }
}
