namespace ValueAlign.Tests.Support;

/// <summary>
/// The project's `../shared` folder (models, dataset samples, docs). Tests that need it fail
/// with a message saying what is missing instead of skipping.
/// </summary>
public static class SharedFolder
{
    public static string Root
    {
        get
        {
            var explicitRoot = Environment.GetEnvironmentVariable("VALUEALIGN_SHARED");
            if (!string.IsNullOrEmpty(explicitRoot))
            {
                return explicitRoot;
            }
            var repo = RepositoryRoot.Path;
            var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(repo, "..", "shared"));
            if (!Directory.Exists(candidate))
            {
                throw new InvalidOperationException(
                    $"The shared folder was not found at {candidate}. Check out the project with ../shared beside it " +
                    "(it holds the test model and dataset samples), or set VALUEALIGN_SHARED.");
            }
            return candidate;
        }
    }

    /// <summary>A file under shared/, or a clear failure naming it.</summary>
    public static string File(params string[] parts)
    {
        var path = System.IO.Path.Combine([Root, .. parts]);
        if (!System.IO.File.Exists(path))
        {
            throw new InvalidOperationException($"Required test input {path} is missing; restore ../shared from the project.");
        }
        return path;
    }
}
