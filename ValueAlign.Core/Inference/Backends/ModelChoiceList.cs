namespace ValueAlign.Core.Inference.Backends;

/// <summary>The models the backends offer, and the backends that could not say (with why).</summary>
public sealed record ModelChoiceList(IReadOnlyList<ModelChoice> Choices, IReadOnlyList<string> Problems);
