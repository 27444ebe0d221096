using ValueAlign.Core.Methods.Optimisation;

namespace ValueAlign.Core.Methods.Picaco;

/// <summary>A named set of target values PICACO aligns to at once (for example Confucianism-4), with why its members were chosen.</summary>
public sealed record ValueSet(string Id, string Name, string Rationale, IReadOnlyList<TargetValue> Values);
