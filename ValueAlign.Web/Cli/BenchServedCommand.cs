using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Inference.OpenAi;
using ValueAlign.Core.Methods.Culture;
using ValueAlign.Web.Hosting;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `bench served --model PATH [--threads N] [--runs N] [--concurrency N]`: starts the workbench's
/// own <c>/v1</c> in this process on a loopback port with the model preloaded (<c>Models:Preload</c>,
/// scratch database and models folder), runs culture-MCQ in likelihood mode on the demo
/// MMA-ASIA questions in process and through the endpoint (the HTTP backend, as
/// <c>eval --endpoint</c> does), and prints how many answers are identical, both items/s and their
/// ratio, and the HTTP backend's throughput with N requests in flight.
/// </summary>
public static class BenchServedCommand
{
    private const string LoopbackServer = "loopback";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "GGUF file to serve and evaluate (e.g. stories260K.gguf; relative paths are resolved against the current directory).", Required = true };
        var threads = new Option<int?>("--threads") { Description = "CPU threads (default: the Models:Threads setting)." };
        var timedRuns = new Option<int>("--runs") { Description = "Timed runs per side after a warm-up run (best counts).", DefaultValueFactory = _ => 3 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight for the HTTP backend's throughput.", DefaultValueFactory = _ => 8 };
        var command = new Command("served", "Culture-MCQ through the workbench's own /v1 on loopback against in process: identical answers, items/s ratio, HTTP throughput.")
        {
            model, threads, timedRuns, concurrency,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(timedRuns) is not null && result.GetValue(timedRuns) is < 1 or > 20)
                result.AddError("--runs must be between 1 and 20.");
            if (result.GetResult(concurrency) is not null && result.GetValue(concurrency) is < 1 or > 256)
                result.AddError("--concurrency must be between 1 and 256.");
        });
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var console = CliConsole.Current;
            var source = Path.GetFullPath(parse.GetValue(model)!, Directory.GetCurrentDirectory());
            if (!File.Exists(source))
            {
                console.Error.WriteLine($"The model file {source} does not exist.");
                return 1;
            }
            var scratch = Directory.CreateTempSubdirectory("valuealign-bench-served-").FullName;
            try
            {
                var root = WorkbenchRoot.Find();
                var models = Directory.CreateDirectory(Path.Combine(scratch, "models")).FullName;
                var fileName = Path.GetFileName(source);
                File.Copy(source, Path.Combine(models, fileName));
                var overrides = new Dictionary<string, string?>
                {
                    ["Database:Provider"] = "Sqlite",
                    ["Database:ConnectionString"] = $"Data Source={Path.Combine(scratch, "bench.db")};Pooling=False",
                    ["Paths:Models"] = models,
                    ["Paths:Media"] = Path.Combine(scratch, "media"),
                    ["Models:Preload:0"] = fileName,
                    ["Serving:RequestsPerMinute"] = "1000000",
                    ["Serving:Burst"] = "1000000",
                };
                if (parse.GetValue(threads) is { } n)
                    overrides["Models:Threads"] = n.ToString(CultureInfo.InvariantCulture);
                var configuration = new ConfigurationBuilder().SetBasePath(root).AddJsonFile("appsettings.json", optional: false)
                    .AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
                var paths = WorkbenchPaths.From(root, configuration);

                await using var served = await LoopbackWorkbench.StartAsync(configuration, paths, ct);
                var demo = Path.Combine(paths.DataFolder, "demo", "mma-asia-demo.jsonl");
                var import = await served.Services.GetRequiredService<ImportService>().ImportAsync(demo, new ImportOptions(), cancellationToken: ct);
                if (!import.Succeeded)
                    throw new InvalidOperationException($"Importing {demo} failed: {string.Join("; ", import.Errors)}");
                var server = new ConfiguredServer { Name = LoopbackServer, BaseUrl = served.V1.ToString(), ApiKey = served.ApiKey, MaxInFlight = parse.GetValue(concurrency) };
                served.Services.GetRequiredService<OpenAiBackendOptions>().Servers.Add(server);
                var servedId = Path.GetFileNameWithoutExtension(fileName);
                console.Error.WriteLine($"Serving {fileName} at {served.V1}; culture-MCQ in process and through the endpoint…");

                var parity = await CultureParityBenchmark.RunAsync(served.Services, ModelChoice.Local(fileName), ModelChoice.Server(LoopbackServer, servedId),
                    parse.GetValue(timedRuns), ct);
                console.Error.WriteLine($"HTTP backend throughput, {server.MaxInFlight} requests in flight…");
                RemoteThroughputResult throughput;
                await using (var remote = await OpenAiLanguageModel.ConnectAsync(server.ToSettings(LoopbackServer, servedId), cancellationToken: ct))
                    throughput = await RemoteThroughputBenchmark.RunAsync(remote, server.MaxInFlight, cancellationToken: ct);

                Write(console.Out, parity, throughput);
                console.Out.WriteLine(JsonSerializer.Serialize(new BenchServedReport(parity, throughput), Json));
                return parity.Identical == parity.Compared ? 0 : 1;
            }
            catch (Exception e) when (e is ModelLoadException or InvalidOperationException or OpenAiServerException or FileNotFoundException)
            {
                console.Error.WriteLine(e.Message);
                return 1;
            }
            finally
            {
                try
                {
                    Directory.Delete(scratch, recursive: true);
                }
                catch (IOException)
                {
                    // A scratch folder left in the temp directory is harmless.
                }
            }
        });
        return command;
    }

    private static void Write(TextWriter output, CultureParityResult parity, RemoteThroughputResult throughput)
    {
        static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
        output.WriteLine($"culture-MCQ, likelihood mode, CircularEval: {parity.InProcess.Units} units (item x rotation) a run");
        output.WriteLine($"identical answers                      {parity.Identical}/{parity.Compared} units");
        output.WriteLine($"in process ({parity.InProcess.Model})  {F(parity.InProcess.ItemsPerSecond)} items/s");
        output.WriteLine($"through /v1 ({parity.Endpoint.Model})  {F(parity.Endpoint.ItemsPerSecond)} items/s");
        output.WriteLine($"endpoint / in process (goal >= 0.5)    {parity.Ratio.ToString("0.00", CultureInfo.InvariantCulture)}");
        foreach (var difference in parity.Differences.Take(10))
            output.WriteLine($"  differs: {difference}");
        BenchRemoteModel.Write(output, throughput);
    }

    private sealed record BenchServedReport(CultureParityResult Parity, RemoteThroughputResult Throughput);
}
