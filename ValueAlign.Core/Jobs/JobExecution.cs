namespace ValueAlign.Core.Jobs;

/// <summary>What a handler sees of its job while running: the payload and a way to report progress.</summary>
public sealed class JobExecution(long id, string kind, string payloadJson, int attempt, Action<int, int, string?> report)
{
    public long Id => id;

    public string Kind => kind;

    public string PayloadJson => payloadJson;

    /// <summary>1 on the first start; higher when resuming.</summary>
    public int Attempt => attempt;

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> units; cheap to call per item.</summary>
    public void Report(int done, int total, string? message = null) => report(done, total, message);
}
