namespace ValueAlign.Web.Hosting;

/// <summary>
/// The folder that holds appsettings.json, data/ and wwwroot-assets/. The app is started from
/// its build output, from `dotnet run`, or from a test with another working directory, so it
/// is found by walking up rather than assumed to be the current directory.
/// </summary>
public static class WorkbenchRoot
{
    public const string EnvironmentVariable = "VALUEALIGN_ROOT";

    public static string Find()
    {
        var explicitRoot = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            if (!IsRoot(explicitRoot))
            {
                throw new InvalidOperationException(
                    $"{EnvironmentVariable}={explicitRoot} does not hold appsettings.json and data/value-systems/.");
            }
            return Path.GetFullPath(explicitRoot);
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (IsRoot(dir.FullName))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException(
            "Could not find the workbench root (a folder with appsettings.json and data/value-systems/). " +
            $"Run from the repository or set {EnvironmentVariable}.");
    }

    private static bool IsRoot(string dir) =>
        File.Exists(Path.Combine(dir, "appsettings.json")) && Directory.Exists(Path.Combine(dir, "data", "value-systems"));
}
