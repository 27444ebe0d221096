using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ValueAlign.Web.Components.Layout;
using ValueAlign.Web.Hosting;

namespace ValueAlign.Tests.Web.Layout;

public class ErrorReportingTests
{
    [Fact]
    public async Task A_page_that_throws_shows_a_friendly_message_with_the_correlation_id_that_was_logged()
    {
        var log = new CapturingLoggerProvider();
        await using var ctx = new BunitContext();
        ctx.Services.AddLogging(l => l.AddProvider(log));

        var boundary = ctx.Render<ShellErrorBoundary>(p => p.AddChildContent<Throwing>());

        var shown = boundary.Find("[data-testid=correlation-id]").TextContent;
        Assert.Matches("^[0-9a-f]{12}$", shown);
        Assert.Contains("Something went wrong", boundary.Markup);
        Assert.DoesNotContain("page exploded", boundary.Markup); // no exception details for the user
        var entry = Assert.Single(log.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains(shown, entry.Message);
        Assert.Equal("page exploded", entry.Exception!.Message);
    }

    [Fact]
    public async Task Request_exceptions_are_logged_with_the_id_the_error_page_shows()
    {
        var log = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(l => l.AddProvider(log));
        var handler = new CorrelatedExceptionLogger(factory.CreateLogger<CorrelatedExceptionLogger>());
        var context = new DefaultHttpContext { TraceIdentifier = "req-42" };
        context.Request.Path = "/boom";

        var handled = await handler.TryHandleAsync(context, new InvalidOperationException("broken"), CancellationToken.None);

        Assert.False(handled); // the /error page still renders
        var entry = Assert.Single(log.Entries);
        Assert.Contains(CorrelatedExceptionLogger.CorrelationId(context), entry.Message);
        Assert.Contains("/boom", entry.Message);
    }

    private sealed class Throwing : ComponentBase
    {
        protected override void OnInitialized() => throw new InvalidOperationException("page exploded");
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Entries)
                {
                    owner.Entries.Add((logLevel, formatter(state, exception), exception));
                }
            }
        }
    }
}
