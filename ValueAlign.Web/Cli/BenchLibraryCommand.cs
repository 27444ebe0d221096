using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ValueAlign.Core.Benchmarks.Export;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `bench library`: builds a library of synthetic items in a temporary SQLite file (or, with
/// `--provider postgres --connection ...`, in a new PostgreSQL database created beside the one the
/// connection names and dropped afterwards) and times the import, keyset slices of a filtered and
/// sorted scroll, a full-text query and a full export.
/// </summary>
public static class BenchLibraryCommand
{
    private static readonly string[] Countries = ["China", "India", "Indonesia", "Japan", "Korea", "Mongolia", "Singapore", "Vietnam", "Germany", "Brazil"];
    private static readonly string[] Languages = ["en", "zh", "ja", "ko", "id", "vi", "hi", "mn"];
    private static readonly string[] Categories = ["festivals", "etiquette", "food", "religion", "history", "family", "work", "law"];
    private static readonly string[] Words =
    [
        "harvest", "festival", "lantern", "temple", "river", "market", "family", "elder", "guest", "gift", "rice", "tea",
        "village", "city", "school", "teacher", "court", "judge", "promise", "duty", "honest", "fair", "share", "respect",
        "tradition", "music", "dance", "story", "mountain", "sea", "boat", "bridge", "road", "house", "garden", "bowl",
        "hand", "door", "gate", "shrine", "prayer", "holiday", "winter", "summer", "spring", "autumn", "moon", "sun",
        "child", "mother", "father", "friend", "neighbour", "stranger", "worker", "farmer", "fisher", "merchant", "doctor",
        "nurse", "soldier", "monk", "king", "queen", "law", "rule", "custom", "belief", "value", "choice", "option", "answer",
    ];

    public static Command Create()
    {
        var count = new Option<int>("--items") { Description = "Number of synthetic items.", DefaultValueFactory = _ => 100_000 };
        var queries = new Option<int>("--queries") { Description = "Page and search queries to time.", DefaultValueFactory = _ => 200 };
        var keep = new Option<bool>("--keep") { Description = "Keep the temporary folder (database and files) and print where it is." };
        var provider = new Option<string>("--provider") { Description = "sqlite (a temporary file) or postgres (needs --connection).", DefaultValueFactory = _ => "sqlite" };
        provider.AcceptOnlyFromAmong("sqlite", "postgres");
        var connection = new Option<string>("--connection")
        {
            Description = "Npgsql connection string of a role that may create databases, for --provider postgres; the bench creates its own database and drops it.",
        };
        var command = new Command("library", "Time import, paging, full-text search and export of a synthetic library (temporary SQLite file or PostgreSQL database).")
        {
            count, queries, keep, provider, connection,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(provider) == "postgres" && string.IsNullOrWhiteSpace(result.GetValue(connection)))
            {
                result.AddError("--provider postgres needs --connection \"Host=...;Username=...\".");
            }
        });
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var postgres = parse.GetValue(provider) == "postgres" ? parse.GetValue(connection) : null;
            var figures = await RunAsync(parse.GetValue(count), parse.GetValue(queries), parse.GetValue(keep), ct, postgres);
            var console = CliConsole.Current;
            console.Out.WriteLine($"{"measure",-28} {"value",10}  goal");
            var million = figures.Items >= 1_000_000;
            console.Out.WriteLine($"{"import " + figures.Items + " items (s)",-28} {figures.ImportSeconds,10:F2}  <= {(million ? 60 : 10)}");
            console.Out.WriteLine($"{"import CPU time (s)",-28} {figures.ImportCpuSeconds,10:F2}");
            console.Out.WriteLine($"{"scroll slice p50 (ms)",-28} {figures.PageP50Ms,10:F1}");
            console.Out.WriteLine($"{"scroll slice p95 (ms)",-28} {figures.PageP95Ms,10:F1}  <= 50");
            console.Out.WriteLine($"{"full-text p95 (ms)",-28} {figures.SearchP95Ms,10:F1}  <= 100");
            console.Out.WriteLine($"{"export jsonl (s)",-28} {figures.ExportSeconds,10:F2}  <= {(million ? 30 : 5)}");
            console.Out.WriteLine($"{"export CPU time (s)",-28} {figures.ExportCpuSeconds,10:F2}");
            console.Out.WriteLine($"{"peak working set (MiB)",-28} {figures.PeakWorkingSetMb,10:F0}  <= 1024");
            console.Out.WriteLine($"(database: {figures.Provider}; machine: {figures.Cores} cores, load average {figures.LoadAverage})");
            console.Out.WriteLine(JsonSerializer.Serialize(figures));
            return 0;
        });
        return command;
    }

    /// <summary>Wall-clock figures plus the process CPU time of import and export, which a busy machine does not inflate.</summary>
    public sealed record Figures(
        int Items, double ImportSeconds, double ImportCpuSeconds, double PageP50Ms, double PageP95Ms, double SearchP50Ms,
        double SearchP95Ms, double ExportSeconds, double ExportCpuSeconds, double PeakWorkingSetMb, int Cores, string LoadAverage,
        string Provider);

    /// <summary>Runs the bench on SQLite, or on PostgreSQL when <paramref name="postgresConnection"/> is given.</summary>
    public static async Task<Figures> RunAsync(int items, int queries, bool keep, CancellationToken ct, string? postgresConnection = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "valuealign-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = postgresConnection is null ? null : await ScratchPostgresDatabase.CreateAsync(postgresConnection, ct);
        try
        {
            var options = database is null
                ? new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(folder, "bench.db")}" }
                : new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = database.ConnectionString };
            var factory = new ValueAlignDbContextFactory(options, folder);
            await new DatabaseMigrator(factory).MigrateAsync(ct);
            var source = Path.Combine(folder, "synthetic.jsonl");
            await WriteSyntheticAsync(source, items, ct);

            var imports = new ImportService(factory, ImporterRegistry.Default, new ImportPresetStore(factory));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await imports.ImportAsync(source, new ImportOptions(), cancellationToken: ct);
            var importSeconds = watch.Elapsed.TotalSeconds;
            var importCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;

            var query = new BenchmarkQuery(factory);
            var random = new Random(7);
            await query.ScrollAsync(new KeysetPageRequest(new ItemFilter()), ct); // warm-up
            var pages = new List<double>();
            for (var i = 0; i < queries; i++)
            {
                // The browser's request: the next 50 rows of a filtered, sorted scroll, from a random depth of the library.
                var depth = random.Next(items);
                var request = new KeysetPageRequest(
                    new ItemFilter { Country = Countries[random.Next(Countries.Length)], Modality = (Modality)random.Next(3) },
                    ItemSort.ExternalId, Descending: random.Next(2) == 1, After: new ItemCursor($"syn-{depth:D7}", depth + 1), Take: 50);
                watch.Restart();
                await query.ScrollAsync(request, ct);
                pages.Add(watch.Elapsed.TotalMilliseconds);
            }
            var searches = new List<double>();
            for (var i = 0; i < queries; i++)
            {
                var second = Words[random.Next(Words.Length)];
                var words = $"{Words[random.Next(Words.Length)]} {second[..Math.Min(4, second.Length)]}";
                watch.Restart();
                await query.ScrollAsync(new KeysetPageRequest(new ItemFilter { Search = words }, Take: 50), ct);
                searches.Add(watch.Elapsed.TotalMilliseconds);
            }

            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            watch.Restart();
            await new ItemExporter(factory).ExportAsync(new ItemFilter(), ExportFormat.Jsonl, Path.Combine(folder, "export.jsonl"), cancellationToken: ct);
            var exportSeconds = watch.Elapsed.TotalSeconds;
            var exportCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            return new Figures(
                items, importSeconds, importCpuSeconds, Percentile(pages, 0.5), Percentile(pages, 0.95),
                Percentile(searches, 0.5), Percentile(searches, 0.95), exportSeconds, exportCpuSeconds,
                Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0), Environment.ProcessorCount,
                File.ReadAllText("/proc/loadavg").Split(' ')[0], database is null ? "SQLite" : "PostgreSQL");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (database is not null && !keep)
            {
                await database.DisposeAsync();
            }
            if (keep)
            {
                CliConsole.Current.Out.WriteLine($"Kept {folder}{(database is null ? "" : $" and the PostgreSQL database {database.Name}")}");
            }
            else
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    /// <summary>Items in the library's own JSONL format, with three labels each, deterministic.</summary>
    public static async Task WriteSyntheticAsync(string path, int count, CancellationToken ct)
    {
        var random = new Random(42);
        var kinds = Enum.GetValues<ItemKind>();
        await using var writer = new StreamWriter(path);
        var dimensions = FulcraImporter.SchwartzTen.ToArray();
        for (var i = 0; i < count; i++)
        {
            var text = string.Join(' ', Enumerable.Range(0, 12 + random.Next(20)).Select(_ => Words[random.Next(Words.Length)]));
            var modality = (Modality)random.Next(3);
            var record = new LibraryRecord
            {
                Benchmark = "synthetic",
                ExternalId = $"syn-{i:D7}",
                Kind = kinds[random.Next(kinds.Length)].ToString(),
                Text = text,
                Options = ["A option", "B option", "C option", "D option"],
                Answer = "B",
                Language = Languages[random.Next(Languages.Length)],
                Country = Countries[random.Next(Countries.Length)],
                Modality = modality.ToString(),
                Media = modality == Modality.Text ? [] : [$"synthetic/{i}.{(modality == Modality.Image ? "png" : "mp3")}"],
                Category = Categories[random.Next(Categories.Length)],
                AlignmentGroup = $"group-{i / 4}",
                VerificationStatus = nameof(VerificationStatus.Unverified),
                Labels = [.. Enumerable.Range(0, 3).Select(_ => new LibraryLabel { ValueSystem = "schwartz-10", Dimension = dimensions[random.Next(dimensions.Length)], Value = random.Next(3) - 1 })
                    .DistinctBy(l => l.Dimension)],
                SourceFormat = "synthetic",
                SourceRecord = $"{{\"n\":{i}}}",
            };
            await writer.WriteLineAsync(JsonSerializer.Serialize(record, JsonOutput.Compact).AsMemory(), ct);
        }
    }
}
