using System.Diagnostics;

namespace ValueAlign.Tests.Support;

/// <summary>Runs `ValueAlign.Web VERB ...` as a process, the way a user or script runs a verb.</summary>
public static class WorkbenchCommand
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(
        IEnumerable<string> arguments,
        string databasePath,
        string? standardInput = null,
        IDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var start = StartInfo(arguments, databasePath, environment);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{string.Join(' ', start.ArgumentList)}` did not finish:\n{await output}\n{await error}");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Starts a verb without waiting, for tests that interrupt it (kill it mid-way); output is drained in the background.</summary>
    public static Process Start(IEnumerable<string> arguments, string databasePath, IDictionary<string, string>? environment = null)
    {
        var process = Process.Start(StartInfo(arguments, databasePath, environment))!;
        process.StandardInput.Close();
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>Starts a verb without waiting and keeps its output lines, for fault tests that kill it at a given point.</summary>
    public static WatchedVerb StartWatched(IEnumerable<string> arguments, string databasePath, IDictionary<string, string>? environment = null) =>
        new(Process.Start(StartInfo(arguments, databasePath, environment))!);

    private static ProcessStartInfo StartInfo(IEnumerable<string> arguments, string databasePath, IDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(databasePath)!,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ValueAlign.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["VALUEALIGN_ROOT"] = RepositoryRoot.Path;
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Database__ConnectionString"] = $"Data Source={databasePath}";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__")] = value;
        }
        return start;
    }
}
