using System.CommandLine;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Parameters;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `--params JSON` and `--param key=value` (repeatable, applied on top of --params): a run's method
/// parameters, read by the method's schema and checked with the same texts as the New run form.
/// </summary>
public sealed class MethodParameterOptions
{
    public Option<string?> Json { get; } = new("--params") { Description = "Method parameters as a JSON object, e.g. {\"mode\":\"likelihood\",\"circular\":true}." };

    public Option<string[]> Assignments { get; } = new("--param")
    {
        Description = "One method parameter as key=value (repeatable), e.g. --param maxTokens=64 --param heldOutThemes=etiquette,food. Unknown keys are errors naming the allowed ones.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Json);
        command.Options.Add(Assignments);
    }

    /// <summary>
    /// The parameter object for <paramref name="method"/> (null when neither option was given);
    /// throws <see cref="ArgumentException"/> when --params is not a JSON object or a --param has no '='.
    /// </summary>
    public string? Compose(ParseResult parse, IServiceProvider services, string method) =>
        ParameterAssignments.Compose(SchemaOf(services, method), parse.GetValue(Json), parse.GetValue(Assignments));

    private static ParameterSchema SchemaOf(IServiceProvider services, string method) =>
        services.GetRequiredService<EvaluationMethods>().Find(method)?.Parameters ?? ParameterSchema.Open(method);
}
