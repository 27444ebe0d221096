using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ValueAlign.Core.Annotation.Agreement;

namespace ValueAlign.Web.Cli;

/// <summary>
/// Prints an <see cref="AgreementReport"/> as an aligned text block per question or as JSON (undefined
/// values as null). The JSON goes to a terminal or a file, never into HTML, so non-ASCII text is left unescaped.
/// </summary>
public static class AgreementReportWriter
{
    public static void WriteTable(TextWriter output, string source, AgreementReport report)
    {
        output.WriteLine($"Agreement for {source}");
        foreach (var q in report.Questions)
        {
            output.WriteLine();
            output.WriteLine($"question: {q.Question}");
            Line(output, "items", q.Items.ToString(CultureInfo.InvariantCulture));
            Line(output, "annotators", q.Annotators.ToString(CultureInfo.InvariantCulture));
            Line(output, "labels", $"{q.Labels} ({(q.Data.Labels.IsNumeric ? "numeric" : "nominal")}: {string.Join(", ", q.Data.Categories.Take(12))}{(q.Data.Categories.Count > 12 ? ", ..." : "")})");
            Line(output, "percent agreement", $"{Number(q.PercentAgreement.Value)} ({q.PercentAgreement.ItemsUsed} items with ≥2 labels)");
            Line(output, "Fleiss' kappa", q.Fleiss is null ? q.FleissNotApplicable! : Number(q.Fleiss.Kappa));
            Line(output, "Krippendorff alpha", $"nominal {Number(q.AlphaNominal.Alpha)}"
                + (q.AlphaOrdinal is null ? "" : $", ordinal {Number(q.AlphaOrdinal.Alpha)}")
                + (q.AlphaInterval is null ? "" : $", interval {Number(q.AlphaInterval.Alpha)}"));
            Line(output, "mean Cohen's kappa", $"{Number(q.PairwiseCohen.MeanKappa)} ({q.PairwiseCohen.PairsUsed} annotator pairs)");
        }
    }

    public static void WriteJson(TextWriter output, string source, AgreementReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("input", source);
            json.WriteStartArray("questions");
            foreach (var q in report.Questions)
            {
                json.WriteStartObject();
                json.WriteString("question", q.Question);
                json.WriteNumber("items", q.Items);
                json.WriteNumber("annotators", q.Annotators);
                json.WriteNumber("labels", q.Labels);
                json.WriteBoolean("numericLabels", q.Data.Labels.IsNumeric);
                Number(json, "percentAgreement", q.PercentAgreement.Value);
                Number(json, "fleissKappa", q.Fleiss?.Kappa);
                if (q.Fleiss is null)
                {
                    json.WriteString("fleissNotApplicable", q.FleissNotApplicable);
                }
                json.WriteStartObject("krippendorffAlpha");
                Number(json, "nominal", q.AlphaNominal.Alpha);
                Number(json, "ordinal", q.AlphaOrdinal?.Alpha);
                Number(json, "interval", q.AlphaInterval?.Alpha);
                json.WriteEndObject();
                Number(json, "meanPairwiseCohenKappa", q.PairwiseCohen.MeanKappa);
                json.WriteNumber("cohenPairs", q.PairwiseCohen.PairsUsed);
                json.WriteStartArray("annotatorsVsMajority");
                foreach (var a in q.AnnotatorsVsMajority)
                {
                    json.WriteStartObject();
                    json.WriteString("annotator", a.Annotator);
                    json.WriteNumber("itemsCompared", a.ItemsCompared);
                    Number(json, "agreement", a.Rate);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void Line(TextWriter output, string name, string value) => output.WriteLine($"  {name,-20} {value}");

    private static string Number(double value) =>
        double.IsNaN(value) ? "undefined" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, Math.Round(v, 6));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
