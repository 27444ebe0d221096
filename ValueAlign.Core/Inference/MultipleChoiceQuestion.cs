namespace ValueAlign.Core.Inference;

/// <summary>A prompt shared by all options; each option is scored as the prompt's continuation.</summary>
public sealed record MultipleChoiceQuestion(string Prompt, IReadOnlyList<string> Options);
