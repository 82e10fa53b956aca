using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Rectification.IntegrationTests.Infrastructure;

/// <summary>What the account tests share: the login page's one refusal, and reading redirects and accounts.</summary>
public static class Accounts
{
    public const string LoginRefused = "登录失败:用户名或密码不正确,或账号已停用、已被临时锁定。";

    public const string SecondStepRefused = "验证失败:验证码不正确,或账号已停用、已被临时锁定。";

    public const string CodeAlreadyUsed = "验证失败:该验证码已使用过,每个验证码只能使用一次。请等身份验证器显示新的验证码后再输入。";

    /// <summary>True for the cookie handler's answer to a request without a valid session: to the login page.</summary>
    public static bool IsLoginRedirect(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location is { } location
        && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]) == "/Account/Login";

    public static string RedirectPath(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
    }

    public static Task<string> UserIdAsync(this AppFactory app, string userName) =>
        app.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    /// <summary>Starts the host (migrations and demo data at the clock's start) without signing anyone in.</summary>
    public static AppFactory Started(this AppFactory app)
    {
        _ = app.Services;
        return app;
    }
}
