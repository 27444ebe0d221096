using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Adjudication;
using ValueAlign.Core.Benchmarks.Export;
using ValueAlign.Web.Benchmarks;

namespace ValueAlign.Web.Hosting;

/// <summary>
/// <c>GET /benchmarks/export?format=jsonl|csv|parquet|hf&amp;…filters</c>: the filtered library as a
/// download for signed-in users (verified labels as <see cref="LabelDisclosure"/> allows), streamed by <see cref="ItemExporter"/> (Parquet goes through a
/// temporary file because its writer needs a seekable stream).
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/benchmarks/export", async (HttpContext context, ItemExporter exporter, CancellationToken cancellationToken) =>
        {
            var query = context.Request.Query;
            ExportFormat format;
            try
            {
                format = ItemExporter.ParseFormat(query["format"].ToString() is { Length: > 0 } f ? f : "jsonl");
            }
            catch (ArgumentException e)
            {
                return Results.Text(e.Message.Split(" (Parameter")[0], "text/plain", statusCode: StatusCodes.Status400BadRequest);
            }
            var filter = ItemFilterQueryString.Parse(key => query[key].ToString());
            // Annotators appear under pseudonyms unless a Curator or Admin asks for identities (?annotators=names).
            var disclosure = LabelDisclosure.For(context.User, identitiesRequested: query["annotators"] == "names");
            var (contentType, extension) = Describe(format);
            var name = $"{filter.Benchmark ?? "benchmarks"}-{DateTime.UtcNow:yyyyMMdd-HHmmss}{extension}";
            var fileName = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());

            if (format == ExportFormat.Parquet)
            {
                var temp = Path.Combine(Path.GetTempPath(), $"valuealign-export-{Guid.NewGuid():N}.parquet");
                try
                {
                    await exporter.ExportAsync(filter, format, temp, disclosure, cancellationToken);
                }
                catch
                {
                    File.Delete(temp);
                    throw;
                }
                var stream = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.DeleteOnClose);
                return Results.File(stream, contentType, fileName);
            }
            return Results.Stream(async body =>
            {
                await exporter.ExportAsync(filter, format, body, disclosure, cancellationToken);
            }, contentType, fileName);
        }).RequireAuthorization(WorkbenchPolicies.SignedIn);
        return app;
    }

    public static (string ContentType, string Extension) Describe(ExportFormat format) => format switch
    {
        ExportFormat.Csv => ("text/csv; charset=utf-8", ".csv"),
        ExportFormat.Parquet => ("application/vnd.apache.parquet", ".parquet"),
        ExportFormat.HuggingFace => ("application/x-ndjson; charset=utf-8", ".hf.jsonl"),
        _ => ("application/x-ndjson; charset=utf-8", ".jsonl"),
    };
}
