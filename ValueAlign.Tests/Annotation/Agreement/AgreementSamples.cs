using ValueAlign.Core.Annotation.Agreement;

namespace ValueAlign.Tests.Annotation.Agreement;

/// <summary>Two hand-checked questions shared by the report and CLI tests.</summary>
internal static class AgreementSamples
{
    /// <summary>Krippendorff (2011) section C reliability data: 4 observers × 12 units, values 1–5, missing data.</summary>
    public static readonly string?[][] Krippendorff =
    [
        ["1", "2", "3", "3", "2", "1", "4", "1", "2", null, null, null],
        ["1", "2", "3", "3", "2", "2", "4", "1", "2", "5", null, "3"],
        [null, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", null],
        ["1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", null],
    ];

    /// <summary>
    /// Three annotators, four items, yes/no. By hand: percent agreement (1 + 1/3 + 1 + 1/3)/4 = 2/3;
    /// Fleiss P̄ = 2/3, P̄e = 1/2, κ = 1/3; coincidences o_yy = o_nn = 4, o_yn = o_ny = 2, n = 12:
    /// α = 1 − 11·4/(2·36) = 7/18; pairwise Cohen κ: (1,2) 1/2, (1,3) 1/5, (2,3) 1/2 → mean 0.4.
    /// </summary>
    public static readonly string?[][] YesNo =
    [
        ["y", "y", "n", "y"],
        ["y", "y", "n", "n"],
        ["y", "n", "n", "n"],
    ];

    /// <summary>Mean of the six pairwise Cohen kappas of the Krippendorff data, each computed by hand as a fraction.</summary>
    public static readonly double KrippendorffMeanCohen = (49.0 / 58 + 11.0 / 23 + 17.0 / 20 + 32.0 / 59 + 67.0 / 77 + 8.0 / 13) / 6;

    public static IEnumerable<AnnotationRow> Rows(string question, string?[][] byAnnotator)
    {
        for (var a = 0; a < byAnnotator.Length; a++)
        {
            for (var item = 0; item < byAnnotator[a].Length; item++)
            {
                if (byAnnotator[a][item] is { } label)
                {
                    yield return new AnnotationRow($"item-{item + 1}", $"coder-{(char)('A' + a)}", question, label);
                }
            }
        }
    }
}
