namespace ValueAlign.Core.Values.Objectives.Store;

/// <summary>A saved objective as listed: metadata and the number of its newest version.</summary>
public sealed record ObjectiveSummary(
    long Id,
    string Name,
    string Description,
    string ValueSystemId,
    string CreatedBy,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int CurrentVersion);
