using System.CommandLine;
using System.Globalization;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Core.Jobs;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `eval --model PATH --method ID [--judge PATH] [filters] [--params JSON] [--param KEY=VALUE ...] [--seed N] [--name N]
/// [--system-prompt TEXT|@FILE | --system-prompt-run RUNID] [--strict] [--out FILE]`
/// or `eval --resume RUNID`: creates (or continues) a run and executes its job in this process,
/// with a progress bar on stderr; results go to the database and, with --out, to a JSON file.
/// Ctrl+C cancels the run (stored results stay; `eval --resume` continues it).
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "GGUF file inside the models folder (relative to it, or a path that lies inside it); with --endpoint, the server's model id." };
        var method = new Option<string?>("--method") { Description = "Evaluation method id, e.g. culture-mcq or honesty." };
        var judge = new Option<string?>("--judge") { Description = JudgeOption.Description };
        var resume = new Option<long?>("--resume") { Description = "Continue the run with this id (after a cancel, a failure or a killed process)." };
        var benchmark = new Option<string?>("--benchmark") { Description = "Only items of this benchmark." };
        var kind = new Option<ItemKind?>("--kind") { Description = "Only items of this kind, e.g. CultureMultipleChoice." };
        var category = new Option<string?>("--category") { Description = "Only items of this category." };
        var country = new Option<string?>("--country") { Description = "Only items of this country." };
        var language = new Option<string?>("--language") { Description = "Only items in this language (BCP-47 tag)." };
        var modality = new Option<Modality?>("--modality") { Description = "Only items of this modality: Text, Image or Audio." };
        var group = new Option<string?>("--alignment-group") { Description = "Only the items of this alignment group." };
        var search = new Option<string?>("--search") { Description = "Only items whose text contains all these words." };
        var seed = new Option<int>("--seed") { Description = "Seed for sampling and any random choice (part of the configuration hash).", DefaultValueFactory = _ => 0 };
        var name = new Option<string?>("--name") { Description = "Name shown in the runs list." };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the report and every item result to this JSON file." };
        var strict = new Option<bool>("--strict") { Description = "Refuse the run when the selection holds items the method cannot use (by default they are skipped and counted)." };
        var command = new Command("eval", "Run an evaluation headless (same engine as the Runs page).")
        {
            model, method, judge, resume, benchmark, kind, category, country, language, modality, group, search, seed, name, output, strict,
        };
        var endpoints = new EndpointOptions();
        endpoints.AddTo(command);
        var parameters = new MethodParameterOptions();
        parameters.AddTo(command);
        var systemPrompt = new SystemPromptOptions();
        systemPrompt.AddTo(command);
        command.Validators.Add(result => endpoints.Validate(result, model, judge));
        command.Validators.Add(result =>
        {
            var resuming = result.GetResult(resume) is not null;
            var creating = result.GetResult(model) is not null || result.GetResult(method) is not null;
            if (resuming && creating)
                result.AddError("Give either --resume RUNID or --model and --method, not both.");
            else if (resuming && result.GetResult(judge) is not null)
                result.AddError("A resumed run keeps the judge it was created with; leave out --judge.");
            else if (resuming && systemPrompt.Given(result))
                result.AddError("A resumed run keeps the system prompt it was created with; leave out --system-prompt and --system-prompt-run.");
            else if (!resuming && (result.GetResult(model) is null || result.GetResult(method) is null))
                result.AddError("Give --model PATH and --method ID (or --resume RUNID).");
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
                    if (run.JobId is null)
                        throw new EvalRunException($"Run {runId} has no job to resume.");
                }
                else
                {
                    var filter = new ItemFilter
                    {
                        Benchmark = parse.GetValue(benchmark),
                        Kind = parse.GetValue(kind),
                        Category = parse.GetValue(category),
                        Country = parse.GetValue(country),
                        Language = parse.GetValue(language),
                        Modality = parse.GetValue(modality),
                        AlignmentGroup = parse.GetValue(group),
                        Search = parse.GetValue(search),
                    };
                    var serverModel = endpoints.Model(parse, services, parse.GetValue(model));
                    var request = new EvalRunRequest(serverModel?.ToString() ?? ModelArgument(services, parse.GetValue(model)!), parse.GetValue(method)!, filter,
                        parameters.Compose(parse, services, parse.GetValue(method)!), parse.GetValue(seed), parse.GetValue(name))
                    {
                        Judge = endpoints.Judge(parse, services, parse.GetValue(judge))
                            ?? (parse.GetValue(judge) is { Length: > 0 } judgeText ? ModelChoice.Parse(ModelArgument(services, judgeText)) : null),
                        SystemPrompt = await systemPrompt.ResolveAsync(parse, services, ct),
                        Strict = parse.GetValue(strict),
                    };
                    run = await runs.CreateAsync(request, $"cli:{Environment.UserName}", ct);
                    var judging = RunJudge.Of(run).Label is { } label ? ", " + label : "";
                    console.Error.WriteLine($"Run {run.Id} ({run.Name}): {run.UnitCount} unit(s), config {run.ConfigHash[..12]}{(run.TextOnly ? ", text only" : "")}{judging}");
                    var selection = await runs.SelectionAsync(filter, services.GetRequiredService<EvaluationMethods>().Get(run.Method), ct);
                    if (selection.SkippedText is { } skipped)
                        console.Error.WriteLine($"{char.ToUpperInvariant(skipped[0])}{skipped[1..]} ({run.Method} cannot use them; --strict refuses the run instead).");
                    if (run.SystemPrompt is { } prompt)
                        console.Error.WriteLine($"System prompt ({prompt.Length} characters): {(prompt.Length > 120 ? prompt[..120] + "…" : prompt)}");
                }
            }
            catch (Exception e) when (e is EvalRunException or ArgumentException)
            {
                console.Error.WriteLine(e.Message);
                return 1;
            }

            var state = await ExecuteAsync(services, run, console, ct);
            var finished = (await runs.GetAsync(run.Id, CancellationToken.None))!;
            switch (state)
            {
                case JobState.Completed:
                    WriteHeadline(console.Out, finished);
                    break;
                case JobState.Cancelled:
                    console.Error.WriteLine($"Run {run.Id} cancelled; its stored results are kept. Continue with: eval --resume {run.Id}");
                    break;
                case JobState.WaitingForModel:
                    var waiting = await services.GetRequiredService<JobQueue>().GetAsync(run.JobId!.Value, CancellationToken.None);
                    console.Error.WriteLine($"Run {run.Id}: {waiting?.Message} Continue with: eval --resume {run.Id}");
                    break;
                case null:
                    console.Error.WriteLine($"Run {run.Id} is already complete or is being run by another process (the web app's runner).");
                    break;
                default:
                    var job = await services.GetRequiredService<JobQueue>().GetAsync(run.JobId!.Value, CancellationToken.None);
                    console.Error.WriteLine($"Run {run.Id} failed: {job?.Error}. Continue with: eval --resume {run.Id}");
                    break;
            }
            if (parse.GetValue(output) is { } file)
            {
                await using (var stream = File.Create(file.FullName))
                    await services.GetRequiredService<EvalRunExport>().WriteJsonAsync(run.Id, stream, CancellationToken.None);
                console.Error.WriteLine($"Wrote {file.FullName}");
            }
            if (state is null && finished.FinishedAt is not null)
                return 0;
            return state == JobState.Completed ? 0 : state == JobState.Cancelled ? 130 : 1;
        });
        return command;
    }

    /// <summary>
    /// A path the user typed relative to the current directory is accepted when that file lies in
    /// the models folder; the registry still refuses anything outside it.
    /// </summary>
    internal static string ModelArgument(IServiceProvider services, string path)
    {
        var fromHere = Path.GetFullPath(path, Directory.GetCurrentDirectory());
        return !Path.IsPathRooted(path) && File.Exists(fromHere) && !File.Exists(Path.Combine(services.GetRequiredService<ModelRegistry>().ModelsRoot, path))
            ? fromHere
            : path;
    }

    /// <summary>Runs the run's job here; Ctrl+C cancels the job (state Cancelled), not the process mid-write.</summary>
    internal static async Task<JobState?> ExecuteAsync(IServiceProvider services, EvalRun run, CliConsole console, CancellationToken ct)
    {
        var queue = services.GetRequiredService<JobQueue>();
        var runner = services.GetRequiredService<JobRunner>();
        var jobId = run.JobId!.Value;
        var bar = new ConsoleProgressBar(console.Error, redraw: ReferenceEquals(console.Error, Console.Error) && !Console.IsErrorRedirected);
        void OnChanged(JobSnapshot snapshot)
        {
            if (snapshot.Id == jobId)
                bar.Show(snapshot);
        }
        queue.Changed += OnChanged;
        await using var cancel = ct.Register(() => _ = queue.CancelAsync(jobId, CancellationToken.None));
        try
        {
            return await runner.RunAsync(jobId, CancellationToken.None);
        }
        finally
        {
            queue.Changed -= OnChanged;
            bar.Finish();
        }
    }

    private static void WriteHeadline(TextWriter output, EvalRun run)
    {
        output.WriteLine($"Run {run.Id} complete: {run.Name}");
        if (run.ReportJson is null)
            return;
        var report = RunReportJson.Deserialize(run.ReportJson);
        if (ItemSelection.Describe(report.Skipped) is { } skipped)
            output.WriteLine($"  {skipped}");
        foreach (var metric in report.Metrics)
        {
            var value = metric.NotMeasured is { } reason ? $"not measured: {reason}" : metric.Value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "n/a";
            var interval = metric.Lower is { } lo && metric.Upper is { } hi
                ? string.Create(CultureInfo.InvariantCulture, $"  [{lo:0.###}, {hi:0.###}]")
                : "";
            var n = metric.N is { } count ? $"  (n={count})" : "";
            output.WriteLine($"  {metric.Label}: {value}{interval}{n}");
        }
    }
}
