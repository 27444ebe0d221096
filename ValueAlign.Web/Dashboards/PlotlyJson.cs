using System.Text.Json;
using System.Text.Json.Serialization;

namespace ValueAlign.Web.Dashboards;

/// <summary>
/// Plotly.Blazor's trace and layout objects as the JSON plotly.js reads (their properties carry
/// plotly's attribute names and enum values), without the unset (null) attributes.
/// </summary>
public static class PlotlyJson
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static JsonElement Element(object value) => JsonSerializer.SerializeToElement(value, value.GetType(), Options);
}
