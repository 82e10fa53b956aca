using Rectification.Web;
using Serilog;

// A plain console logger until the host's own logger (configured from appsettings) takes over. It is not the
// reloadable bootstrap logger: several hosts in one test run cannot each freeze that one.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();
try
{
    // Verbs for operators run against the configured database and exit: `audit verify`, `audit verify-archive <file>`,
    // `audit digest`, `audit new-key <file>`, `counters verify`.
    var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;
    var builder = WebApplication.CreateBuilder(command is null ? args : args[1..]);
    builder.AddRectificationWeb();

    var app = builder.Build();
    if (command is not null)
    {
        return await Commands.RunAsync(app, command, args[1..]);
    }

    await app.InitializeDatabaseAsync();
    app.UseRectificationPipeline();
    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (exception is not HostAbortedException)
{
    Log.Fatal(exception, "Rectification stopped unexpectedly");
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
