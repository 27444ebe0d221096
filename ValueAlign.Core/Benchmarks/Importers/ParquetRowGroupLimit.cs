using System.Globalization;
using Parquet;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// A Parquet file is decoded one row group at a time, and a row group only as a whole, so the
/// largest row group is what an import holds in memory. Row groups above
/// <see cref="Import.ImportLimits.MaxParquetRowGroupRows"/> are refused before any is read.
/// </summary>
internal static class ParquetRowGroupLimit
{
    /// <summary>Reports every row group over the limit; true when all of them fit.</summary>
    public static bool Check(ParquetReader reader, ImportContext context)
    {
        var max = context.Limits.MaxParquetRowGroupRows;
        var fits = true;
        for (var group = 0; group < reader.RowGroupCount; group++)
        {
            var rows = reader.RowGroups[group].RowCount;
            if (rows > max)
            {
                context.Error(null, $"row group {group + 1}", null, string.Format(CultureInfo.InvariantCulture,
                    "the row group holds {0:N0} rows, more than the {1:N0} an import reads at once (setting Import:MaxParquetRowGroupRows); write the file with smaller row groups",
                    rows, max));
                fits = false;
            }
        }
        return fits;
    }
}
