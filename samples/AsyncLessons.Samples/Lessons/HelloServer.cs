using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Samples.Lessons;

/// <summary>
/// The notes' asyncio server in C#: a <see cref="TcpListener"/> on 127.0.0.1 with hand-written HTTP/1.1 that answers
/// every request with "Hello, world!" and the same CORS headers. Each connection gets its own handler task; a handler
/// that awaits leaves the listener free to accept the next client. Disposing it stops accepting, lets the handlers
/// in flight finish, and releases the port.
/// </summary>
public sealed class HelloServer : IAsyncDisposable
{
    public const string Body = "Hello, world!";

    /// <summary>How long a handler waits for a client before it gives up (so a silent client cannot hold up shutdown).</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private static readonly byte[] Response = Encoding.ASCII.GetBytes(
        "HTTP/1.1 200 OK\r\n"
        + "Content-Type: text/plain\r\n"
        + "Access-Control-Allow-Origin: *\r\n"
        + "Access-Control-Allow-Methods: GET, POST, PUT, DELETE, OPTIONS\r\n"
        + "Access-Control-Allow-Headers: Content-Type\r\n"
        + $"Content-Length: {Body.Length}\r\n"
        + "Connection: close\r\n"
        + "\r\n"
        + Body);

    private readonly TcpListener _listener;
    private readonly LessonContext _context;
    private readonly TimeSpan _handlerWork;
    private readonly CancellationTokenSource _stopping = new();
    private Task _acceptLoop = Task.CompletedTask;
    private int _inFlight;
    private int _maxInFlight;
    private int _handled;

    private HelloServer(LessonContext context, TimeSpan handlerWork)
    {
        _context = context;
        _handlerWork = handlerWork;

        // Port 0: the operating system picks a free (ephemeral) port, so two runs never fight over one.
        _listener = new TcpListener(IPAddress.Loopback, port: 0);
    }

    /// <summary>Where the server listens (127.0.0.1 and the port the system chose).</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>The most requests that were being handled at the same moment.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>How many requests got their response.</summary>
    public int Handled => Volatile.Read(ref _handled);

    /// <summary>Starts listening; <paramref name="handlerWork"/> is how long each handler awaits before it answers.</summary>
    public static HelloServer Start(LessonContext context, TimeSpan handlerWork)
    {
        var server = new HelloServer(context, handlerWork);
        server._listener.Start();
        server._acceptLoop = server.AcceptLoopAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _acceptLoop;
        }
        finally
        {
            _listener.Stop();
            _stopping.Dispose();
        }
    }

    private async Task AcceptLoopAsync()
    {
        var handlers = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                handlers.RemoveAll(static handler => handler.IsCompletedSuccessfully);
                handlers.Add(HandleRequestAsync(client));
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: accept no more connections.
        }

        // Clean shutdown: the requests already in flight finish (each within RequestTimeout) before the port is
        // released; a handler that failed in an unexpected way surfaces here.
        await Task.WhenAll(handlers);
    }

    /// <summary><c>handle_request(reader, writer)</c>: read the request, answer, close the connection.</summary>
    private async Task HandleRequestAsync(TcpClient client)
    {
        using (client)
        using (var timeout = new CancellationTokenSource(RequestTimeout))
        {
            var cancellationToken = timeout.Token;
            var inFlight = Interlocked.Increment(ref _inFlight);
            UpdateMax(inFlight);
            try
            {
                await using var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, detectEncodingFromByteOrderMarks: false, bufferSize: 1024, leaveOpen: true);
                var requestLine = await reader.ReadLineAsync(cancellationToken);
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync(cancellationToken)))
                {
                    // Skip the request headers, up to the blank line that ends them.
                }

                _context.WriteLine($"  server: handling request '{requestLine}'");

                // The handler waits for something (a database, another service). It awaits, so the listener
                // accepts and serves other clients meanwhile.
                await Task.Delay(_handlerWork, cancellationToken);

                await stream.WriteAsync(Response, cancellationToken);
                Interlocked.Increment(ref _handled);
                _context.WriteLine("  server: request processed");
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                _context.WriteLine($"  server: request abandoned ({e.GetType().Name})");
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    private void UpdateMax(int candidate)
    {
        var current = Volatile.Read(ref _maxInFlight);
        while (candidate > current)
        {
            var seen = Interlocked.CompareExchange(ref _maxInFlight, candidate, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
