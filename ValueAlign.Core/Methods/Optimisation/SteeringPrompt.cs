namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>
/// The completion prompt a steered model answers: the instruction (a PICACO meta-instruction or an
/// IROTE self-reflection) as a prefix, then the task prompt. Plain text, no chat template, so the
/// prompt a response was sampled under is exactly the prompt its log-likelihood is scored under.
/// </summary>
public static class SteeringPrompt
{
    public const string RequestLabel = "Request: ";
    public const string ResponseLabel = "Response:";

    /// <summary>Where a sampled response ends: the model starting a new request.</summary>
    public static IReadOnlyList<string> StopStrings { get; } = ["\nRequest:", "\n\n\n"];

    public static string Compose(string? instruction, string request)
    {
        var body = RequestLabel + request.Trim() + "\n" + ResponseLabel + "\n";
        return string.IsNullOrWhiteSpace(instruction) ? body : instruction.Trim() + "\n\n" + body;
    }
}
