using System.Text;

namespace ValueAlign.Core.Benchmarks.Model;

/// <summary>
/// Turns a dimension or rule name as printed in a data set into the catalogue's kebab-case id:
/// "Self-direction: thought" → <c>self-direction-thought</c>, "Do not kill" → <c>do-not-kill</c>.
/// </summary>
public static class DimensionIds
{
    public static string Kebab(string name)
    {
        var builder = new StringBuilder(name.Length);
        var pendingDash = false;
        foreach (var c in name.Trim())
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingDash && builder.Length > 0)
                {
                    builder.Append('-');
                }
                pendingDash = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingDash = true;
            }
        }
        return builder.ToString();
    }
}
