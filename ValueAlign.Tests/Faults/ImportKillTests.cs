using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Support;
using ValueAlign.Web.Cli;

namespace ValueAlign.Tests.Faults;

/// <summary>
/// The `import` verb killed with SIGKILL in the middle of a large file (after its first progress line,
/// so thousands of rows are already written inside its transaction): afterwards the library holds no
/// row of that file, the database is intact, and running the same import again stores every item once.
/// </summary>
public sealed class ImportKillTests
{
    private const int Items = 60_000;

    [Fact]
    public async Task Sqlite_import_killed_mid_way_leaves_no_partial_rows_and_can_be_rerun()
    {
        using var dir = new TempDirectory();
        var database = dir.File("library.db");
        IDbContextFactory<ValueAlignDbContext> factory = new ValueAlignDbContextFactory(new DatabaseOptions { ConnectionString = $"Data Source={database};Pooling=False" }, dir.Path);
        await KillThenRerunAsync(dir, database, factory, new Dictionary<string, string>());

        await using var db = await factory.CreateDbContextAsync();
        var check = db.Database.GetDbConnection();
        await check.OpenAsync();
        await using var integrity = check.CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", await integrity.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Postgres_import_killed_mid_way_leaves_no_partial_rows_and_can_be_rerun()
    {
        using var dir = new TempDirectory();
        await using var postgres = await PostgresDatabase.CreateAsync();
        IDbContextFactory<ValueAlignDbContext> factory = new ValueAlignDbContextFactory(
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = postgres.ConnectionString }, RepositoryRoot.Path);
        await KillThenRerunAsync(dir, dir.File("unused.db"), factory, new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = postgres.ConnectionString,
        });
    }

    private static async Task KillThenRerunAsync(TempDirectory dir, string databasePath, IDbContextFactory<ValueAlignDbContext> factory, Dictionary<string, string> environment)
    {
        var file = dir.File("synthetic.jsonl");
        await BenchLibraryCommand.WriteSyntheticAsync(file, Items, CancellationToken.None);
        await new DatabaseMigrator(factory).MigrateAsync();
        var before = await CountsAsync(factory);

        string progress;
        using (var import = WorkbenchCommand.StartWatched(["import", file], databasePath, environment))
        {
            progress = await import.WaitForErrorLineAsync(l => l.StartsWith("Importing: ", StringComparison.Ordinal), TimeSpan.FromMinutes(3));
            await import.KillAsync();
            Assert.Equal(137, import.Process.ExitCode); // 128 + SIGKILL
            Assert.DoesNotContain("Imported ", import.Output, StringComparison.Ordinal);
        }
        var written = long.Parse(progress.Split(' ')[1], CultureInfo.InvariantCulture);
        Assert.InRange(written, 1, Items - 1); // rows were written in the open transaction, the file was not finished

        Assert.Equal(before, await CountsAsync(factory)); // no partial rows: not an item, not a label
        await using (var db = await factory.CreateDbContextAsync())
            Assert.Equal(0, await db.BenchmarkItems.CountAsync(i => i.Benchmark == "synthetic"));

        var rerun = await WorkbenchCommand.RunAsync(["import", file], databasePath, environment: environment, timeout: TimeSpan.FromMinutes(6));
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Contains($"{Items} record(s) read, {Items} new, 0 updated", rerun.Output, StringComparison.Ordinal);
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.Equal(Items, await db.BenchmarkItems.CountAsync(i => i.Benchmark == "synthetic"));
            Assert.Equal(Items, await db.BenchmarkItems.Where(i => i.Benchmark == "synthetic").Select(i => i.ExternalId).Distinct().CountAsync());
            var labels = await db.ItemLabels.CountAsync(l => l.Item!.Benchmark == "synthetic");
            Assert.Equal(await LabelsInFileAsync(file), labels);
        }
    }

    private static async Task<(int Items, int Labels)> CountsAsync(IDbContextFactory<ValueAlignDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        return (await db.BenchmarkItems.CountAsync(), await db.ItemLabels.CountAsync());
    }

    /// <summary>Labels the generated file carries, counted from the file itself.</summary>
    private static async Task<int> LabelsInFileAsync(string file)
    {
        var count = 0;
        await foreach (var line in File.ReadLinesAsync(file))
        {
            using var record = System.Text.Json.JsonDocument.Parse(line);
            if (record.RootElement.TryGetProperty("labels", out var labels) && labels.ValueKind == System.Text.Json.JsonValueKind.Array)
                count += labels.GetArrayLength();
        }
        return count;
    }
}
