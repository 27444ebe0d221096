namespace ValueAlign.Core.Inference.Backends;

/// <summary>A model choice that cannot be used (unknown file or server, changed weights, missing capability); the message is for the user.</summary>
public sealed class ModelChoiceException(string message, Exception? inner = null) : Exception(message, inner);
