namespace ValueAlign.Core.Dashboards;

/// <summary>A dashboard request that cannot be carried out; the message says why and is shown to the user.</summary>
public sealed class DashboardException(string message) : Exception(message);
