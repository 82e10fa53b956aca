using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rectification.Core.Reports;

/// <summary>A composed <see cref="ReportDocument"/> as the JSON kept in <see cref="PublicReport.PublishedContent"/>.</summary>
public static class ReportSnapshot
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        // Chinese stays readable in the column; the text is only ever rendered through HTML encoding.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(ReportDocument document) => JsonSerializer.Serialize(document, s_json);

    public static ReportDocument Deserialize(string json) =>
        JsonSerializer.Deserialize<ReportDocument>(json, s_json) ?? throw new JsonException("Empty report snapshot.");
}
