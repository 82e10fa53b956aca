using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Rectification.Core.Accounts;
using Rectification.Core.Data;
using Rectification.Core.Evidence;
using Rectification.Core.Extensions;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Mechanisms;
using Rectification.Core.Notifications.GroupRobots;
using Rectification.Core.Reports;
using Rectification.Core.Units;
using Rectification.Core.Urging;

namespace Rectification.Core.Auditing;

/// <summary>One change of a business entity, captured before saving (after saving, for its generated key).</summary>
internal sealed record CapturedChange(EntityEntry Entry, string Action, string EntityType, string? Details);

/// <summary>
/// Which entities the audit trail follows and what it writes about their changes. The timeline, notifications,
/// reminders, import batches and keys are not business records of their own (or hold secrets) and are left out.
/// </summary>
internal static class AuditCapture
{
    private const int MaxValueLength = 200;

    private static readonly JsonSerializerOptions s_json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly HashSet<Type> s_audited =
    [
        typeof(OrgUnit), typeof(AppUser), typeof(IdentityUserRole<string>), typeof(Inspection), typeof(FindingCategory),
        typeof(Finding), typeof(Measure), typeof(EvidenceItem), typeof(EvidenceVersion), typeof(DeadlineExtension), typeof(Urge),
        typeof(Mechanism), typeof(MechanismFinding), typeof(MechanismDocument), typeof(PublicReport), typeof(ReportComment),
        typeof(GroupRobot),
    ];

    /// <summary>
    /// Secrets, tokens, bookkeeping and a finding's derived columns (<see cref="DerivedColumns"/>): never written
    /// to the trail, and no reason on their own for an entry.
    /// </summary>
    private static readonly HashSet<string> s_ignored =
    [
        nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp), nameof(AppUser.NormalizedUserName),
        nameof(AppUser.NormalizedEmail), nameof(AppUser.AccessFailedCount), nameof(AppUser.LockoutEnd), nameof(AppUser.LastTotpStep), "Version", "UpdatedAt",
        nameof(GroupRobot.ProtectedAddress), nameof(GroupRobot.ProtectedSecret), nameof(GroupRobot.LastDeliveredAt), nameof(GroupRobot.LastFailedAt), nameof(GroupRobot.LastError),
        .. DerivedColumns.Names,
    ];

    public static List<CapturedChange> Capture(ChangeTracker tracker)
    {
        var changes = new List<CapturedChange>();
        foreach (var entry in tracker.Entries())
        {
            if (!s_audited.Contains(entry.Metadata.ClrType) || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            if (entry.Entity is IdentityUserRole<string> role)
            {
                if (entry.State != EntityState.Modified)
                {
                    changes.Add(new CapturedChange(entry, entry.State == EntityState.Added ? AuditActions.RoleGranted : AuditActions.RoleRevoked,
                        nameof(AppUser), Serialize(new Dictionary<string, string?> { ["RoleId"] = role.RoleId })));
                }

                continue;
            }

            switch (entry.State)
            {
                case EntityState.Added:
                    changes.Add(new CapturedChange(entry, AuditActions.Create, entry.Metadata.ClrType.Name, Serialize(Values(entry, current: true))));
                    break;
                case EntityState.Deleted:
                    changes.Add(new CapturedChange(entry, AuditActions.Delete, entry.Metadata.ClrType.Name, Serialize(Values(entry, current: false))));
                    break;
                default:
                    var modified = entry.Properties
                        .Where(p => p.IsModified && !s_ignored.Contains(p.Metadata.Name) && !Equals(p.OriginalValue, p.CurrentValue))
                        .ToDictionary(p => p.Metadata.Name, p => new[] { Text(p.OriginalValue), Text(p.CurrentValue) });
                    if (modified.Count == 0)
                    {
                        continue;
                    }

                    var action = modified.ContainsKey("Status") ? AuditActions.StatusChange : AuditActions.Update;
                    changes.Add(new CapturedChange(entry, action, entry.Metadata.ClrType.Name,
                        Serialize(modified.ToDictionary(m => m.Key, m => new { old = m.Value[0], @new = m.Value[1] }))));
                    break;
            }
        }

        return changes;
    }

    /// <summary>The entity's key as text, read after saving so generated keys are known.</summary>
    public static string? KeyOf(EntityEntry entry)
    {
        if (entry.Entity is IdentityUserRole<string> role)
        {
            return role.UserId;
        }

        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? null : string.Join(",", key.Properties.Select(p => Text(entry.Property(p.Name).CurrentValue)));
    }

    public static string Serialize(object value) => JsonSerializer.Serialize(value, s_json);

    private static Dictionary<string, string?> Values(EntityEntry entry, bool current) =>
        entry.Properties
            .Where(p => !s_ignored.Contains(p.Metadata.Name))
            .Select(p => (p.Metadata.Name, Value: Text(current ? p.CurrentValue : p.OriginalValue)))
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Name, p => p.Value);

    private static string? Text(object? value)
    {
        var text = value switch
        {
            null => null,
            DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            System.Collections.IEnumerable and not string => Serialize(value),
            _ => value.ToString(),
        };
        return text is { Length: > MaxValueLength } ? string.Concat(text.AsSpan(0, MaxValueLength), "…") : text;
    }
}
