namespace ValueAlign.Core.Methods.Questionnaires;

/// <summary>One answered questionnaire item: the dimension it measures, whether it is reverse-keyed
/// (ValueBench's <c>agreement = -1</c>), and the raw response on the scale.</summary>
public sealed record ItemResponse(string ItemId, string Dimension, bool ReverseKeyed, double Response);
