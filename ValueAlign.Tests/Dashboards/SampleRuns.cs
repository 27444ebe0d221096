using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Tests.Dashboards;

/// <summary>Runs inserted directly with hand-written report JSON, as the run engine would store them.</summary>
public static class SampleRuns
{
    /// <summary>A culture-MCQ report: metrics with intervals, bars with CIs, a heatmap, a polar profile, a rank histogram, a table.</summary>
    public const string CultureReportJson = """
        {"method":"culture-mcq",
         "metrics":[{"key":"accuracy","label":"Accuracy","value":0.625,"lower":0.306,"upper":0.863,"n":8},
                    {"key":"circular","label":"CircularEval accuracy","value":0.25}],
         "charts":[
          {"id":"acc-country","title":"Accuracy by country","kind":"bars","categories":["Japan","India"],
           "series":[{"name":"accuracy","values":[0.75,0.5],"lower":[0.3,0.15],"upper":[0.95,0.85]}],"yTitle":"accuracy","minimum":0,"maximum":1},
          {"id":"consistency","title":"Cross-lingual consistency","kind":"heatmap","categories":["en","ja"],
           "series":[{"name":"en","values":[1,0.6]},{"name":"ja","values":[0.6,1]}],"minimum":0,"maximum":1},
          {"id":"profile","title":"Value profile","kind":"polar","categories":["care","fairness","loyalty"],
           "series":[{"name":"model","values":[4,null,2]}],"minimum":0,"maximum":5},
          {"id":"ranks","title":"Rank distribution","kind":"histogram","categories":["1","2","3"],
           "series":[{"name":"utilitarian","values":[3,1,0]},{"name":"care","values":[0,2,2]}]}],
         "tables":[{"id":"per-item","title":"Hardest items","columns":["item","correct"],"rows":[["demo-jp-001","no"]]}]}
        """;

    public static async Task<EvalRun> InsertAsync(IDbContextFactory<ValueAlignDbContext> factory, string name, string? reportJson = CultureReportJson,
        string method = "culture-mcq", string model = "stories260K.gguf", string parameters = """{"mode":"likelihood"}""")
    {
        var run = new EvalRun
        {
            Name = name,
            Method = method,
            ModelPath = model,
            ModelFileName = model,
            ModelSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name + model))),
            ModelBytes = 1000,
            ParametersJson = parameters,
            Seed = 7,
            ConfigHash = Guid.NewGuid().ToString("N"),
            ReportJson = reportJson,
            CreatedBy = "curator@example.org",
            CreatedAt = DateTime.UtcNow,
            FinishedAt = DateTime.UtcNow,
        };
        await using var db = await factory.CreateDbContextAsync();
        db.EvalRuns.Add(run);
        await db.SaveChangesAsync();
        return run;
    }
}
