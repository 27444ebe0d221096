using System.Text;
using System.Text.Json;

namespace ValueAlign.Core.Benchmarks.Query;

/// <summary>
/// A position in a sorted item list: the sort column's value of the last row seen (null for a
/// row whose column is empty, unused when sorting by id) and its id. It travels in the URL as an
/// opaque base64url string, so a reload or a shared link continues from the same row.
/// </summary>
public sealed record ItemCursor(string? Key, long Id)
{
    public string Encode()
    {
        var json = JsonSerializer.Serialize(new Wire(Key, Id));
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The cursor in <paramref name="text"/>, or null when it is missing or not one (the list then starts at the top).</summary>
    public static ItemCursor? TryDecode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 2048)
        {
            return null;
        }
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - base64.Length % 4) % 4);
            var wire = JsonSerializer.Deserialize<Wire>(Convert.FromBase64String(base64));
            return wire is null ? null : new ItemCursor(wire.K, wire.I);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private sealed record Wire(string? K, long I);
}
