using System.Net;
using System.Net.Sockets;
using System.Text;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Web.Benchmarks;

/// <summary>
/// The real workbench (demo data seeded) with its media folder in a temp folder that holds a PNG,
/// a WAV, a text file, and next to it a secret file that must never be served.
/// </summary>
public sealed class LibraryServerFixture : IAsyncLifetime
{
    public const string Password = "library-password-1";
    public const string SecretMarker = "TOP-SECRET-MARKER-7731";

    /// <summary>A 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private readonly TempDirectory _folder = new();

    public WorkbenchServer Server { get; private set; } = default!;
    public string MediaFolder => _folder.File("media");
    public string SecretPath => _folder.File("secret.txt");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(MediaFolder, "sub"));
        await File.WriteAllBytesAsync(Path.Combine(MediaFolder, "ok.png"), Png);
        await File.WriteAllBytesAsync(Path.Combine(MediaFolder, "sub", "tone.wav"), Encoding.ASCII.GetBytes("RIFF\0\0\0\0WAVEfmt "));
        await File.WriteAllTextAsync(Path.Combine(MediaFolder, "notes.txt"), "not media");
        await File.WriteAllTextAsync(SecretPath, SecretMarker);
        Server = await WorkbenchServer.StartAsync(new Dictionary<string, string> { ["Paths:Media"] = MediaFolder });
        await using var services = WorkbenchServices.ForSqliteFile(Server.DatabasePath);
        foreach (var role in Roles.All)
        {
            var result = await services.AddUserAsync(Email(role), Password, role);
            Assert.True(result.Succeeded, result.ToString());
        }
    }

    public static string Email(string role) => $"{role.ToLowerInvariant()}@example.org";

    public ValueAlignDbContextFactory DatabaseFactory() =>
        new(new DatabaseOptions { ConnectionString = $"Data Source={Server.DatabasePath};Pooling=False" }, RepositoryRoot.Path);

    public BenchmarkQuery Query() => new(DatabaseFactory());

    /// <summary>Imports a file into the running server's database, as the CLI would.</summary>
    public async Task<ImportResult> ImportAsync(string path, string? format = null, string? benchmark = null)
    {
        var factory = DatabaseFactory();
        var service = new ImportService(factory, ImporterRegistry.Default, new ImportPresetStore(factory));
        return await service.ImportAsync(path, new ImportOptions { Format = format, Benchmark = benchmark });
    }

    public async Task<(HttpClient Client, CookieContainer Cookies)> SignedInAsync(string role)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies })
        {
            BaseAddress = Server.BaseAddress,
        };
        await WorkbenchSession.SignInAsync(client, Email(role), Password);
        return (client, cookies);
    }

    /// <summary>
    /// Sends the request line exactly as written (HttpClient would normalise <c>..</c> and
    /// escapes away) and returns the status code and body.
    /// </summary>
    public async Task<(int Status, string Body)> RawGetAsync(string rawPath, CookieContainer cookies)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Server.BaseAddress.Host, Server.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        var request = $"GET {rawPath} HTTP/1.1\r\nHost: {Server.BaseAddress.Authority}\r\n" +
                      $"Cookie: {cookies.GetCookieHeader(Server.BaseAddress)}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.Split(' ', 3)[1]);
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (status, split < 0 ? "" : response[(split + 4)..]);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _folder.Dispose();
    }
}
