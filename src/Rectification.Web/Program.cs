using Rectification.Web;
using Serilog;

// A plain console logger until the host's own logger (configured from appsettings) takes over. It is not the
// reloadable bootstrap logger: several hosts in one test run cannot each freeze that one.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddRectificationWeb();

    var app = builder.Build();
    await app.InitializeDatabaseAsync();
    app.UseRectificationPipeline();
    await app.RunAsync();
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
