using System.Text;

namespace ValueAlign.Core.Benchmarks.Export;

/// <summary>Writes CSV cells: RFC 4180 quoting, and formula injection neutralised.</summary>
public static class CsvCells
{
    /// <summary>
    /// A cell a spreadsheet would run as a formula (starts with <c>=</c>, <c>+</c>, <c>-</c>,
    /// <c>@</c>, tab or CR) gets a leading apostrophe, as OWASP recommends.
    /// </summary>
    public static string Neutralise(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        return value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
    }

    public static void Append(StringBuilder line, string? value)
    {
        var cell = Neutralise(value);
        if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            line.Append('"').Append(cell.Replace("\"", "\"\"")).Append('"');
        }
        else
        {
            line.Append(cell);
        }
    }
}
