using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ValueAlign.Tests.Support;

/// <summary>
/// The real workbench, started as its own process from the build output (as a user starts it),
/// on a free loopback port with a temporary SQLite database. Its output is kept for failure messages.
/// </summary>
public sealed class WorkbenchServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TempDirectory _temp;

    private WorkbenchServer(Process process, TempDirectory temp, Uri baseAddress)
    {
        _process = process;
        _temp = temp;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The SQLite file this server uses; tests may open it directly (WAL allows it).</summary>
    public string DatabasePath => _temp.File("workbench.db");

    public string TempFolder => _temp.Path;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <param name="prepare">
    /// Runs before the process starts, with the path of the (not yet created) database; returns
    /// more environment variables for the process, e.g. an API key created in that database.
    /// </param>
    public static async Task<WorkbenchServer> StartAsync(
        IDictionary<string, string>? settings = null, Func<string, Task<IDictionary<string, string>>>? prepare = null)
    {
        var temp = new TempDirectory();
        if (prepare is not null)
        {
            settings = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
            foreach (var (key, value) in await prepare(temp.File("workbench.db")))
            {
                settings[key] = value;
            }
        }
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "ValueAlign.Web.dll") },
            WorkingDirectory = temp.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["VALUEALIGN_ROOT"] = RepositoryRoot.Path;
        start.Environment["Urls"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Database__ConnectionString"] = $"Data Source={temp.File("workbench.db")}";
        start.Environment["Paths__Keys"] = temp.File("keys");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Fixtures share one server across many tests that each sign in; the sign-in limits are
        // tested on their own (SignInProtectionTests passes its own, small values).
        start.Environment["SignIn__AttemptsPerIpPerMinute"] = "100000";
        start.Environment["SignIn__AttemptsPerAccountPerMinute"] = "100000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__")] = value;
        }

        var process = new Process { StartInfo = start };
        var server = new WorkbenchServer(process, temp, baseAddress);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilServingAsync(TimeSpan.FromSeconds(90));
        return server;
    }

    public HttpClient CreateClient(bool followRedirects = false) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = BaseAddress,
        };

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var client = CreateClient();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The workbench exited with code {_process.ExitCode} before serving:\n{Log}");
            }
            try
            {
                var response = await client.GetAsync("/account/login");
                if ((int)response.StatusCode < 500)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The workbench did not serve {BaseAddress} within {timeout}:\n{Log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _temp.Dispose();
    }
}
