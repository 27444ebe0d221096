using System.CommandLine;
using System.Text.Json.Nodes;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Methods.Couple;
using ValueAlign.Core.Methods.Couple.Inspection;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `counterfactual --model PATH|ID [--endpoint URL [--api-key-env VAR]] [--judge PATH|ID [--judge-endpoint URL]] --method M (--objective FILE | --system ID --priorities LIST)
/// (--item ID | --question TEXT [--response TEXT] | --items FILE) [--out FILE]`: runs COUPLE or a
/// baseline and prints the trace and metrics as JSON, with the model's and the judge's identities
/// (or <c>selfJudged: true</c>). All input is checked before the models load;
/// bad input exits with 2, a run whose pipeline recorded errors with 1.
/// </summary>
public static class CounterfactualCommand
{
    private const int BadInput = 2;

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "GGUF file inside the models folder (Paths:Models), relative to it or absolute; with --endpoint, the server's model id.", Required = true };
        var judge = new Option<string>("--judge") { Description = JudgeOption.Description };
        var method = new Option<string>("--method") { Description = "couple, couple-no-graph, couple-no-scm, value-prompt or raw.", DefaultValueFactory = _ => "couple" };
        method.AcceptOnlyFromAmong([.. CounterfactualMethods.Keys]);
        var objective = new Option<FileInfo>("--objective") { Description = "Target value objective as JSON (as exported by the Objectives page)." };
        var system = new Option<string>("--system") { Description = "Value system id for --priorities, e.g. schwartz-10." };
        var priorities = new Option<string>("--priorities") { Description = "Target priorities 1..5, e.g. power=1,universalism=5 (dimensions left out get 3)." };
        var item = new Option<long?>("--item") { Description = "Id of an imported library item (Touché argument, MoralChoice scenario, Value FULCRA dialogue...)." };
        var question = new Option<string>("--question") { Description = "The question to answer." };
        var response = new Option<string>("--response") { Description = "The original response to align (default: the model answers the question first)." };
        var items = new Option<FileInfo>("--items") { Description = "JSONL file of {\"question\": ..., \"response\": ...} objects (response optional)." };
        var output = new Option<FileInfo>("--out") { Description = "Write the JSON here instead of standard output." };
        var command = new Command("counterfactual", "Align responses with a value objective by COUPLE (or a baseline) and print the trace and metrics as JSON.")
        {
            model, judge, method, objective, system, priorities, item, question, response, items, output,
        };
        var endpoints = new EndpointOptions();
        endpoints.AddTo(command);
        command.Validators.Add(result => endpoints.Validate(result, model, judge));
        command.Validators.Add(result =>
        {
            if ((result.GetResult(objective) is null) == (result.GetResult(system) is null))
            {
                result.AddError("Give the target as --objective FILE or as --system ID --priorities LIST (exactly one).");
            }
            if ((result.GetResult(system) is null) != (result.GetResult(priorities) is null))
            {
                result.AddError("--system and --priorities go together.");
            }
            if (new[] { result.GetResult(item), result.GetResult(question), result.GetResult(items) }.Count(r => r is not null) != 1)
            {
                result.AddError("Give exactly one of --item ID, --question TEXT and --items FILE.");
            }
            if (result.GetResult(response) is not null && result.GetResult(question) is null)
            {
                result.AddError("--response needs --question.");
            }
        });
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var console = CliConsole.Current;
            // The database holds library items and the servers added on the Models page.
            await using var services = await CliServices.CreateAsync(ct, migrate: parse.GetResult(item) is not null || endpoints.Given(parse));
            var catalog = services.GetRequiredService<ValueSystemCatalog>();

            ValueSystem valueSystem;
            ValueObjective target;
            IReadOnlyList<InspectionItem> work;
            var backends = services.GetRequiredService<ModelBackends>();
            ResolvedModel resolvedModel;
            ResolvedModel? resolvedJudge;
            try
            {
                (valueSystem, target) = ReadObjective(catalog, parse.GetValue(objective), parse.GetValue(system), parse.GetValue(priorities));
                work = await ReadItemsAsync(services, parse.GetValue(item), parse.GetValue(question), parse.GetValue(response), parse.GetValue(items), ct);
                resolvedModel = await backends.ResolveAsync(endpoints.Model(parse, services, parse.GetValue(model)) ?? ModelChoice.Parse(parse.GetValue(model)!), ct);
                var judgeChoice = endpoints.Judge(parse, services, parse.GetValue(judge))
                    ?? (parse.GetValue(judge) is { Length: > 0 } judgeText ? ModelChoice.Parse(judgeText) : null);
                resolvedJudge = judgeChoice is null ? null : await backends.ResolveAsync(judgeChoice, ct);
                CapabilityCheck.Require(parse.GetValue(method)!, CounterfactualNeeds.Needs, resolvedModel, resolvedJudge);
            }
            catch (Exception e) when (e is InvalidObjectiveException or InspectionItemsFileException or KeyNotFoundException
                or UnauthorizedAccessException or FileNotFoundException or ArgumentException or IOException or ModelChoiceException)
            {
                console.Error.WriteLine(e is InvalidObjectiveException invalid ? string.Join(Environment.NewLine, invalid.Problems) : e.Message);
                return BadInput;
            }

            ILanguageModel loaded;
            ILanguageModel? judgeModel;
            try
            {
                loaded = await backends.AcquireAsync(resolvedModel.Choice, resolvedModel.Ref, ct);
                judgeModel = resolvedJudge is null ? null : await backends.AcquireAsync(resolvedJudge.Choice, resolvedJudge.Ref, ct);
            }
            catch (Exception e) when (e is ModelLoadException or ModelChoiceException)
            {
                console.Error.WriteLine(e.Message);
                return BadInput;
            }
            var selfJudged = resolvedJudge is null || resolvedJudge.Ref.Canonical == resolvedModel.Ref.Canonical;
            console.Error.WriteLine(selfJudged
                ? $"Model {resolvedModel.Ref.Display}, {RunJudge.SelfJudgedLabel}"
                : $"Model {resolvedModel.Ref.Display}, judged by {resolvedJudge!.Ref.Display}");
            var inspector = services.GetRequiredService<CounterfactualInspector>();
            var (methodKey, models) = (parse.GetValue(method)!, new InspectionModels(loaded, judgeModel));
            var methodName = inspector.MethodName(methodKey, models);
            var inspections = await inspector.InspectItemsAsync(methodKey, models, valueSystem, target, work, new StepLog(console.Error),
                i => console.Error.WriteLine($"[{i + 1}/{work.Count}] {methodName}"), ct);
            var failed = inspections.Count(x => !x.Result.Succeeded);
            var reports = new List<JsonObject>();
            foreach (var inspection in inspections)
            {
                var report = CounterfactualReport.ToJson(inspection);
                report["model"] = JsonNode.Parse(resolvedModel.Ref.ToJson());
                report["judge"] = JsonNode.Parse((resolvedJudge ?? resolvedModel).Ref.ToJson());
                report["selfJudged"] = selfJudged;
                reports.Add(report);
            }
            var json = CounterfactualReport.Serialize(work.Count == 1 && parse.GetValue(items) is null ? reports[0] : CounterfactualReport.Summary(methodName, reports));
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, json + Environment.NewLine, ct);
                console.Error.WriteLine($"Wrote {file.FullName}.");
            }
            else
            {
                console.Out.WriteLine(json);
            }
            foreach (var (report, index) in reports.Select((r, i) => (r, i)).Where(x => !(bool)x.r["succeeded"]!))
            {
                console.Error.WriteLine($"Item {index + 1} failed: {string.Join(" | ", report["errors"]!.AsArray().Select(e => (string?)e))}");
            }
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static (ValueSystem, ValueObjective) ReadObjective(ValueSystemCatalog catalog, FileInfo? file, string? systemId, string? priorities)
    {
        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new FileNotFoundException($"Objective file '{file.FullName}' does not exist.");
            }
            var parsed = ValueObjectiveJson.Import(File.ReadAllText(file.FullName));
            var system = catalog.Get(parsed.ValueSystemId);
            parsed.EnsureValid(system);
            return (system, parsed);
        }
        var named = catalog.Get(systemId!);
        return (named, PriorityList.Parse(named, priorities!));
    }

    private static async Task<IReadOnlyList<InspectionItem>> ReadItemsAsync(
        ServiceProvider services, long? itemId, string? question, string? response, FileInfo? file, CancellationToken ct)
    {
        if (itemId is { } id)
        {
            var found = await services.GetRequiredService<BenchmarkQuery>().GetAsync(id, ct)
                ?? throw new KeyNotFoundException($"No library item with id {id}.");
            return [InspectionItem.From(found)];
        }
        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new FileNotFoundException($"Items file '{file.FullName}' does not exist.");
            }
            return InspectionItemsFile.Read(file.FullName);
        }
        if (string.IsNullOrWhiteSpace(question))
        {
            throw new ArgumentException("--question is empty.");
        }
        return [new InspectionItem(question.Trim(), string.IsNullOrWhiteSpace(response) ? null : response.Trim())];
    }

    /// <summary>Names each step on standard error as it starts, so a long run shows where it is.</summary>
    private sealed class StepLog(TextWriter error) : IProgress<CounterfactualProgress>
    {
        public void Report(CounterfactualProgress value)
        {
            if (value.Kind == CounterfactualProgressKind.StepStarted)
            {
                error.WriteLine($"  {value.Step}...");
            }
        }
    }
}
