namespace ValueAlign.Core.Values;

/// <summary>A questionnaire or annotation scheme that measures a value system (PVQ-40, MFQ-2, ...).</summary>
public sealed record MeasuringInstrument(string Name, string Citation, string Description);
