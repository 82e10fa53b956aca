using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Rectification.Core.Notifications;

internal static class SmtpOptionsSetup
{
    /// <summary>
    /// Binds <c>Smtp:*</c> and checks it at start-up: a host without a valid sender address would otherwise
    /// surface only when the first reminder fails, days later.
    /// </summary>
    public static IServiceCollection AddSmtpOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpOptions>()
            .Bind(configuration.GetSection(SmtpOptions.Section))
            .Validate(o => !o.IsEnabled || EmailAddresses.TryParse(o.FromAddress, out _), "Smtp:FromAddress must be an e-mail address when Smtp:Host is set.")
            .Validate(o => o.Port is > 0 and <= 65535, "Smtp:Port must be between 1 and 65535.")
            .Validate(o => o.TimeoutSeconds is > 0 and <= 3600, "Smtp:TimeoutSeconds must be between 1 and 3600.")
            .ValidateOnStart();
        return services;
    }
}
