using System.Text.Json;
using Rectification.Core.Notifications.GroupRobots;

namespace Rectification.UnitTests;

/// <summary>The platforms' message formats, 钉钉's signature and the address rule, without a network.</summary>
public sealed class GroupRobotPostTests
{
    private static readonly GroupRobotOptions s_options = new() { AllowedHosts = ["qyapi.weixin.qq.com", "oapi.dingtalk.com", "zwding.example.gov.cn:8443"] };

    [Fact]
    public void DingTalk_signature_matches_an_independent_HMAC_SHA256()
    {
        // Computed with Python's hmac/hashlib/base64 for this timestamp and secret, as 钉钉's documentation does.
        var address = GroupRobotPost.Address(
            new Uri("https://oapi.dingtalk.com/robot/send?access_token=abc"), "SECexample0123456789", DateTimeOffset.FromUnixTimeMilliseconds(1733623200000));

        Assert.Equal("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1733623200000&sign=%2FldLOYEts5DSTGVy1uv1RCiqeoB3ZGd4eF6HiGb8O6Y%3D", address.AbsoluteUri);
    }

    [Fact]
    public void Without_a_secret_the_address_is_left_as_saved()
    {
        var saved = new Uri("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k");
        Assert.Equal(saved, GroupRobotPost.Address(saved, null, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Each_platform_gets_its_own_markdown_shape()
    {
        var weCom = JsonDocument.Parse(GroupRobotPost.Body(RobotPlatform.WeCom, "标题", "正文\"引号\"")).RootElement;
        Assert.Equal("markdown", weCom.GetProperty("msgtype").GetString());
        Assert.Equal("### 标题\n正文\"引号\"", weCom.GetProperty("markdown").GetProperty("content").GetString());

        var dingTalk = JsonDocument.Parse(GroupRobotPost.Body(RobotPlatform.DingTalk, "标题", "正文")).RootElement;
        Assert.Equal("markdown", dingTalk.GetProperty("msgtype").GetString());
        Assert.Equal("标题", dingTalk.GetProperty("markdown").GetProperty("title").GetString());
        Assert.Equal("### 标题\n正文", dingTalk.GetProperty("markdown").GetProperty("text").GetString());
    }

    [Theory]
    [InlineData(200, "{\"errcode\":0,\"errmsg\":\"ok\"}", null)]
    [InlineData(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}", "errcode 310000: sign not match")]
    [InlineData(200, "<html>proxy</html>", "unexpected reply (no errcode)")]
    [InlineData(200, "{}", "unexpected reply (no errcode)")]
    [InlineData(502, "{\"errcode\":0}", "HTTP 502")]
    public void Only_errcode_0_with_a_success_status_is_delivered(int status, string reply, string? refusal) =>
        Assert.Equal(refusal, GroupRobotPost.Refusal(status, reply));

    [Theory]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", true)]
    [InlineData("https://OAPI.DINGTALK.COM/robot/send?access_token=t", true)]
    [InlineData("https://zwding.example.gov.cn:8443/robot/send?access_token=t", true)]
    [InlineData("https://zwding.example.gov.cn/robot/send", false)]
    [InlineData("https://qyapi.weixin.qq.com:444/cgi-bin/webhook/send", false)]
    [InlineData("http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", false)]
    [InlineData("https://127.0.0.1/robot/send", false)]
    [InlineData("https://a@oapi.dingtalk.com/robot/send", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("", false)]
    public void Only_https_on_an_allowed_host_may_be_used(string address, bool allowed) =>
        Assert.Equal(allowed, GroupRobotAddress.Parse(address, s_options, isProduction: false) is not null);

    [Fact]
    public void Plain_http_is_never_allowed_in_production()
    {
        var options = new GroupRobotOptions { AllowHttp = true, AllowedHosts = ["127.0.0.1:5000"] };
        Assert.NotNull(GroupRobotAddress.Parse("http://127.0.0.1:5000/robot/send", options, isProduction: false));
        Assert.Null(GroupRobotAddress.Parse("http://127.0.0.1:5000/robot/send", options, isProduction: true));
    }
}
