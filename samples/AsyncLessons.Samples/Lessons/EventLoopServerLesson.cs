using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Samples.Lessons;

/// <summary>
/// The event loop: the notes' small web server, on 127.0.0.1 and a port the system picks. Several clients call it
/// at once; each handler awaits for a while before it answers, and the server stays responsive because awaiting
/// does not hold a thread. Then it shuts down cleanly and the port is released.
/// </summary>
public sealed class EventLoopServerLesson : ILesson
{
    private const int Clients = 5;

    public string Name => "server";

    public string Title => "The event loop: a small HTTP server answers concurrent clients while its handlers await";

    public async Task RunAsync(LessonContext context, CancellationToken cancellationToken)
    {
        IPEndPoint endPoint;
        var server = HelloServer.Start(context, handlerWork: context.Unit);
        await using (server)
        {
            endPoint = server.EndPoint;
            context.WriteLine($"Server running on {endPoint}");

            // A loopback call must never go through a proxy from the environment.
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://{endPoint}/") };

            // One request first, so the timing below measures the server, not the first use of HttpClient.
            var warmUp = await GetAsync(http, client: 0, cancellationToken);
            context.WriteLine($"warm-up request: {(int)warmUp.Status} \"{warmUp.Body}\"");
            context.WriteLine($"  {warmUp.Cors}");

            context.WriteLine($"{Clients} clients at once, each handler awaiting {Measure.Ms(context.Unit)} before it answers:");
            var stopwatch = Stopwatch.StartNew();
            var replies = await Task.WhenAll(Enumerable.Range(1, Clients).Select(client => GetAsync(http, client, cancellationToken)));
            var elapsed = stopwatch.Elapsed;
            foreach (var reply in replies)
            {
                context.WriteLine($"client {reply.Client}: {(int)reply.Status} \"{reply.Body}\"");
            }

            context.WriteLine($"all {Clients} answered in {Measure.Ms(elapsed)} (one at a time would take at least {Measure.Ms(context.Unit * Clients)}); at most {server.MaxInFlight} requests were in flight at once");
        }

        context.WriteLine($"server stopped after {server.Handled} requests");

        // Shut down means shut down: nothing listens on that port any more.
        using var probe = new TcpClient();
        try
        {
            await probe.ConnectAsync(endPoint, cancellationToken);
            context.WriteLine($"after shutdown, {endPoint} still accepts connections");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            context.WriteLine($"after shutdown, {endPoint} refuses connections: the port is released");
        }
    }

    private static async Task<Reply> GetAsync(HttpClient http, int client, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"hello?client={client}", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var cors = string.Join("; ", response.Headers
            .Where(header => header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase))
            .Select(header => $"{header.Key}: {string.Join(", ", header.Value)}"));
        return new Reply(client, response.StatusCode, body, cors);
    }

    private sealed record Reply(int Client, HttpStatusCode Status, string Body, string Cors);
}
