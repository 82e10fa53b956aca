using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Rectification.Core.Notifications;
using Rectification.Core.Time;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>E-mail goes through a real SMTP conversation and arrives as sent: Chinese intact, dated by the app's clock.</summary>
public sealed class EmailSenderTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(8));
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_chinese_message_arrives_with_its_subject_names_bodies_and_date()
    {
        await using var server = await TestSmtpServer.StartAsync();
        var sender = Sender(Options(server));
        var message = new EmailMessage(
            "zhang.san@jiaxiang.example.cn",
            "张三",
            "【巡察整改】即将到期:学校食堂“三净”管理不到位",
            "张三,您好!\n\n以下问题的整改时限为2026年12月5日,即将到期。\n",
            "<p>张三,您好!</p>\n<p>以下问题的整改时限为2026年12月5日,即将到期。</p>\n");

        Assert.True(await sender.SendAsync(message, CancellationToken.None));

        var received = Assert.Single(await server.WaitForAsync(1, s_wait));
        Assert.Equal(message.Subject, received.Subject);
        var from = Assert.Single(received.From.Mailboxes);
        Assert.Equal(("巡察整改管理系统", "xuncha@jiaxiang.example.cn"), (from.Name, from.Address));
        var to = Assert.Single(received.To.Mailboxes);
        Assert.Equal(("张三", "zhang.san@jiaxiang.example.cn"), (to.Name, to.Address));
        Assert.Equal(message.TextBody, received.TextBody?.ReplaceLineEndings("\n"));
        Assert.Equal(message.HtmlBody, received.HtmlBody?.ReplaceLineEndings("\n"));
        Assert.Equal(s_now, received.Date);
        Assert.Equal(TimeSpan.FromHours(8), received.Date.Offset);
        Assert.EndsWith("@jiaxiang.example.cn", received.MessageId, StringComparison.Ordinal);
        Assert.Equal("auto-generated", received.Headers["Auto-Submitted"]);
        // Encoded words in UTF-8: the Chinese survives relays that only pass 7-bit headers.
        var rawSubject = received.Headers.First(h => h.Id == HeaderId.Subject).RawValue;
        Assert.All(rawSubject, b => Assert.True(b < 0x80));
        Assert.Contains("=?utf-8?", System.Text.Encoding.ASCII.GetString(rawSubject), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_message_without_html_is_plain_text_only()
    {
        await using var server = await TestSmtpServer.StartAsync();
        var sender = Sender(Options(server));

        await sender.SendAsync(new EmailMessage("li.si@example.cn", "李四", "【巡察整改】已销号", "问题已销号。\n", null), CancellationToken.None);

        var received = Assert.Single(await server.WaitForAsync(1, s_wait));
        var text = Assert.IsType<TextPart>(received.Body);
        Assert.True(text.IsPlain);
        // SMTP's end-of-data marker takes the last line break of a single-part message with it.
        Assert.Equal("问题已销号。", text.Text.TrimEnd());
    }

    [Fact]
    public async Task Each_message_arrives_once_in_the_order_sent()
    {
        await using var server = await TestSmtpServer.StartAsync();
        var sender = Sender(Options(server));

        for (var i = 1; i <= 3; i++)
        {
            await sender.SendAsync(new EmailMessage($"u{i}@example.cn", $"用户{i}", $"第{i}封", "正文", null), CancellationToken.None);
        }

        var received = await server.WaitForAsync(3, s_wait);
        Assert.Equal(["第1封", "第2封", "第3封"], received.Select(m => m.Subject));
        Assert.Equal(3, received.Select(m => m.MessageId).Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Without_a_host_nothing_is_sent_and_nothing_is_connected_to(string host)
    {
        using var listener = Listen();
        var options = new SmtpOptions { Host = host, Port = ((IPEndPoint)listener.LocalEndpoint).Port, FromAddress = "xuncha@example.cn" };
        var sender = Sender(options);

        Assert.False(sender.IsEnabled);
        Assert.False(await sender.SendAsync(new EmailMessage("a@example.cn", "甲", "主题", "正文", null), CancellationToken.None));
        await Task.Delay(100);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task A_server_that_refuses_the_connection_makes_sending_throw()
    {
        int port;
        using (var listener = Listen())
        {
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var sender = Sender(new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, FromAddress = "xuncha@example.cn" });

        var error = await Assert.ThrowsAsync<EmailDeliveryException>(
            () => sender.SendAsync(new EmailMessage("a@example.cn", "甲", "主题", "正文", null), CancellationToken.None));
        Assert.IsType<SocketException>(error.InnerException);
    }

    [Fact]
    public async Task A_server_that_never_answers_makes_sending_throw_after_the_timeout()
    {
        // Accepts the connection but never greets, as a hung relay would.
        using var listener = Listen();
        var sender = Sender(new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)listener.LocalEndpoint).Port,
            Security = SmtpSecurity.None,
            FromAddress = "xuncha@example.cn",
            TimeoutSeconds = 1,
        });

        await Assert.ThrowsAsync<EmailDeliveryException>(
            () => sender.SendAsync(new EmailMessage("a@example.cn", "甲", "主题", "正文", null), CancellationToken.None));
    }

    [Fact]
    public async Task A_password_is_not_sent_to_a_server_without_tls()
    {
        await using var server = await TestSmtpServer.StartAsync();
        var sender = Sender(new SmtpOptions
        {
            Host = server.Host,
            Port = server.Port,
            Security = SmtpSecurity.StartTlsWhenAvailable,
            UserName = "xuncha",
            Password = "secret",
            FromAddress = "xuncha@example.cn",
        });

        var error = await Assert.ThrowsAsync<EmailDeliveryException>(
            () => sender.SendAsync(new EmailMessage("a@example.cn", "甲", "主题", "正文", null), CancellationToken.None));
        Assert.IsType<System.Security.Authentication.AuthenticationException>(error.InnerException);
        Assert.Empty(server.Messages);
    }

    [Theory]
    [InlineData("")]
    [InlineData("zhangsan")]
    [InlineData("张三 <zhangsan@example.cn>")]
    [InlineData("a@example.cn, b@example.cn")]
    public async Task A_recipient_that_is_not_an_address_is_refused_before_connecting(string address)
    {
        using var listener = Listen();
        var sender = Sender(new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)listener.LocalEndpoint).Port,
            Security = SmtpSecurity.None,
            FromAddress = "xuncha@example.cn",
        });

        await Assert.ThrowsAsync<ArgumentException>(
            () => sender.SendAsync(new EmailMessage(address, "张三", "主题", "正文", null), CancellationToken.None));
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task The_app_sends_with_the_smtp_settings_it_is_configured_with()
    {
        await using var server = await TestSmtpServer.StartAsync();
        using var app = new AppFactory();
        using var configured = app.WithWebHostBuilder(builder => builder
            .UseSetting("Smtp:Host", server.Host)
            .UseSetting("Smtp:Port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Smtp:Security", "None")
            .UseSetting("Smtp:FromAddress", "xuncha@jiaxiang.example.cn"));
        var sender = configured.Services.GetRequiredService<IEmailSender>();

        Assert.True(sender.IsEnabled);
        Assert.True(await sender.SendAsync(new EmailMessage("li.si@example.cn", "李四", "【巡察整改】督办", "请及时签收。", null), CancellationToken.None));

        var received = Assert.Single(await server.WaitForAsync(1, s_wait));
        Assert.Equal("【巡察整改】督办", received.Subject);
        Assert.Equal(SmtpOptions.DefaultFromName, received.From.Mailboxes.Single().Name);
        Assert.Equal(AppFactory.Start, received.Date);
    }

    private static SmtpOptions Options(TestSmtpServer server) => new()
    {
        Host = server.Host,
        Port = server.Port,
        Security = SmtpSecurity.None,
        FromAddress = "xuncha@jiaxiang.example.cn",
    };

    private static SmtpEmailSender Sender(SmtpOptions options)
    {
        var time = new FakeTimeProvider(s_now);
        return new SmtpEmailSender(
            Microsoft.Extensions.Options.Options.Create(options),
            time,
            new BusinessClock(time, Microsoft.Extensions.Options.Options.Create(new TimeOptions())),
            NullLogger<SmtpEmailSender>.Instance);
    }

    private static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }
}
