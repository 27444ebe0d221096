namespace ValueAlign.Core.Methods.Dilemmas;

/// <summary>
/// The five ethical frameworks a dilemma's outcomes stand for, and how dilemma items carry them:
/// one label per outcome in value system <see cref="ValueSystemId"/>, dimension = framework,
/// target <c>outcome1</c>..<c>outcome5</c> (the outcome's position in the item's options).
/// </summary>
public static class MoralFrameworks
{
    public const string ValueSystemId = "moral-frameworks";

    public static IReadOnlyList<string> All { get; } = ["utilitarian", "deontological", "virtue", "care", "libertarian"];

    public static string Target(int index) => "outcome" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
