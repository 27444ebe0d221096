using System.CommandLine;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Artefacts;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `--system-prompt TEXT|@FILE` and `--system-prompt-run RUNID`: the system prompt of an
/// evaluation run (put before every prompt of the evaluated model, part of the configuration hash),
/// typed, read from a UTF-8 file, or taken from an optimisation run's instruction or reflection
/// artefact — the same text the New run form fills in from "Use as system prompt".
/// </summary>
public sealed class SystemPromptOptions
{
    public Option<string?> Text { get; } = new("--system-prompt")
    {
        Description = "System prompt put before every prompt of the evaluated model (not the judge's); @FILE reads it from a UTF-8 file. Part of the configuration hash.",
    };

    public Option<long?> FromRun { get; } = new("--system-prompt-run")
    {
        Description = "Use the optimised instruction or reflection of this optimisation run (its text artefact) as the system prompt.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Text);
        command.Options.Add(FromRun);
        command.Validators.Add(result =>
        {
            if (result.GetResult(Text) is not null && result.GetResult(FromRun) is not null)
                result.AddError("Give either --system-prompt or --system-prompt-run, not both.");
        });
    }

    /// <summary>Whether either option was given.</summary>
    public bool Given(System.CommandLine.Parsing.CommandResult result) => result.GetResult(Text) is not null || result.GetResult(FromRun) is not null;

    /// <summary>The system prompt the options name, or null for none; a missing file or artefact is an <see cref="EvalRunException"/>.</summary>
    public async Task<string?> ResolveAsync(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (parse.GetValue(FromRun) is { } runId)
            return await SystemPromptFromRun.ReadAsync(services.GetRequiredService<RunArtefactStore>(), services.GetRequiredService<EvalRunService>(), runId, cancellationToken);
        if (parse.GetValue(Text) is not { } text)
            return null;
        if (!text.StartsWith('@'))
            return text;
        var path = Path.GetFullPath(text[1..], Directory.GetCurrentDirectory());
        if (!File.Exists(path))
            throw new EvalRunException($"The system prompt file {path} does not exist.");
        return await File.ReadAllTextAsync(path, System.Text.Encoding.UTF8, cancellationToken);
    }
}
