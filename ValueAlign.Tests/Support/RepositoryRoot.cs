namespace ValueAlign.Tests.Support;

/// <summary>The repository checkout the tests run from (the folder with ValueAlign.sln).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "ValueAlign.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("ValueAlign.sln not found above " + AppContext.BaseDirectory);
    }
}
