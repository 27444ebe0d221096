namespace ValueAlign.Core.Methods.Honesty;

/// <summary>A judge's reply that holds no usable verdict. The message quotes the start of the reply.</summary>
public sealed class JudgeOutputException(string message) : FormatException(message);
