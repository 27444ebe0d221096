namespace ValueAlign.Core.Accounts;

/// <summary>Outcome of an account operation: success, or the reasons it was refused.</summary>
public sealed record AccountResult(bool Succeeded, IReadOnlyList<string> Errors)
{
    public static AccountResult Ok { get; } = new(true, []);

    public static AccountResult Fail(params string[] errors) => new(false, errors);

    public override string ToString() => Succeeded ? "ok" : string.Join(" ", Errors);
}
