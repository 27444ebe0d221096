namespace ValueAlign.Core.Annotation.Adjudication;

/// <summary>What an automatic verification pass stored: labels by method, and items now fully verified.</summary>
public sealed record AutoVerifyResult(int Unanimous, int Majority, int ItemsVerified);
