using System.Net;
using System.Net.Sockets;

namespace Ecosystem.Api.Tests;

/// <summary>
/// A loopback TCP relay in front of the real PostgreSQL, so one test can take the database away from one service
/// (close every connection, refuse new ones) and give it back on the same port, without touching the shared server.
/// </summary>
public sealed class TcpRelay : IDisposable
{
    readonly string targetHost;
    readonly int targetPort;
    readonly List<TcpClient> open = [];
    TcpListener? listener;
    CancellationTokenSource? running;

    public TcpRelay(string targetHost, int targetPort)
    {
        (this.targetHost, this.targetPort) = (targetHost, targetPort);
        Port = ServiceProcess.FreePort();
        Start();
    }

    public int Port { get; }

    public void Start()
    {
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        running = new CancellationTokenSource();
        _ = AcceptAsync(listener, running.Token);
    }

    /// <summary>The outage: existing connections drop, new ones are refused.</summary>
    public void Break()
    {
        running?.Cancel();
        listener?.Stop();
        lock (open)
        {
            foreach (var client in open) client.Dispose();
            open.Clear();
        }
    }

    async Task AcceptAsync(TcpListener server, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await server.AcceptTcpClientAsync(ct); }
            catch (Exception) { return; }
            var upstream = new TcpClient();
            try { await upstream.ConnectAsync(targetHost, targetPort, ct); }
            catch (Exception)
            {
                client.Dispose();
                upstream.Dispose();
                continue;
            }
            lock (open) open.AddRange([client, upstream]);
            _ = PipeAsync(client, upstream);
            _ = PipeAsync(upstream, client);
        }
    }

    static async Task PipeAsync(TcpClient from, TcpClient to)
    {
        try { await from.GetStream().CopyToAsync(to.GetStream()); }
        catch (Exception) { }
        from.Dispose();
        to.Dispose();
    }

    public void Dispose() => Break();
}
