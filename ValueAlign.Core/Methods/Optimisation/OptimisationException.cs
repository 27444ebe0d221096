namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>An optimisation cannot go on (bad settings, an unreadable judge slot, no usable candidate); the message says why.</summary>
public sealed class OptimisationException(string message) : Exception(message);
