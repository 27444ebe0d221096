namespace ValueAlign.Core.Evaluation;

/// <summary>A run that cannot be created or run as asked (unknown method, no items, bad parameters); the message says why.</summary>
public sealed class EvalRunException(string message, Exception? inner = null) : Exception(message, inner);
