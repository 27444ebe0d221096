using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Data;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `bench annotate`: submit-and-next latency of simulated annotators on a fresh SQLite file, or on
/// PostgreSQL with `--provider postgres --connection ...` (a new project in that database).
/// </summary>
public static class BenchAnnotateCommand
{
    public static Command Create()
    {
        var annotators = new Option<int>("--annotators") { Description = "Simulated annotators working at once.", DefaultValueFactory = _ => 200 };
        var items = new Option<int>("--items") { Description = "Items in the project.", DefaultValueFactory = _ => 400 };
        var overlap = new Option<int>("--overlap") { Description = "Labels wanted per item.", DefaultValueFactory = _ => 3 };
        var think = new Option<int>("--think-ms")
        {
            Description = "Mean time an annotator spends on an item before submitting (0 = back-to-back, a saturation test).",
            DefaultValueFactory = _ => 1000,
        };
        var provider = new Option<string>("--provider") { Description = "sqlite (a temporary file) or postgres (needs --connection).", DefaultValueFactory = _ => "sqlite" };
        provider.AcceptOnlyFromAmong("sqlite", "postgres");
        var connection = new Option<string>("--connection") { Description = "Npgsql connection string for --provider postgres, e.g. Host=127.0.0.1;Username=va;Database=bench." };
        var command = new Command("annotate", "Drive simulated annotators through submit-and-next on SQLite or PostgreSQL; print p50/p95/p99 and check nothing was lost or duplicated.")
        {
            annotators, items, overlap, think, provider, connection,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(provider) == "postgres" && string.IsNullOrWhiteSpace(result.GetValue(connection)))
            {
                result.AddError("--provider postgres needs --connection \"Host=...;Username=...;Database=...\".");
            }
        });
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var console = CliConsole.Current;
            var folder = Path.Combine(Path.GetTempPath(), "valuealign-bench-annotate-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(folder);
            try
            {
                var postgres = parse.GetValue(provider) == "postgres";
                var factory = new ValueAlignDbContextFactory(postgres
                    ? new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = parse.GetValue(connection)! }
                    : new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(folder, "bench.db")}" }, folder);
                await new DatabaseMigrator(factory).MigrateAsync(ct);
                var r = await AnnotationLoadBenchmark.RunAsync(factory, parse.GetValue(annotators), parse.GetValue(items), parse.GetValue(overlap),
                    TimeSpan.FromMilliseconds(parse.GetValue(think)), ct);
                static string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
                console.Out.WriteLine($"{(postgres ? "PostgreSQL" : "SQLite")}, think time {parse.GetValue(think)} ms per item (mean), load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
                console.Out.WriteLine("bench     annotators  items  overlap  submits  p50_ms  p95_ms  p99_ms  goal_p95_ms  consistent");
                console.Out.WriteLine($"annotate  {r.Annotators,-10}  {r.Items,-5}  {r.Overlap,-7}  {r.Submits,-7}  {F(r.P50Ms),-6}  {F(r.P95Ms),-6}  {F(r.P99Ms),-6}  50           {(r.Consistent ? "yes" : "NO")}");
                console.Out.WriteLine(JsonSerializer.Serialize(r, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
                return r.Consistent ? 0 : 1;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        });
        return command;
    }
}
