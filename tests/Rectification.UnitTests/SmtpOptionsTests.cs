using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rectification.Core;
using Rectification.Core.Notifications;

namespace Rectification.UnitTests;

/// <summary>The <c>Smtp:*</c> settings: off by default, bound as written, refused at start when they cannot work.</summary>
public sealed class SmtpOptionsTests
{
    [Fact]
    public void Without_settings_e_mail_is_off()
    {
        using var services = Services([]);
        var options = services.GetRequiredService<IOptions<SmtpOptions>>().Value;

        Assert.False(services.GetRequiredService<IEmailSender>().IsEnabled);
        Assert.Equal((25, SmtpSecurity.StartTlsWhenAvailable, "巡察整改管理系统", 30), (options.Port, options.Security, options.FromName, options.TimeoutSeconds));
    }

    [Fact]
    public void The_settings_are_bound_as_written()
    {
        using var services = Services(new()
        {
            ["Smtp:Host"] = "mail.jiaxiang.example.cn",
            ["Smtp:Port"] = "465",
            ["Smtp:Security"] = "SslOnConnect",
            ["Smtp:UserName"] = "xuncha",
            ["Smtp:Password"] = "secret",
            ["Smtp:FromAddress"] = "xuncha@jiaxiang.example.cn",
            ["Smtp:FromName"] = "嘉祥县委巡察办",
            ["Smtp:TimeoutSeconds"] = "10",
        });
        var options = services.GetRequiredService<IOptions<SmtpOptions>>().Value;

        Assert.True(services.GetRequiredService<IEmailSender>().IsEnabled);
        Assert.Equal(
            ("mail.jiaxiang.example.cn", 465, SmtpSecurity.SslOnConnect, "xuncha", "secret", "xuncha@jiaxiang.example.cn", "嘉祥县委巡察办", 10),
            (options.Host, options.Port, options.Security, options.UserName, options.Password, options.FromAddress, options.FromName, options.TimeoutSeconds));
    }

    [Theory]
    [InlineData("Smtp:FromAddress", "")]
    [InlineData("Smtp:FromAddress", "巡察办")]
    [InlineData("Smtp:Port", "0")]
    [InlineData("Smtp:TimeoutSeconds", "0")]
    public void Settings_that_cannot_work_are_refused(string key, string value)
    {
        using var services = Services(new()
        {
            ["Smtp:Host"] = "mail.jiaxiang.example.cn",
            ["Smtp:FromAddress"] = "xuncha@jiaxiang.example.cn",
            [key] = value,
        });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SmtpOptions>>().Value);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddRectificationCore(configuration).BuildServiceProvider();
    }
}
