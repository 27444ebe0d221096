using System.Diagnostics;
using System.Text;

namespace ValueAlign.Tests.Support;

/// <summary>
/// A verb running as a child process whose standard output and error lines are kept as they arrive,
/// so a test can wait for a line (or poll the database) and then kill it with SIGKILL. Disposing kills
/// it if it is still running, so a failed test leaves no child behind.
/// </summary>
public sealed class WatchedVerb : IDisposable
{
    private readonly Lock gate = new();
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();
    private readonly TaskCompletionSource outputDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource errorDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal WatchedVerb(Process process)
    {
        Process = process;
        process.StandardInput.Close();
        process.OutputDataReceived += (_, e) => Keep(output, e.Data, outputDone);
        process.ErrorDataReceived += (_, e) => Keep(error, e.Data, errorDone);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Output { get { lock (gate) return output.ToString(); } }

    public string Error { get { lock (gate) return error.ToString(); } }

    /// <summary>Waits until a line of standard error matches; fails if the process exits first or the time runs out.</summary>
    public async Task<string> WaitForErrorLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var line = Error.Split('\n').FirstOrDefault(match);
            if (line is not null)
                return line;
            if (Process.HasExited)
                throw new InvalidOperationException($"the process exited (code {Process.ExitCode}) before the awaited line:\n{Output}\n{Error}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the awaited line did not come within {timeout}:\n{Output}\n{Error}");
            await Task.Delay(20);
        }
    }

    /// <summary>Polls <paramref name="condition"/> (typically a database count) until it holds; fails if the process exits first.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (Process.HasExited)
                throw new InvalidOperationException($"the process exited (code {Process.ExitCode}) before {what}:\n{Output}\n{Error}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} did not happen within {timeout}:\n{Output}\n{Error}");
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL (Process.Kill sends SIGKILL on Linux): no handler, finally block or flush runs in the child.</summary>
    public async Task KillAsync()
    {
        Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
        await Task.WhenAny(Task.WhenAll(outputDone.Task, errorDone.Task), Task.Delay(TimeSpan.FromSeconds(5)));
    }

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        Process.Dispose();
    }

    private void Keep(StringBuilder into, string? line, TaskCompletionSource done)
    {
        if (line is null)
        {
            done.TrySetResult();
            return;
        }
        lock (gate)
            into.Append(line).Append('\n');
    }
}
