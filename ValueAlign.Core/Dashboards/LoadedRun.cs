using ValueAlign.Core.Evaluation.Reports;

namespace ValueAlign.Core.Dashboards;

/// <summary>A run with its parsed report; <see cref="Problem"/> says why <see cref="Report"/> is missing.</summary>
public sealed record LoadedRun(RunHeader Header, RunReport? Report, string? Problem);
