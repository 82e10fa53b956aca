using System.Diagnostics.CodeAnalysis;
using MimeKit;

namespace Rectification.Core.Notifications;

internal static class EmailAddresses
{
    /// <summary>
    /// One bare address (a@b.cn), nothing more: MimeKit alone would also accept "Name &lt;a@b.cn&gt;" or a local
    /// part without a domain, which the SMTP server would then refuse much later.
    /// </summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out string? address)
    {
        address = null;
        if (value is null || !MailboxAddress.TryParse(value, out var parsed) || string.IsNullOrEmpty(parsed.Domain)
            || parsed.Address != value.Trim())
        {
            return false;
        }

        address = parsed.Address;
        return true;
    }
}
