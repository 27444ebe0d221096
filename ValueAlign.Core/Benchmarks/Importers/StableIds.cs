using System.Security.Cryptography;
using System.Text;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>Ids for records that carry none: a hash of the record text, so re-imports match.</summary>
public static class StableIds
{
    public static string Of(string prefix, string recordText)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(recordText));
        return prefix + "-" + Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}
