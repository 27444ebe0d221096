namespace ValueAlign.Core.Inference;

/// <summary>
/// A prompt shared by all options; each option is scored as the prompt's continuation. Images, when
/// given, come before the prompt text; only a backend with <see cref="ModelCapabilities.Images"/> accepts them.
/// </summary>
public sealed record MultipleChoiceQuestion(string Prompt, IReadOnlyList<string> Options)
{
    public IReadOnlyList<ImageInput> Images { get; init; } = [];
}
