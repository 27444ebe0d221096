namespace ValueAlign.Core.Evaluation.Parameters;

/// <summary>One problem with a run's parameters: the parameter it concerns (null for the object as a whole) and the message shown to the user.</summary>
public sealed record ParameterError(string? Parameter, string Message);
