using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.Irote;
using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Core.Methods.Picaco;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `optimise --method picaco|irote --model M [--judge J [--judge-endpoint URL]] (--value-set ID | --values SYSTEM:dim,dim | --trait SYSTEM:dim)
/// [--prompts N] [--rounds T] [--seed S] [--items FILE | --benchmark B | --kind K] [--params JSON] [--param KEY=VALUE ...] [--out FILE]`
/// or `optimise --resume RUNID`: an optimisation run of the engine executed in this process. Each
/// finished round is printed on standard output, the phase inside the round on standard error;
/// --out writes the rounds, pools, candidates and the result as JSON. Without --items or a filter
/// the task prompts are the team's value-laden prompts (imported into the library if missing).
/// Ctrl+C cancels; `optimise --resume RUNID` continues from the last finished round.
/// </summary>
public static class OptimiseCommand
{
    public static Command Create()
    {
        var method = new Option<string?>("--method") { Description = "picaco (meta-instruction for several values) or irote (self-reflection for one trait)." };
        var model = new Option<string?>("--model") { Description = "GGUF file inside the models folder, or MODEL @ ENDPOINT for a configured OpenAI-compatible server." };
        var judge = new Option<string?>("--judge") { Description = "The judging model (GGUF or MODEL @ ENDPOINT); without it the model judges itself." };
        var judgeEndpoint = new Option<string?>("--judge-endpoint") { Description = "Judge with the model --judge names on this server (name or base URL)." };
        var resume = new Option<long?>("--resume") { Description = "Continue the optimisation run with this id from its last finished round." };
        var valueSet = new Option<string?>("--value-set") { Description = "PICACO: a named value set of data/value-sets/picaco.json, e.g. confucianism-4." };
        var values = new Option<string?>("--values") { Description = "PICACO: target values as SYSTEM:dim,dim, e.g. schwartz-10:benevolence,universalism." };
        var trait = new Option<string?>("--trait") { Description = "IROTE: the target trait as SYSTEM:dim, e.g. big-five:agreeableness." };
        var scorer = new Option<string?>("--scorer") { Description = "IROTE: judge (default) or questionnaire (for questionnaire items of the trait)." };
        var prompts = new Option<int?>("--prompts") { Description = "Number of task prompts N drawn (with the seed) from the selected items." };
        var rounds = new Option<int?>("--rounds") { Description = "Rounds T." };
        var seed = new Option<int>("--seed") { Description = "Seed for every sample (part of the configuration hash).", DefaultValueFactory = _ => 0 };
        var items = new Option<FileInfo?>("--items") { Description = "Task prompts from a JSONL file ({\"id\", \"text\", \"topic\"} a line), imported into the library as benchmark prompts-NAME." };
        var benchmark = new Option<string?>("--benchmark") { Description = "Task prompts: the items of this benchmark." };
        var kind = new Option<ItemKind?>("--kind") { Description = "Task prompts: only items of this kind, e.g. QuestionnaireItem." };
        var category = new Option<string?>("--category") { Description = "Task prompts: only items of this category (e.g. PVQ40)." };
        var name = new Option<string?>("--name") { Description = "Name shown in the runs list." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the rounds, pools, candidates and the result to this JSON file." };
        var command = new Command("optimise", "Optimise a meta-instruction (PICACO) or a self-reflection (IROTE) headless; same engine as /optimise.")
        {
            method, model, judge, judgeEndpoint, resume, valueSet, values, trait, scorer, prompts, rounds, seed, items, benchmark, kind, category, name, output,
        };
        var parameters = new MethodParameterOptions();
        parameters.AddTo(command);
        command.Validators.Add(result =>
        {
            var resuming = result.GetResult(resume) is not null;
            var m = result.GetValue(method);
            if (resuming && (m is not null || result.GetResult(model) is not null))
                result.AddError("Give either --resume RUNID or --method and --model, not both.");
            else if (!resuming && (m is null || result.GetResult(model) is null))
                result.AddError("Give --method picaco|irote and --model PATH (or --resume RUNID).");
            else if (!resuming && m is not (PicacoMethod.MethodId or IroteMethod.MethodId))
                result.AddError($"--method must be picaco or irote, not '{m}'.");
            if (result.GetResult(judgeEndpoint) is not null && result.GetResult(judge) is null)
                result.AddError("--judge-endpoint needs --judge MODEL-ID (the judge's model on that server).");
            if (result.GetResult(items) is not null && (result.GetResult(benchmark) is not null || result.GetResult(kind) is not null || result.GetResult(category) is not null))
                result.AddError("Give --items FILE or item filters, not both.");
        });
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var console = CliConsole.Current;
            await using var services = await CliServices.CreateAsync(ct);
            var runs = services.GetRequiredService<EvalRunService>();
            EvalRun run;
            try
            {
                if (parse.GetValue(resume) is { } runId)
                {
                    run = await runs.GetAsync(runId, ct) ?? throw new EvalRunException($"There is no run {runId}.");
                    if (run.Method is not (PicacoMethod.MethodId or IroteMethod.MethodId) || run.JobId is null)
                        throw new EvalRunException($"Run {runId} is not an optimisation run with a job.");
                }
                else
                {
                    TaskPromptSource source = parse.GetValue(items) is { } itemsFile ? new TaskPromptSource.File(itemsFile.FullName)
                        : parse.GetValue(benchmark) is null && parse.GetValue(kind) is null && parse.GetValue(category) is null ? new TaskPromptSource.Shipped()
                        : new TaskPromptSource.Items(new ItemFilter { Benchmark = parse.GetValue(benchmark), Kind = parse.GetValue(kind), Category = parse.GetValue(category) });
                    var json = Parameters(parameters.Compose(parse, services, parse.GetValue(method)!), parse.GetValue(method)!, parse.GetValue(valueSet), parse.GetValue(values),
                        parse.GetValue(trait), parse.GetValue(scorer), parse.GetValue(prompts), parse.GetValue(rounds));
                    var request = new EvalRunRequest(ModelArgument(services, parse.GetValue(model)!), parse.GetValue(method)!, new ItemFilter(), json, parse.GetValue(seed), parse.GetValue(name))
                    {
                        Judge = parse.GetValue(judge) is { } j
                            ? parse.GetValue(judgeEndpoint) is { } endpoint ? ModelChoice.Server(endpoint, j) : ModelChoice.Parse(ModelArgument(services, j))
                            : null,
                    };
                    run = await services.GetRequiredService<OptimisationStarter>().StartAsync(request, source, $"cli:{Environment.UserName}", ct);
                    console.Error.WriteLine($"Run {run.Id} ({run.Name}): {run.UnitCount} round(s), parameters {run.ParametersJson}");
                }
            }
            catch (Exception e) when (e is EvalRunException or ArgumentException or Core.Benchmarks.Import.ImportException or FileNotFoundException)
            {
                console.Error.WriteLine(e.Message);
                return 1;
            }

            var state = await ExecuteAsync(services, run, console, ct);
            var view = await services.GetRequiredService<OptimisationRunReader>().ReadAsync(run.Id, CancellationToken.None);
            if (parse.GetValue(output) is { } file && view is not null)
            {
                await File.WriteAllTextAsync(file.FullName, view.ToJson(), CancellationToken.None);
                console.Error.WriteLine($"Wrote {file.FullName}");
            }
            switch (state)
            {
                case JobState.Completed:
                    console.Out.WriteLine($"Run {run.Id} complete ({view?.StopReason}).");
                    console.Out.WriteLine((view?.Picaco is not null ? "Instruction: " : "Reflection: ") + view?.Result);
                    return 0;
                case JobState.Cancelled:
                    console.Error.WriteLine($"Run {run.Id} cancelled after {view?.RoundsDone} finished round(s). Continue with: optimise --resume {run.Id}");
                    return 130;
                case null:
                    console.Error.WriteLine($"Run {run.Id} is already complete or is being run by another process.");
                    return view?.StopReason is not null ? 0 : 1;
                default:
                    var job = await services.GetRequiredService<JobQueue>().GetAsync(run.JobId!.Value, CancellationToken.None);
                    console.Error.WriteLine($"Run {run.Id} failed: {job?.Error}. Continue with: optimise --resume {run.Id}");
                    return 1;
            }
        });
        return command;
    }

    private static string Parameters(string? extra, string method, string? valueSet, string? values, string? trait, string? scorer, int? prompts, int? rounds)
    {
        var json = extra is null ? new JsonObject() : JsonNode.Parse(extra) as JsonObject ?? throw new ArgumentException("--params must be a JSON object.");
        void Set(string key, JsonNode? value)
        {
            if (value is not null) json[key] = value;
        }
        if (method == PicacoMethod.MethodId)
        {
            if (trait is not null || scorer is not null) throw new ArgumentException("--trait and --scorer are IROTE settings; PICACO takes --value-set or --values.");
            Set("valueSet", valueSet);
            Set("values", values);
        }
        else
        {
            if (valueSet is not null || values is not null) throw new ArgumentException("--value-set and --values are PICACO settings; IROTE takes --trait.");
            Set("trait", trait);
            Set("scorer", scorer);
        }
        Set("prompts", prompts);
        Set("rounds", rounds);
        return json.ToJsonString();
    }

    private static string ModelArgument(IServiceProvider services, string path)
    {
        if (path.Contains(ModelChoice.ServerSeparator, StringComparison.Ordinal)) return path;
        var fromHere = Path.GetFullPath(path, Directory.GetCurrentDirectory());
        return !Path.IsPathRooted(path) && File.Exists(fromHere) && !File.Exists(Path.Combine(services.GetRequiredService<Core.Inference.Registry.ModelRegistry>().ModelsRoot, path))
            ? fromHere
            : path;
    }

    /// <summary>Runs the job here; prints each round as it is stored and the phase inside the round. Ctrl+C cancels the job.</summary>
    private static async Task<JobState?> ExecuteAsync(IServiceProvider services, EvalRun run, CliConsole console, CancellationToken ct)
    {
        var queue = services.GetRequiredService<JobQueue>();
        var board = services.GetRequiredService<OptimisationProgressBoard>();
        var reader = services.GetRequiredService<OptimisationRunReader>();
        var redraw = ReferenceEquals(console.Error, Console.Error) && !Console.IsErrorRedirected;
        var lastPhase = "";
        void OnProgress(long id, OptimisationProgress p)
        {
            if (id != run.Id) return;
            var phase = string.Create(CultureInfo.InvariantCulture, $"round {p.Round}/{p.Rounds} · {p.Phase} {p.Done}/{p.Total}");
            if (redraw) console.Error.Write("\r" + phase.PadRight(60));
            else if (p.Phase != lastPhase) console.Error.WriteLine(phase);
            lastPhase = p.Phase;
        }
        board.Changed += OnProgress;
        await using var cancel = ct.Register(() => _ = queue.CancelAsync(run.JobId!.Value, CancellationToken.None));
        var printed = (await reader.ReadAsync(run.Id, CancellationToken.None))?.RoundsDone ?? 0;
        try
        {
            var job = services.GetRequiredService<JobRunner>().RunAsync(run.JobId!.Value, CancellationToken.None);
            while (true)
            {
                var finished = await Task.WhenAny(job, Task.Delay(500, CancellationToken.None)) == job;
                printed = await PrintRoundsAsync(reader, run.Id, printed, console, redraw);
                if (finished) return await job;
            }
        }
        finally
        {
            board.Changed -= OnProgress;
        }
    }

    private static async Task<int> PrintRoundsAsync(OptimisationRunReader reader, long runId, int printed, CliConsole console, bool redraw)
    {
        var view = await reader.ReadAsync(runId, CancellationToken.None);
        if (view is null || view.RoundsDone <= printed) return printed;
        if (redraw) console.Error.Write("\r".PadRight(61) + "\r");
        for (var i = printed; i < view.RoundsDone; i++) console.Out.WriteLine(RoundLine(view, i));
        console.Out.Flush();
        return view.RoundsDone;
    }

    private static string RoundLine(OptimisationView view, int index)
    {
        if (view.Picaco is { } p)
        {
            var r = p.Rounds[index];
            var o = r.WinnerObjective;
            return string.Create(CultureInfo.InvariantCulture,
                $"round {r.Round}/{p.Settings.Rounds}  J(e) {o.Objective:0.###}  alignment {r.Sampled.MeanAlignment:0.###}  parroting {r.Sampled.MeanParroting:0.###}  {r.Elapsed.TotalSeconds:0.0} s{(r.Converged ? "  (unchanged: stop)" : "")}  instruction: {r.Winner}");
        }
        var d = view.Irote!;
        var round = d.Rounds[index];
        return string.Create(CultureInfo.InvariantCulture,
            $"round {round.Round}/{d.Settings.Rounds}  best R(e) {round.Best.Evocativeness:0.###}  mean kept {round.MeanKeptEvocativeness:0.###}  {round.Elapsed.TotalSeconds:0.0} s  reflection: {round.Best.Text}");
    }
}
