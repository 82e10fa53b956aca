using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rectification.Core.Auditing;

/// <summary>
/// The hash of an entry: SHA-256 over its fields in a fixed order, separated by a character that cannot occur in
/// them (U+001F), followed by the previous entry's hash.
/// </summary>
public static class AuditHasher
{
    private const char Separator = '\u001f';

    public static string Compute(AuditEntry entry) => Compute(
        entry.Sequence, entry.At, entry.UserId, entry.UserName, entry.UnitPath, entry.ClientAddress, entry.Action,
        entry.EntityType, entry.EntityId, entry.Outcome, entry.Details, entry.PreviousHash);

    public static string Compute(
        long sequence, DateTime at, string? userId, string userName, string? unitPath, string? clientAddress, string action,
        string? entityType, string? entityId, AuditOutcome outcome, string? details, string previousHash)
    {
        var text = new StringBuilder(256)
            .Append(sequence.ToString(CultureInfo.InvariantCulture)).Append(Separator)
            .Append(DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append(Separator)
            .Append(userId).Append(Separator)
            .Append(userName).Append(Separator)
            .Append(unitPath).Append(Separator)
            .Append(clientAddress).Append(Separator)
            .Append(action).Append(Separator)
            .Append(entityType).Append(Separator)
            .Append(entityId).Append(Separator)
            .Append(((int)outcome).ToString(CultureInfo.InvariantCulture)).Append(Separator)
            .Append(details).Append(Separator)
            .Append(previousHash)
            .ToString();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The moment as stored: UTC, whole milliseconds (PostgreSQL keeps microseconds, SQLite text, SQL Server 100 ns).</summary>
    public static DateTime Truncate(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
}
